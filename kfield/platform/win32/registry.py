"""Typed registry values: ``winreg`` on Windows, ``reg query`` text as the fallback (value names
and REG_* types are never translated). Decoders for the facts kfield reads from the registry:
WinINet and WinHTTP proxies, firewall profile switches, browser versions, Chrome/Edge policies.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass

from kfield.core.errors import SourceUnavailable
from kfield.platform.base import Firewall, LnaPolicy, Proxy

REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 1, 2, 3, 4, 7, 11
_TYPE_NAMES = {"REG_SZ": REG_SZ, "REG_EXPAND_SZ": REG_EXPAND_SZ, "REG_BINARY": REG_BINARY,
               "REG_DWORD": REG_DWORD, "REG_MULTI_SZ": REG_MULTI_SZ, "REG_QWORD": REG_QWORD}
# `reg query` columns are separated by four spaces; an empty REG_SZ ends right after its type
# (the old regex ran on into the next line and saw a PAC proxy that did not exist).
_REG_LINE = re.compile(r"^ {4}(\S.*?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$")
_HOSTPORT = re.compile(r"(?:[a-z]+=)?([\w.\-]+:\d{1,5})")

INTERNET_SETTINGS = ("HKCU", r"Software\Microsoft\Windows\CurrentVersion\Internet Settings")
WINHTTP_CONNECTIONS = ("HKLM", r"SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections")
FIREWALL_POLICY = r"SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy"
FIREWALL_GPO = r"SOFTWARE\Policies\Microsoft\WindowsFirewall"
# (name shown, key under FirewallPolicy, key under the group-policy branch)
FIREWALL_PROFILES = (("Domain", "DomainProfile", "DomainProfile"),
                     ("Private", "StandardProfile", "PrivateProfile"),
                     ("Public", "PublicProfile", "PublicProfile"))


@dataclass(frozen=True)
class Value:
    data: object          # str, int, bytes or list[str], as winreg gives it
    kind: int             # REG_SZ, REG_DWORD, …


Values = dict[str, Value]


# --- reading ----------------------------------------------------------------------------------
def read_key(hive: str, path: str) -> Values | None:
    """Every value of ``hive\\path`` (hive "HKLM"/"HKCU"); None when the key does not exist — an
    answer ("not set") — and SourceUnavailable when Windows refuses or fails to open it."""
    try:
        import winreg
    except ImportError:  # not Windows: the registry is not there to ask
        raise SourceUnavailable("registry", "missing") from None
    root = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER}[hive]
    try:
        with winreg.OpenKey(root, path) as key:
            return _enum(winreg, key)
    except FileNotFoundError:
        return None
    except PermissionError:
        raise SourceUnavailable("registry", "denied", detail=f"{hive}\\{path}") from None
    except OSError as exc:
        raise SourceUnavailable("registry", "failed", detail=f"{hive}\\{path}: {exc}") from None


def _enum(winreg, key) -> Values:
    values, index = {}, 0
    while True:
        try:
            name, data, kind = winreg.EnumValue(key, index)
        except OSError:          # ERROR_NO_MORE_ITEMS ends the listing
            return values
        values[name] = Value(data, kind)
        index += 1


def parse_reg_query(text: str) -> Values:
    """`reg query KEY [/v NAME]` text → typed values, as winreg would give them."""
    values = {}
    for line in text.splitlines():
        match = _REG_LINE.match(line.rstrip("\r\n"))
        if match and match[2] in _TYPE_NAMES:
            kind = _TYPE_NAMES[match[2]]
            values[match[1]] = Value(_typed(kind, (match[3] or "").rstrip()), kind)
    return values


def _typed(kind: int, text: str) -> object:
    if kind in (REG_DWORD, REG_QWORD):
        return int(text, 16) if text.lower().startswith("0x") else int(text or 0)
    if kind == REG_BINARY:
        return bytes.fromhex(text)
    if kind == REG_MULTI_SZ:
        return [part for part in text.split("\\0") if part]
    return text


# --- decoders ---------------------------------------------------------------------------------
def text(values: Values | None, name: str) -> str:
    """A string value, "" when absent, empty or not a string."""
    value = (values or {}).get(name)
    return value.data.strip() if value and isinstance(value.data, str) else ""


def dword(values: Values | None, name: str) -> int | None:
    value = (values or {}).get(name)
    return value.data if value and isinstance(value.data, int) else None


def wininet_proxies(values: Values | None) -> list[Proxy]:
    """ProxyEnable (DWORD) + ProxyServer, and AutoConfigURL — an empty REG_SZ is "no PAC"."""
    found = []
    if dword(values, "ProxyEnable") and text(values, "ProxyServer"):
        servers = dict.fromkeys(_HOSTPORT.findall(text(values, "ProxyServer")))
        found += [Proxy("wininet", server) for server in servers]
    if text(values, "AutoConfigURL"):
        found.append(Proxy("wininet:pac", text(values, "AutoConfigURL")))
    return found


def winhttp_proxies(blob: bytes) -> list[Proxy]:
    """The WinHttpSettings REG_BINARY (what `netsh winhttp set proxy` writes): DWORD version,
    DWORD counter, DWORD flags (bit 2 = a named proxy), then length-prefixed proxy and bypass
    strings. Direct access has no proxy string. ValueError on a blob too short for its lengths."""
    if len(blob) < 16:
        raise ValueError("WinHttpSettings shorter than its header")
    _, _, flags, length = struct.unpack_from("<4I", blob, 0)
    if not flags & 0x2 or length == 0:
        return []
    if 16 + length > len(blob):
        raise ValueError("WinHttpSettings proxy string runs past the blob")
    server = blob[16:16 + length].decode("ascii", "replace")
    return [Proxy("winhttp", s) for s in dict.fromkeys(_HOSTPORT.findall(server))]


def firewall_profiles(live: dict[str, Values | None], policy: dict[str, Values | None]) -> Firewall:
    """EnableFirewall DWORDs per profile; a group-policy value overrides the local one. A profile
    with no value anywhere is unknown; with every profile unknown, SourceUnavailable."""
    profiles = []
    for shown, _, _ in FIREWALL_PROFILES:
        on = dword(policy.get(shown), "EnableFirewall")
        on = dword(live.get(shown), "EnableFirewall") if on is None else on
        if on is not None:
            profiles.append((shown, bool(on)))
    if not profiles:
        raise SourceUnavailable("registry", "missing", detail=FIREWALL_POLICY)
    return Firewall(all(on for _, on in profiles), "Windows", tuple(profiles))


def string_list(values: Values | None) -> list[str]:
    """A Chrome/Edge list policy: numbered REG_SZ values "1", "2", … in number order."""
    numbered = [(int(name), v.data) for name, v in (values or {}).items()
                if name.isdigit() and isinstance(v.data, str) and v.data.strip()]
    return [data.strip() for _, data in sorted(numbered)]


def lna_policy(hives: list[tuple[Values | None, Values | None, Values | None]]) -> LnaPolicy | None:
    """Chrome/Edge Local Network Access policies from (policy key, …AllowedForUrls key,
    …LoopbackNetworkAllowedForUrls key) per hive, machine first: the URL lists are joined, the
    opt-out DWORD of the first hive that sets it wins. None when nothing is set."""
    allowed: list[str] = []
    loopback: list[str] = []
    opt_out = None
    for root, allowed_key, loopback_key in hives:
        allowed += string_list(allowed_key)
        loopback += string_list(loopback_key)
        value = dword(root, "LocalNetworkAccessRestrictionsTemporaryOptOut")
        if opt_out is None and value is not None:
            opt_out = bool(value)
    if not (allowed or loopback or opt_out is not None):
        return None
    return LnaPolicy(tuple(allowed), tuple(loopback), opt_out)
