"""A stable, pseudonymous id for this PC, recorded with every check run.

The id is an HMAC-SHA256 of the operating system's machine id (Windows MachineGuid, Linux
/etc/machine-id) and the host name, so the same PC keeps its id across visits and students,
while two PCs cloned from one image (same machine id) but renamed stay apart. The machine id
itself never leaves the PC. Without a readable machine id the host name alone is used; the id
then says so (prefix "h-" instead of "pc-"), because two PCs with one name would merge.

Map: the pseudonymous PC id every check run records (HMAC of the OS machine id and host name)
"""

from __future__ import annotations

import hashlib
import hmac
import socket
import sys
from functools import lru_cache
from pathlib import Path

_KEY = b"kfield pc id v1"
_LINUX_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))
_WINDOWS_KEY = r"SOFTWARE\Microsoft\Cryptography"


def pc_id(machine_id: str | None, hostname: str) -> str:
    """"pc-" + 16 hex digits from machine id and host name; "h-" + 16 from the host name alone."""
    name = hostname.strip().lower()
    if machine_id:
        digest = hmac.new(_KEY, f"{machine_id.strip().lower()}\0{name}".encode(), hashlib.sha256)
        return "pc-" + digest.hexdigest()[:16]
    return "h-" + hmac.new(_KEY, name.encode(), hashlib.sha256).hexdigest()[:16]


@lru_cache(maxsize=1)
def current() -> str:
    """This PC's id (read once per process)."""
    return pc_id(machine_id(), socket.gethostname())


def machine_id() -> str | None:
    """The OS's own machine id, or None when it cannot be read (never guessed)."""
    return _windows_machine_guid() if sys.platform == "win32" else _linux_machine_id(_LINUX_FILES)


def _linux_machine_id(files) -> str | None:
    for path in files:
        try:
            value = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if len(value) == 32 and all(c in "0123456789abcdef" for c in value.lower()):
            return value
    return None


def _windows_machine_guid() -> str | None:
    """HKLM\\SOFTWARE\\Microsoft\\Cryptography MachineGuid, a typed REG_SZ (64-bit view)."""
    import winreg

    try:
        access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, _WINDOWS_KEY, 0, access) as key:
            value, kind = winreg.QueryValueEx(key, "MachineGuid")
    except OSError:
        return None
    return value.strip() if kind == winreg.REG_SZ and isinstance(value, str) and value.strip() else None
