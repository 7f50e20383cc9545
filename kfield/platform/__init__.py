"""Platform adapters: one small Host interface, a Linux and a Windows implementation."""

from __future__ import annotations

import sys

from kfield.platform.base import Host, NotSupported

__all__ = ["Host", "NotSupported", "current_host"]


def current_host() -> Host:
    if sys.platform == "win32":
        from kfield.platform.windows import WindowsHost

        return WindowsHost()
    from kfield.platform.linux import LinuxHost

    return LinuxHost()
