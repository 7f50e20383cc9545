"""Windows answers for signing checks: PnP USB devices, certificate store, browsers, LNA policy.

Certificates through crypt32 (DER decoded in kfield), browsers and policies as typed registry
values; PowerShell's Cert: drive and `pnputil` text (fixed commands, never built from input; pure
parsers tested on recorded outputs in tests/fixtures/windows/sign/) where no API is used.
"""

from __future__ import annotations

import re

from kfield.platform import command, powershell
from kfield.platform.base import Browser, Certificate, LnaPolicy, SourceUnavailable, UsbDevice
from kfield.platform.win32 import certs, registry

CERT_SCRIPT = (
    "Get-ChildItem Cert:\\CurrentUser\\My | "
    "Select-Object Subject,Issuer,NotAfter,HasPrivateKey,Thumbprint,"
    "@{Name='Raw';Expression={[Convert]::ToBase64String($_.RawData)}}"
)
BLBEACONS = {
    "chrome": "HKCU\\Software\\Google\\Chrome\\BLBeacon",
    "edge": "HKCU\\Software\\Microsoft\\Edge\\BLBeacon",
    "coccoc": "HKCU\\Software\\CocCoc\\Browser\\BLBeacon",
}
FIREFOX_KEY = "HKLM\\SOFTWARE\\Mozilla\\Mozilla Firefox"
POLICY_ROOTS = {"chrome": "SOFTWARE\\Policies\\Google\\Chrome", "edge": "SOFTWARE\\Policies\\Microsoft\\Edge"}
ALLOWED, LOOPBACK = "LocalNetworkAccessAllowedForUrls", "LoopbackNetworkAllowedForUrls"
OPT_OUT = "LocalNetworkAccessRestrictionsTemporaryOptOut"
_INSTANCE = re.compile(r"USB\\VID_([0-9A-F]{4})&PID_([0-9A-F]{4})", re.IGNORECASE)


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
    """`reg query KEY [/v NAME]` → {value name: data as printed}; an empty REG_SZ gives ""."""
    return {name: _printed(value) for name, value in registry.parse_reg_query(text).items()}


def _printed(value: registry.Value) -> str:
    if isinstance(value.data, int):
        return hex(value.data)
    return value.data.hex() if isinstance(value.data, bytes) else str(value.data)


def parse_certificates(rows: list[dict]) -> list[Certificate]:
    certs = []
    for row in rows:
        expires = powershell.parse_date(row.get("NotAfter"))
        if expires is not None:
            certs.append(Certificate(str(row.get("Subject") or ""), str(row.get("Issuer") or ""), expires,
                                     bool(row.get("HasPrivateKey")), str(row.get("Thumbprint") or ""),
                                     _raw(row.get("Raw"))))
    return certs


def _raw(text) -> bytes:
    """The certificate's bytes (base64 of RawData); b"" when absent or not base64."""
    import base64
    import binascii

    try:
        return base64.b64decode(str(text or ""), validate=True)
    except (binascii.Error, ValueError):
        return b""


def _key(path: str) -> registry.Values | None:
    hive, _, rest = path.partition("\\")
    return registry.read_key(hive, rest)


class WindowsSignMixin:
    def usb_devices(self) -> list[UsbDevice]:
        return parse_pnputil(command.ask(["pnputil", "/enum-devices", "/connected"], timeout=20))

    def user_certificates(self) -> list[Certificate]:
        """crypt32 (DER decoded here), PowerShell's Cert: drive only when crypt32 cannot answer."""
        try:
            return certs.certificates(certs.read_user_store())
        except (SourceUnavailable, OSError, AttributeError):  # no crypt32 / a missing export
            return parse_certificates(powershell.run_json(CERT_SCRIPT))

    def browsers(self) -> list[Browser]:
        found = []
        for name, key in BLBEACONS.items():
            version = registry.text(_key(key), "version")
            if version:
                found.append(Browser(name, version, key))
        firefox = registry.text(_key(FIREFOX_KEY), "CurrentVersion")
        if firefox:
            found.append(Browser("firefox", firefox.split()[0], FIREFOX_KEY))
        return found

    def lna_policies(self) -> dict[str, LnaPolicy]:
        """HKLM first, then HKCU (a machine policy wins in Chrome; both are listed here)."""
        found: dict[str, LnaPolicy] = {}
        for browser, root in POLICY_ROOTS.items():
            policy = registry.lna_policy([(_key(f"{hive}\\{root}"), _key(f"{hive}\\{root}\\{ALLOWED}"),
                                           _key(f"{hive}\\{root}\\{LOOPBACK}")) for hive in ("HKLM", "HKCU")])
            if policy is not None:
                found[browser] = policy
        return found

    def pkcs11_modules(self, names: list[str]) -> list[str]:
        """The middleware DLLs in the system folders (64- and 32-bit), by file name pattern."""
        return pkcs11_in(system_folders(), names)


def system_folders() -> list[str]:
    import os

    windows = os.environ.get("SystemRoot") or os.environ.get("windir") or "C:\\Windows"
    return [os.path.join(windows, "System32"), os.path.join(windows, "SysWOW64")]


def pkcs11_in(folders: list[str], names: list[str]) -> list[str]:
    """Files in ``folders`` whose names match a pattern of ``names`` (``*`` allowed; case ignored,
    as Windows does). A folder that cannot be listed is skipped; none listable is SourceUnavailable."""
    import fnmatch
    import os

    found, listed = [], 0
    patterns = [n.lower() for n in names]
    for folder in folders:
        try:
            entries = sorted(os.listdir(folder))
        except OSError:
            continue
        listed += 1
        found += [os.path.join(folder, e) for e in entries if any(fnmatch.fnmatch(e.lower(), p) for p in patterns)]
    if not listed:
        raise SourceUnavailable("filesystem", "failed", detail=", ".join(folders))
    return found
