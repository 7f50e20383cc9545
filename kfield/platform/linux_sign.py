"""Linux answers for signing checks: USB devices from sysfs, browsers, browser policies."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kfield.core.errors import CommandFailed
from kfield.platform import command
from kfield.platform.base import Browser, LnaPolicy, NotSupported, UsbDevice

# Program name → browser key; the first of each key that answers wins.
BROWSER_PROGRAMS = (
    ("google-chrome", "chrome"), ("google-chrome-stable", "chrome"),
    ("chromium", "chromium"), ("chromium-browser", "chromium"),
    ("microsoft-edge", "edge"), ("microsoft-edge-stable", "edge"),
    ("firefox", "firefox"), ("coccoc", "coccoc"), ("coccoc-browser", "coccoc"),
)
POLICY_DIRS = {
    "chrome": "etc/opt/chrome/policies/managed",
    "chromium": "etc/chromium/policies/managed",
    "edge": "etc/opt/edge/policies/managed",
}
ALLOWED, LOOPBACK = "LocalNetworkAccessAllowedForUrls", "LoopbackNetworkAllowedForUrls"
OPT_OUT = "LocalNetworkAccessRestrictionsTemporaryOptOut"
_VERSION = re.compile(r"(\d+(?:\.\d+)+)")


def parse_version(text: str) -> str | None:
    match = _VERSION.search(text)
    return match[1] if match else None


def read_sysfs_usb(root: Path) -> list[UsbDevice]:
    devices = []
    for device in sorted((root / "sys/bus/usb/devices").glob("*")):
        vendor = _read(device / "idVendor")
        if vendor:
            devices.append(UsbDevice(vendor.lower(), (_read(device / "idProduct") or "").lower(),
                                     _read(device / "product") or ""))
    return devices


def read_policies(root: Path) -> dict[str, LnaPolicy]:
    """Each browser's managed policy files, merged in name order (as the browser reads them)."""
    found: dict[str, LnaPolicy] = {}
    for browser, folder in POLICY_DIRS.items():
        allowed, loopback, opt_out = [], [], None
        for path in sorted((root / folder).glob("*.json")):
            data = _policy_file(path)
            allowed += _strings(data.get(ALLOWED))
            loopback += _strings(data.get(LOOPBACK))
            opt_out = data[OPT_OUT] if isinstance(data.get(OPT_OUT), bool) else opt_out
        if allowed or loopback or opt_out is not None:
            found[browser] = LnaPolicy(tuple(allowed), tuple(loopback), opt_out)
    return found


def _policy_file(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # an unreadable policy file is what the browser ignores too
    return data if isinstance(data, dict) else {}


def _strings(value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None


class LinuxSignMixin:
    root: Path

    def usb_devices(self) -> list[UsbDevice]:
        if not (self.root / "sys/bus/usb/devices").is_dir():
            raise NotSupported("sign.no_usb_bus")
        return read_sysfs_usb(self.root)

    def browsers(self) -> list[Browser]:
        found: dict[str, Browser] = {}
        for program, key in BROWSER_PROGRAMS:
            if key in found:
                continue
            version = _program_version(program)
            if version:
                found[key] = Browser(key, version, program)
        return list(found.values())

    def lna_policies(self) -> dict[str, LnaPolicy]:
        return read_policies(self.root)


def _program_version(program: str) -> str | None:
    try:
        return parse_version(command.run([program, "--version"], timeout=10))
    except (NotSupported, CommandFailed):
        return None
