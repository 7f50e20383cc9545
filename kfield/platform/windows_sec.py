"""Windows answers for security checks: firewall profiles, antivirus, installed updates.

The live firewall policy and Security Center through pywin32 COM, the firewall switches as typed
registry values; fixed PowerShell pipelines (pure parsers tested on recorded outputs in
tests/fixtures/windows/sec/) only when those cannot answer. No source answering is "could not
check" (SourceUnavailable), never "off" or "no antivirus".
"""

from __future__ import annotations

import datetime as dt

from kfield.platform import powershell
from kfield.platform.base import Antivirus, Firewall, SourceUnavailable
from kfield.platform.win32 import registry, wmi

FIREWALL_SCRIPT = "Get-NetFirewallProfile | Select-Object Name,Enabled"
DEFENDER_SCRIPT = ("Get-MpComputerStatus | Select-Object AMServiceEnabled,AntivirusEnabled,"
                   "RealTimeProtectionEnabled,AntivirusSignatureLastUpdated")
SECURITY_CENTER_SCRIPT = ("Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | "
                          "Select-Object displayName,productState,timestamp")
HOTFIX_SCRIPT = "Get-HotFix | Select-Object HotFixID,InstalledOn"


def truthy(value) -> bool:
    """PowerShell booleans arrive as true/false, 1/0 or "True"/"False"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return bool(value)


def parse_firewall(rows: list[dict], source: str = "powershell") -> Firewall:
    """Profiles and their switches; no profile at all is "could not check", never "off"."""
    profiles = tuple((str(r.get("Name")), truthy(r.get("Enabled"))) for r in rows if r.get("Name"))
    if not profiles:
        raise SourceUnavailable(source, "empty")
    return Firewall(all(on for _, on in profiles), "Windows", profiles)


def parse_defender(rows: list[dict]) -> list[Antivirus]:
    out = []
    for row in rows:
        enabled = truthy(row.get("AntivirusEnabled")) and truthy(row.get("RealTimeProtectionEnabled"))
        out.append(Antivirus("Microsoft Defender", enabled, powershell.parse_date(row.get("AntivirusSignatureLastUpdated"))))
    return out


def decode_product_state(state: int) -> tuple[bool, bool]:
    """(real-time on, definitions up to date) from WSC productState (0xAABBCC: BB=0x10 on, CC=0x00 current)."""
    text = f"{int(state):06x}"
    return int(text[2:4], 16) & 0x10 == 0x10, text[4:6] == "00"


def parse_security_center(rows: list[dict]) -> list[Antivirus]:
    out = []
    for row in rows:
        try:
            enabled, current = decode_product_state(int(row.get("productState")))
        except (TypeError, ValueError):
            continue
        out.append(Antivirus(str(row.get("displayName") or "?"), enabled, None, current))
    return out


def parse_hotfixes(rows: list[dict]) -> dt.datetime | None:
    dates = [powershell.parse_date(r.get("InstalledOn")) for r in rows]
    return max((d for d in dates if d), default=None)


def first_answer(sources):
    """The first source that answers; SourceUnavailable (the first reason) when none does."""
    failures = []
    for source in sources:
        try:
            return source()
        except SourceUnavailable as exc:
            failures.append(exc)
    raise failures[0]


def _registry_firewall() -> Firewall:
    live = {shown: registry.read_key("HKLM", f"{registry.FIREWALL_POLICY}\\{key}")
            for shown, key, _ in registry.FIREWALL_PROFILES}
    policy = {shown: registry.read_key("HKLM", f"{registry.FIREWALL_GPO}\\{key}")
              for shown, _, key in registry.FIREWALL_PROFILES}
    return registry.firewall_profiles(live, policy)


class WindowsSecMixin:
    def firewall(self) -> Firewall:
        """Live policy (COM), then the profile switches in the registry, then PowerShell."""
        return first_answer((lambda: parse_firewall(wmi.firewall_enabled(), "HNetCfg.FwPolicy2"),
                             _registry_firewall,
                             lambda: parse_firewall(powershell.run_json(FIREWALL_SCRIPT))))

    def antivirus(self) -> list[Antivirus]:
        """Security Center (COM, else PowerShell CIM) plus Defender's own status. Only Security
        Center can say "no antivirus"; with it silent, Defender's answer alone, else "could not check"."""
        defender = _defender_or_nothing()
        try:
            security_center = first_answer((
                lambda: parse_security_center(wmi.security_center_products()),
                lambda: parse_security_center(powershell.run_json(SECURITY_CENTER_SCRIPT))))
        except SourceUnavailable:
            if not defender:
                raise
            security_center = []
        return _dedupe(security_center + defender)

    def last_update(self) -> dt.datetime | None:
        return parse_hotfixes(powershell.run_json(HOTFIX_SCRIPT, timeout=60))


def _defender_or_nothing() -> list[Antivirus]:
    """Defender's signature date (Security Center has none); off when another antivirus took over."""
    try:
        return parse_defender(powershell.run_json(DEFENDER_SCRIPT))
    except SourceUnavailable:
        return []


def _dedupe(products: list[Antivirus]) -> list[Antivirus]:
    """Defender appears in both sources; keep the entry with a signature date."""
    seen: dict[str, Antivirus] = {}
    for product in products:
        key = "microsoft defender" if "defender" in product.name.lower() else product.name.lower()
        if key not in seen or (product.signature_updated and not seen[key].signature_updated):
            seen[key] = product
    return list(seen.values())
