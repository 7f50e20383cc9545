"""Linux answers: /etc/os-release, sysfs, policy files, package logs."""

from __future__ import annotations

import platform
from pathlib import Path

from kfield.platform.base import Host, OsInfo
from kfield.platform.linux_net import LinuxNetMixin
from kfield.platform.linux_sec import LinuxSecMixin
from kfield.platform.linux_sign import LinuxSignMixin


def parse_os_release(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() and not key.startswith("#"):
            out[key.strip()] = value.strip().strip('"').strip("'")
    return out


class LinuxHost(LinuxSignMixin, LinuxSecMixin, LinuxNetMixin, Host):
    family = "linux"

    def __init__(self, root: Path = Path("/")) -> None:
        self.root = root

    def os_info(self) -> OsInfo:
        try:
            fields = parse_os_release((self.root / "etc/os-release").read_text())
        except OSError:
            fields = {}
        distro = fields.get("ID", "linux")
        version = fields.get("VERSION_ID", "")
        name = fields.get("PRETTY_NAME", f"Linux {platform.release()}")
        key = f"{distro}-{version}" if version else distro
        return OsInfo("linux", name, version, platform.release(), key)
