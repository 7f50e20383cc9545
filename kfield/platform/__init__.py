"""Platform adapters: one small Host interface (facts about this computer), a Linux and a
Windows implementation. Network actions live in kfield.net.actions; kfield.machine joins them."""

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
