"""Windows facts: language-independent sources first (kfield/platform/win32: IP Helper, Native
Wifi, crypt32, typed registry, COM through pywin32), PowerShell JSON and tool text as fallbacks
(windows_net/sec/sign.py). Which source per fact: docs/windows-facts.md."""

from __future__ import annotations

import platform

from kfield.core.errors import NotSupported
from kfield.platform.base import Host, OsInfo
from kfield.platform.windows_net import WindowsNetMixin
from kfield.platform.windows_sec import WindowsSecMixin
from kfield.platform.windows_sign import WindowsSignMixin


class WindowsHost(WindowsSignMixin, WindowsSecMixin, WindowsNetMixin, Host):
    family = "windows"

    def system_mount(self) -> str:
        import os

        return os.environ.get("SystemDrive", "C:") + "\\"

    def os_info(self) -> OsInfo:
        release, version, _, _ = platform.win32_ver()
        build = version.rsplit(".", 1)[-1] if version else ""
        major = "11" if build.isdigit() and int(build) >= 22000 else release
        edition = platform.win32_edition() or ""
        return OsInfo("windows", f"Windows {major} {edition}".strip(), major, build, f"windows-{major}")

    def processes(self):
        """psutil's process list; a Windows call that fails (wine answers NtQuerySystemInformation
        with WinError 87) is "could not check" in words, its code kept, never the exception's text."""
        try:
            return super().processes()
        except OSError as exc:
            raise windows_failed("processes", exc) from None


# one sentence per question (plain parameters: a result's params go into JSON and visit logs)
NO_ANSWER = {"processes": "pc.windows.no_answer.processes"}


def windows_failed(what: str, exc: OSError) -> NotSupported:
    """A skip saying which question Windows did not answer, with the Windows (else errno) code."""
    code = getattr(exc, "winerror", None) or getattr(exc, "errno", None) or 0
    return NotSupported(NO_ANSWER[what], code=int(code) if isinstance(code, int) else 0)
