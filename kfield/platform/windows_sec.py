"""Windows answers for security checks: firewall profiles, antivirus, installed updates.

Fixed PowerShell pipelines; pure parsers tested on recorded outputs in
tests/fixtures/windows/sec/.
"""

from __future__ import annotations

import datetime as dt

from kfield.platform import command, powershell
from kfield.platform.base import Antivirus, Firewall

FIREWALL_SCRIPT = "Get-NetFirewallProfile | Select-Object Name,Enabled | ConvertTo-Json"
DEFENDER_SCRIPT = ("Get-MpComputerStatus | Select-Object AMServiceEnabled,AntivirusEnabled,"
                   "RealTimeProtectionEnabled,AntivirusSignatureLastUpdated | ConvertTo-Json")
SECURITY_CENTER_SCRIPT = ("Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | "
                          "Select-Object displayName,productState,timestamp | ConvertTo-Json")
HOTFIX_SCRIPT = "Get-HotFix | Select-Object HotFixID,InstalledOn | ConvertTo-Json"


def truthy(value) -> bool:
    """PowerShell booleans arrive as true/false, 1/0 or "True"/"False"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return bool(value)


def parse_firewall(rows: list[dict]) -> Firewall:
    profiles = tuple((str(r.get("Name")), truthy(r.get("Enabled"))) for r in rows if r.get("Name"))
    return Firewall(bool(profiles) and all(on for _, on in profiles), "Windows", profiles)


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


class WindowsSecMixin:
    def firewall(self) -> Firewall:
        return parse_firewall(powershell.run_json(FIREWALL_SCRIPT))

    def antivirus(self) -> list[Antivirus]:
        found = []
        for script, parse in ((DEFENDER_SCRIPT, parse_defender), (SECURITY_CENTER_SCRIPT, parse_security_center)):
            try:
                found.extend(parse(powershell.run_json(script)))
            except (command.CommandFailed, ValueError):
                continue  # Defender is switched off when a third-party antivirus takes over
        return _dedupe(found)

    def last_update(self) -> dt.datetime | None:
        return parse_hotfixes(powershell.run_json(HOTFIX_SCRIPT, timeout=60))


def _dedupe(products: list[Antivirus]) -> list[Antivirus]:
    """Defender appears in both sources; keep the entry with a signature date."""
    seen: dict[str, Antivirus] = {}
    for product in products:
        key = "microsoft defender" if "defender" in product.name.lower() else product.name.lower()
        if key not in seen or (product.signature_updated and not seen[key].signature_updated):
            seen[key] = product
    return list(seen.values())
