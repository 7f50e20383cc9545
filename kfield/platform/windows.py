"""Windows facts: language-independent sources first (kfield/platform/win32: IP Helper, Native
Wifi, crypt32, typed registry, COM through pywin32), PowerShell JSON and tool text as fallbacks
(windows_net/sec/sign.py). Which source per fact: docs/windows-facts.md."""

from __future__ import annotations

import platform
import re

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

    def display_language(self) -> str | None:
        """GetUserDefaultUILanguage (a LANGID, never translated), else the typed registry value
        HKCU\\Control Panel\\Desktop PreferredUILanguages / MUILanguages; None when neither answers."""
        try:
            import ctypes

            tag = langid_tag(ctypes.windll.kernel32.GetUserDefaultUILanguage())
        except (ImportError, AttributeError, OSError):
            tag = None
        return tag or _registry_ui_language()

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


# LANGIDs of the display languages kfield names menus in (primary language 0x2A Vietnamese, 0x09 English);
# others keep their primary language only, which is enough to know it is neither
LANGID_TAGS = {0x042A: "vi-VN", 0x0409: "en-US", 0x0809: "en-GB", 0x0C09: "en-AU", 0x1009: "en-CA"}
PRIMARY_TAGS = {0x2A: "vi", 0x09: "en", 0x07: "de", 0x0C: "fr", 0x04: "zh", 0x11: "ja", 0x12: "ko"}
DESKTOP = ("HKCU", r"Control Panel\Desktop")


def langid_tag(langid) -> str | None:
    """0x042A → "vi-VN", 0x0409 → "en-US"; 0 (no answer) or a value that is no LANGID → None."""
    if not isinstance(langid, int) or not 0 < langid <= 0xFFFF:
        return None
    return LANGID_TAGS.get(langid) or PRIMARY_TAGS.get(langid & 0x3FF) or f"langid-{langid:04x}"


def ui_language_from_registry(values) -> str | None:
    """The first language of PreferredUILanguages (REG_MULTI_SZ, set when the user picked one),
    else of MUILanguages; None when neither holds a language tag."""
    for name in ("PreferredUILanguages", "MUILanguages"):
        value = (values or {}).get(name)
        data = value.data if value is not None else None
        tags = data if isinstance(data, list) else [data] if isinstance(data, str) else []
        for tag in tags:
            if isinstance(tag, str) and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag.strip()):
                return tag.strip()
    return None


def _registry_ui_language() -> str | None:
    from kfield.core.errors import SourceUnavailable
    from kfield.platform.win32 import registry

    try:
        return ui_language_from_registry(registry.read_key(*DESKTOP))
    except SourceUnavailable:
        return None
