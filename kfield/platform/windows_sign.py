"""Windows answers for signing checks: PnP USB devices, certificate store, browsers, LNA policy.

Each answer is a fixed command (never built from input) and a pure parser tested on
recorded outputs in tests/fixtures/windows/sign/.
"""

from __future__ import annotations

import re

from kfield.platform import command, powershell
from kfield.platform.base import Browser, Certificate, UsbDevice

CERT_SCRIPT = (
    "Get-ChildItem Cert:\\CurrentUser\\My | "
    "Select-Object Subject,Issuer,NotAfter,HasPrivateKey,Thumbprint | ConvertTo-Json"
)
BLBEACONS = {
    "chrome": "HKCU\\Software\\Google\\Chrome\\BLBeacon",
    "edge": "HKCU\\Software\\Microsoft\\Edge\\BLBeacon",
    "coccoc": "HKCU\\Software\\CocCoc\\Browser\\BLBeacon",
}
FIREFOX_KEY = "HKLM\\SOFTWARE\\Mozilla\\Mozilla Firefox"
POLICY_KEYS = {
    "chrome": ("HKLM\\SOFTWARE\\Policies\\Google\\Chrome\\LocalNetworkAccessAllowedForUrls",
               "HKCU\\SOFTWARE\\Policies\\Google\\Chrome\\LocalNetworkAccessAllowedForUrls"),
    "edge": ("HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge\\LocalNetworkAccessAllowedForUrls",
             "HKCU\\SOFTWARE\\Policies\\Microsoft\\Edge\\LocalNetworkAccessAllowedForUrls"),
}
_INSTANCE = re.compile(r"USB\\VID_([0-9A-F]{4})&PID_([0-9A-F]{4})", re.IGNORECASE)
_REG_VALUE = re.compile(r"^\s{4}(\S.*?)\s{4}(REG_\w+)\s{4}(.*)$")


def parse_pnputil(text: str) -> list[UsbDevice]:
    """`pnputil /enum-devices /connected`: one block per device, "Instance ID:" then a description."""
    devices, seen = [], set()
    for block in re.split(r"\r?\n\s*\r?\n", text):
        match = _INSTANCE.search(block)
        if match and match.group(0).upper() not in seen:
            seen.add(match.group(0).upper())
            devices.append(UsbDevice(match[1].lower(), match[2].lower(), _field(block, "Device Description")))
    return devices


def _field(block: str, name: str) -> str:
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() == name:
            return value.strip()
    return ""


def parse_reg_query(text: str) -> dict[str, str]:
    """`reg query KEY [/v NAME]` → {value name: data} (4-space separated columns)."""
    values = {}
    for line in text.splitlines():
        match = _REG_VALUE.match(line.rstrip("\r"))
        if match:
            values[match[1]] = match[3].strip()
    return values


def parse_certificates(rows: list[dict]) -> list[Certificate]:
    certs = []
    for row in rows:
        expires = powershell.parse_date(row.get("NotAfter"))
        if expires is not None:
            certs.append(Certificate(str(row.get("Subject") or ""), str(row.get("Issuer") or ""), expires,
                                     bool(row.get("HasPrivateKey")), str(row.get("Thumbprint") or "")))
    return certs


def _reg(key: str, name: str | None = None) -> dict[str, str]:
    argv = ["reg", "query", key] + (["/v", name] if name else [])
    try:
        return parse_reg_query(command.run(argv, timeout=10))
    except command.CommandFailed:  # reg exits 1 when the key does not exist
        return {}


class WindowsSignMixin:
    def usb_devices(self) -> list[UsbDevice]:
        return parse_pnputil(command.run(["pnputil", "/enum-devices", "/connected"], timeout=20))

    def user_certificates(self) -> list[Certificate]:
        return parse_certificates(powershell.run_json(CERT_SCRIPT))

    def browsers(self) -> list[Browser]:
        found = []
        for name, key in BLBEACONS.items():
            version = _reg(key, "version").get("version")
            if version:
                found.append(Browser(name, version, key))
        firefox = _reg(FIREFOX_KEY, "CurrentVersion").get("CurrentVersion")
        if firefox:
            found.append(Browser("firefox", firefox.split()[0], FIREFOX_KEY))
        return found

    def lna_allowed_urls(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for browser, keys in POLICY_KEYS.items():
            urls = [url for key in keys for url in _reg(key).values()]
            if urls:
                found[browser] = urls
        return found
