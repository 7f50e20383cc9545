"""Windows answers for the LAN and proxy checks: the IP Helper API, Native Wifi and typed registry
values first (kfield/platform/win32); PowerShell's NetTCPIP/CIM objects as JSON, `arp -a` and
`netsh wlan show interfaces` only as fallbacks. The fallback parsers are pure functions tested on
recorded outputs in tests/fixtures/windows/net/ (real captures in several languages under real/)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kfield.platform import command, powershell
from kfield.platform.win32 import iphlp, registry, wlan
from kfield.platform.base import Interface, Lease, Neighbour, Proxy, Route, SourceUnavailable, Wifi

_ROUTES = ("Get-NetRoute -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue | "
           "Select-Object InterfaceAlias,NextHop,RouteMetric,InterfaceMetric")
_DNS = "Get-DnsClientServerAddress -AddressFamily IPv4 | Select-Object InterfaceAlias,ServerAddresses"
_ADAPTERS = ("Get-CimInstance Win32_NetworkAdapterConfiguration -Filter 'IPEnabled=True' | Select-Object "
             "Description,IPAddress,DHCPEnabled,DHCPServer,DHCPLeaseObtained,DHCPLeaseExpires")
_ARP_LINE = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5})\s+(\S+)", re.M)
_ARP_IFACE = re.compile(r"^\S.*?(\d{1,3}(?:\.\d{1,3}){3})\s+---", re.M)
_HOSTPORT = re.compile(r"(?:[a-z]+=)?([\w.\-]+:\d{1,5})")
# netsh prints its labels in the display language; the values keep their shape. Indentation varies
# (3 or 4 spaces in captures) and French drops the space before some colons.
_WLAN_FIELD = re.compile(r"^[ \t]+(\S[^:\r\n]*?)[ \t]*:[ \t]?(.*?)\r?$", re.M)
_UNIT_LABEL = re.compile(r"\([^()]*/[^()]*\)$|\(Mbps\)$", re.IGNORECASE)
LOCATION_URI = "ms-settings:privacy-location"


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


def parse_netsh_wlan(text: str, interface: str, guid: str = "") -> Wifi | None:
    """`netsh wlan show interfaces` in any display language, read by structure, for ``interface``
    only: a PC with a built-in card and a USB dongle lists two blocks, and the other adapter's SSID,
    signal and rate are not this one's. A block starts at the output's first label ("Name", "Nom",
    "Имя": the same word heads every block) and is this interface's when its value is the
    interface's name (or its GUID line is ``guid``). In the block: the untranslated `SSID` label,
    the signal by its "NN%" shape, the receive rate as the first numeric field whose label ends in
    a "(unit)" ("Receive rate (Mbps)", "Empfangsrate (MBit/s)", "Réception (Mbits/s)"), and an
    `RSSI` line (newer builds) for dBm. Windows 11 24H2 without Location permission prints a
    refusal whose only language-free part is the `ms-settings:privacy-location` link."""
    if LOCATION_URI in text:
        raise SourceUnavailable("netsh", "location_off")
    fields = _netsh_block(netsh_blocks(text), interface, guid)
    ssid = next((v for k, v in fields if k == "SSID"), "")
    if not ssid:
        return None
    percent = next((int(v[:-1].strip()) for _, v in fields if re.fullmatch(r"\d{1,3}\s?%", v)), None)
    rssi = next((int(v) for k, v in fields if k.casefold() == "rssi" and re.fullmatch(r"-\d{1,3}", v)), None)
    rate = next((_decimal(v) for k, v in fields if _UNIT_LABEL.search(k) and _number(v)), None)
    dbm = rssi if rssi is not None else (percent // 2 - 100 if percent is not None else None)
    return Wifi(interface, ssid, dbm, percent, rate)


def netsh_blocks(text: str) -> list[list[tuple[str, str]]]:
    """The interface blocks of `netsh wlan show interfaces`: (label, value) pairs, one list per
    adapter, split wherever the output's first label comes again."""
    fields = [(k.strip(), v.strip()) for k, v in _WLAN_FIELD.findall(text)]
    blocks: list[list[tuple[str, str]]] = []
    for label, value in fields:
        if not blocks or label == fields[0][0]:
            blocks.append([])
        blocks[-1].append((label, value))
    return blocks


def _netsh_block(blocks: list[list[tuple[str, str]]], interface: str, guid: str) -> list[tuple[str, str]]:
    wanted = guid.strip("{}").casefold()
    for block in blocks:
        if block[0][1] == interface or (wanted and any(v.casefold() == wanted for _, v in block)):
            return block
    if blocks:   # netsh answered, but not about this adapter: its Wi-Fi state is unknown, not "off"
        raise SourceUnavailable("netsh", "garbled", detail=f"{interface} not listed")
    return []


def parse_winhttp(text: str) -> list[Proxy]:
    """`netsh winhttp show proxy`: "Direct access" (localised) has no host:port at all."""
    return [Proxy("winhttp", server) for server in dict.fromkeys(_HOSTPORT.findall(text))]


def parse_wininet(text: str) -> list[Proxy]:
    """`reg query …\\Internet Settings` (text fallback): typed values, then the same decoder as winreg's."""
    return registry.wininet_proxies(registry.parse_reg_query(text))


def _number(text: str) -> bool:
    return bool(re.fullmatch(r"\d+([.,]\d+)?", text))


def _decimal(text: str) -> float:
    return float(text.replace(",", "."))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _adapters() -> list[iphlp.Adapter]:
    return iphlp.read_adapters()


class WindowsNetMixin:
    """IP Helper API first (language-free numbers); PowerShell objects and `arp -a` only when it
    cannot answer."""

    def interfaces(self) -> list[Interface]:
        try:
            return [iphlp.as_interface(a) for a in _adapters()]
        except SourceUnavailable:
            return super().interfaces()   # psutil

    def default_route(self) -> Route | None:
        try:
            return iphlp.default_route(_adapters())
        except SourceUnavailable:
            return parse_routes(powershell.run_json(_ROUTES))

    def dns_servers(self) -> list[str]:
        try:
            adapters = _adapters()
        except SourceUnavailable:
            route = parse_routes(powershell.run_json(_ROUTES))
            return parse_dns(powershell.run_json(_DNS), route.interface if route else None)
        route = iphlp.default_route(adapters)
        chosen = [a for a in adapters if route is None or a.name == route.interface]
        return list(dict.fromkeys(ip for a in chosen for ip in a.dns))

    def dhcp_lease(self, interface: str, address: str = "") -> Lease | None:
        try:
            return iphlp.lease(_adapters(), interface, address, dt.datetime.now(dt.timezone.utc))
        except SourceUnavailable:
            return parse_adapter_lease(powershell.run_json(_ADAPTERS), interface, address)

    def address_origin(self, interface: str, address: str):
        """IP Helper's PrefixOrigin/SuffixOrigin; no text fallback (CIM's DHCPEnabled is a setting,
        not where the address in use came from)."""
        return iphlp.origin(_adapters(), interface, address)

    def neighbours(self) -> list[Neighbour]:
        try:
            names = {a.index: a.name for a in _adapters()}
            return iphlp.read_neighbours(names)
        except SourceUnavailable:
            return parse_arp_a(command.ask(["arp", "-a"], timeout=10))

    def proxies(self) -> list[Proxy]:
        """Environment, then the typed registry values WinINet and WinHTTP keep (no netsh text)."""
        found = super().proxies()
        found += registry.wininet_proxies(registry.read_key(*registry.INTERNET_SETTINGS))
        blob = (registry.read_key(*registry.WINHTTP_CONNECTIONS) or {}).get("WinHttpSettings")
        if blob is not None and isinstance(blob.data, bytes):
            try:
                found += registry.winhttp_proxies(blob.data)
            except ValueError as exc:
                raise SourceUnavailable("registry", "garbled", detail=str(exc)) from None
        return found

    def wifi(self, interface: str) -> Wifi | None:
        """wlanapi; netsh text only when wlanapi cannot answer (its location refusal is final:
        netsh sits behind the same permission)."""
        try:
            return wlan.read_connection(interface, _guid_of(interface))
        except SourceUnavailable as exc:
            if exc.reason == "location_off":
                raise
            text = command.ask(["netsh", "wlan", "show", "interfaces"], timeout=10)
            return parse_netsh_wlan(text, interface, _guid_of(interface))


def _guid_of(interface: str) -> str:
    try:
        return next((a.guid for a in _adapters() if a.name == interface), "")
    except SourceUnavailable:
        return ""
