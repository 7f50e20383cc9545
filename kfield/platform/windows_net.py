"""Windows answers for the LAN checks through built-in tools: PowerShell's NetTCPIP and
CIM objects (language-neutral JSON), `arp -a` and `netsh wlan show interfaces`.
Parsers are pure functions tested on recorded outputs in tests/fixtures/windows/net/."""

from __future__ import annotations

import re
from typing import Any

from kfield.platform import command, powershell
from kfield.platform.base import Lease, Neighbour, Proxy, Route, Wifi

_ROUTES = ("Get-NetRoute -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue | "
           "Select-Object InterfaceAlias,NextHop,RouteMetric,InterfaceMetric | ConvertTo-Json")
_DNS = ("Get-DnsClientServerAddress -AddressFamily IPv4 | Select-Object InterfaceAlias,ServerAddresses | "
        "ConvertTo-Json")
_ADAPTERS = ("Get-CimInstance Win32_NetworkAdapterConfiguration -Filter 'IPEnabled=True' | Select-Object "
             "Description,IPAddress,DHCPEnabled,DHCPServer,DHCPLeaseObtained,DHCPLeaseExpires | ConvertTo-Json")
_ARP_LINE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5})\s+(\S+)", re.M)
_ARP_IFACE = re.compile(r"^\S.*?(\d{1,3}(?:\.\d{1,3}){3})\s+---", re.M)
_HOSTPORT = re.compile(r"(?:[a-z]+=)?([\w.\-]+:\d{1,5})")
_REG_VALUE = re.compile(r"^\s+(\w+)\s+REG_\w+\s+(.*)$", re.M)
_INTERNET_SETTINGS = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings"
# netsh prints its labels in the display language; the values keep their shape.
_WLAN_FIELD = re.compile(r"^\s{4}(\S[^:]*?)\s*:\s(.*)$", re.M)


def parse_routes(rows: list[dict[str, Any]], aliases: set[str] | None = None) -> Route | None:
    """The default route with the lowest total metric."""
    usable = [r for r in rows if r.get("InterfaceAlias") and (aliases is None or r["InterfaceAlias"] in aliases)]
    if not usable:
        return None
    best = min(usable, key=lambda r: int(r.get("RouteMetric") or 0) + int(r.get("InterfaceMetric") or 0))
    hop = best.get("NextHop") or ""
    return Route(best["InterfaceAlias"], "" if hop == "0.0.0.0" else hop)


def parse_dns(rows: list[dict[str, Any]], alias: str | None = None) -> list[str]:
    servers: list[str] = []
    for row in rows:
        if alias and row.get("InterfaceAlias") != alias:
            continue
        for server in _as_list(row.get("ServerAddresses")):
            if server not in servers:
                servers.append(server)
    return servers


def parse_adapter_lease(rows: list[dict[str, Any]], interface: str, address: str) -> Lease | None:
    for row in rows:
        if address in _as_list(row.get("IPAddress")) and row.get("DHCPEnabled"):
            return Lease(interface, address, row.get("DHCPServer") or "",
                         powershell.parse_date(row.get("DHCPLeaseExpires")),
                         powershell.parse_date(row.get("DHCPLeaseObtained")))
    return None


def parse_arp_a(text: str) -> list[Neighbour]:
    """`arp -a`: per-interface blocks of "IP  MAC  type"; broadcast/multicast rows dropped."""
    out, current = [], ""
    for line in text.splitlines():
        header = _ARP_IFACE.match(line)
        if header:
            current = header[1]
            continue
        row = _ARP_LINE.match(line)
        if row and not _special(row[1], row[2]):
            out.append(Neighbour(row[1], row[2].lower().replace("-", ":"), row[3], current))
    return out


def _special(ip: str, mac: str) -> bool:
    first = int(ip.split(".")[0])
    return mac.lower() == "ff-ff-ff-ff-ff-ff" or 224 <= first <= 239 or ip.endswith(".255")


def parse_netsh_wlan(text: str, interface: str) -> Wifi | None:
    """`netsh wlan show interfaces`: SSID by its fixed label, signal by its "NN%" shape."""
    fields = [(k.strip(), v.strip()) for k, v in _WLAN_FIELD.findall(text)]
    ssid = next((v for k, v in fields if k == "SSID"), "")
    percent = next((int(v[:-1]) for k, v in fields if re.fullmatch(r"\d{1,3}%", v)), None)
    if not ssid:
        return None
    rate = next((float(v) for k, v in fields if "(Mbps)" in k and _number(v)), None)
    dbm = percent // 2 - 100 if percent is not None else None
    return Wifi(interface, ssid, dbm, percent, rate)


def parse_winhttp(text: str) -> list[Proxy]:
    """`netsh winhttp show proxy`: "Direct access" (localised) has no host:port at all."""
    return [Proxy("winhttp", server) for server in dict.fromkeys(_HOSTPORT.findall(text))]


def parse_wininet(text: str) -> list[Proxy]:
    """`reg query …\\Internet Settings`: ProxyEnable/ProxyServer and AutoConfigURL (PAC)."""
    values = {name: value.strip() for name, value in _REG_VALUE.findall(text)}
    found = []
    if values.get("ProxyEnable", "0x0").lower() not in ("0x0", "0") and values.get("ProxyServer"):
        found += [Proxy("wininet", s) for s in dict.fromkeys(_HOSTPORT.findall(values["ProxyServer"]))]
    if values.get("AutoConfigURL"):
        found.append(Proxy("wininet:pac", values["AutoConfigURL"]))
    return found


def _number(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?", text))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


class WindowsNetMixin:
    def default_route(self) -> Route | None:
        return parse_routes(powershell.run_json(_ROUTES))

    def dns_servers(self) -> list[str]:
        route = self.default_route()
        return parse_dns(powershell.run_json(_DNS), route.interface if route else None)

    def dhcp_lease(self, interface: str, address: str = "") -> Lease | None:
        return parse_adapter_lease(powershell.run_json(_ADAPTERS), interface, address)

    def neighbours(self) -> list[Neighbour]:
        return parse_arp_a(command.run(["arp", "-a"], timeout=10))

    def proxies(self) -> list[Proxy]:
        found = super().proxies()
        found += parse_winhttp(command.run(["netsh", "winhttp", "show", "proxy"], timeout=10))
        found += parse_wininet(command.run(["reg", "query", _INTERNET_SETTINGS], timeout=10))
        return found

    def wifi(self, interface: str) -> Wifi | None:
        return parse_netsh_wlan(command.run(["netsh", "wlan", "show", "interfaces"], timeout=10), interface)
