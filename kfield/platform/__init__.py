"""Platform adapters: one small Host interface (facts about this computer), a Linux and a
Windows implementation. Network actions live in kfield.net.actions; kfield.machine joins them.

Map: the `Host` adapter (facts only; never imports `kfield.net`): `base.py` (interface + portable psutil
parts), `linux*.py`, `windows*.py` (source chains and text-fallback parsers tested on recorded outputs in
`tests/fixtures/windows/`)
"""

from __future__ import annotations

import sys

from kfield.platform.base import Host, NotSupported, SourceUnavailable

__all__ = ["Host", "NotSupported", "SourceUnavailable", "current_facts"]


def current_facts() -> Host:
    if sys.platform == "win32":
        from kfield.platform.windows import WindowsHost

        return WindowsHost()
    from kfield.platform.linux import LinuxHost

    return LinuxHost()
