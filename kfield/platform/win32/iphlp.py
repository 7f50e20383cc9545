"""Addresses, gateways, DNS servers, DHCP, link state and neighbours from the IP Helper API
(GetAdaptersAddresses, GetIpNetTable2): numbers and addresses, never text in the display language.

The structures are declared with ctypes (available on every OS) and walked by plain functions,
so the decoding is tested on Linux with structures built in memory; only ``_iphlpapi()`` needs
Windows.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import struct
from dataclasses import dataclass

from kfield.core.errors import SourceUnavailable
from kfield.platform.base import AddressOrigin, Interface, Lease, Neighbour, Route

AF_INET, AF_INET6_WINDOWS = 2, 23
GAA_FLAG_SKIP_ANYCAST, GAA_FLAG_SKIP_MULTICAST, GAA_FLAG_INCLUDE_GATEWAYS = 0x2, 0x4, 0x80
IP_ADAPTER_DHCP_ENABLED = 0x4
IF_TYPE_LOOPBACK, IF_TYPE_IEEE80211 = 24, 71
IF_OPER_STATUS_UP = 1
ERROR_BUFFER_OVERFLOW, ERROR_NO_DATA = 111, 232
INFINITE_LEASE = 0xFFFFFFFF
# NL_PREFIX_ORIGIN / NL_SUFFIX_ORIGIN: 1 = Manual, 3 = Dhcp (an IPv4 lease sets both to Dhcp)
ORIGIN_MANUAL, ORIGIN_DHCP = 1, 3
NEIGHBOUR_STATES = {0: "unreachable", 1: "incomplete", 2: "probe", 3: "delay", 4: "stale",
                    5: "reachable", 6: "permanent"}
ROW2_SIZE, ROW2_TABLE_OFFSET = 88, 8


class SocketAddress(ctypes.Structure):
    _fields_ = [("lpSockaddr", ctypes.c_void_p), ("iSockaddrLength", ctypes.c_int)]


class AddressEntry(ctypes.Structure):
    """The common head of the unicast, DNS-server and gateway lists."""


AddressEntry._fields_ = [("Length", ctypes.c_ulong), ("Flags", ctypes.c_ulong),
                         ("Next", ctypes.POINTER(AddressEntry)), ("Address", SocketAddress)]


class UnicastAddress(ctypes.Structure):
    pass


UnicastAddress._fields_ = [
    ("Length", ctypes.c_ulong), ("Flags", ctypes.c_ulong), ("Next", ctypes.POINTER(UnicastAddress)),
    ("Address", SocketAddress), ("PrefixOrigin", ctypes.c_int), ("SuffixOrigin", ctypes.c_int),
    ("DadState", ctypes.c_int), ("ValidLifetime", ctypes.c_ulong), ("PreferredLifetime", ctypes.c_ulong),
    ("LeaseLifetime", ctypes.c_ulong), ("OnLinkPrefixLength", ctypes.c_ubyte)]


class AdapterAddresses(ctypes.Structure):
    """IP_ADAPTER_ADDRESSES_LH, up to Dhcpv4Server (the fields kfield reads, in Windows' layout)."""


AdapterAddresses._fields_ = [
    ("Length", ctypes.c_ulong), ("IfIndex", ctypes.c_ulong), ("Next", ctypes.POINTER(AdapterAddresses)),
    ("AdapterName", ctypes.c_char_p), ("FirstUnicastAddress", ctypes.POINTER(UnicastAddress)),
    ("FirstAnycastAddress", ctypes.c_void_p), ("FirstMulticastAddress", ctypes.c_void_p),
    ("FirstDnsServerAddress", ctypes.POINTER(AddressEntry)), ("DnsSuffix", ctypes.c_wchar_p),
    ("Description", ctypes.c_wchar_p), ("FriendlyName", ctypes.c_wchar_p),
    ("PhysicalAddress", ctypes.c_ubyte * 8), ("PhysicalAddressLength", ctypes.c_ulong),
    ("Flags", ctypes.c_ulong), ("Mtu", ctypes.c_ulong), ("IfType", ctypes.c_ulong),
    ("OperStatus", ctypes.c_int), ("Ipv6IfIndex", ctypes.c_ulong), ("ZoneIndices", ctypes.c_ulong * 16),
    ("FirstPrefix", ctypes.c_void_p), ("TransmitLinkSpeed", ctypes.c_uint64),
    ("ReceiveLinkSpeed", ctypes.c_uint64), ("FirstWinsServerAddress", ctypes.c_void_p),
    ("FirstGatewayAddress", ctypes.POINTER(AddressEntry)), ("Ipv4Metric", ctypes.c_ulong),
    ("Ipv6Metric", ctypes.c_ulong), ("Luid", ctypes.c_uint64), ("Dhcpv4Server", SocketAddress)]


@dataclass(frozen=True)
class Adapter:
    """One adapter as kfield needs it."""

    index: int
    name: str                     # FriendlyName, the name people see ("Ethernet", "Wi-Fi")
    up: bool
    speed_mbps: int
    mtu: int
    mac: str
    ipv4: tuple[tuple[str, int, int], ...]   # (address, prefix, DHCP lease seconds left)
    gateways: tuple[str, ...]
    dns: tuple[str, ...]
    dhcp_enabled: bool
    dhcp_server: str
    metric: int
    wireless: bool
    loopback: bool
    guid: str = ""                # AdapterName, "{…}": how wlanapi names the same interface
    origins: tuple[tuple[str, int, int], ...] = ()   # (address, PrefixOrigin, SuffixOrigin)


# --- pure decoding ----------------------------------------------------------------------------
def sockaddr_ip(raw: bytes) -> str:
    """The IPv4 address of a Windows SOCKADDR ("" for another family or a short buffer)."""
    if len(raw) < 8 or struct.unpack_from("<H", raw, 0)[0] != AF_INET:
        return ""
    return ".".join(str(b) for b in raw[4:8])


def _address(sa: SocketAddress) -> str:
    if not sa.lpSockaddr or sa.iSockaddrLength <= 0:
        return ""
    return sockaddr_ip(ctypes.string_at(sa.lpSockaddr, sa.iSockaddrLength))


def _chain(first):
    node = first
    while node:
        yield node.contents
        node = node.contents.Next


def _mac(entry: AdapterAddresses) -> str:
    length = min(entry.PhysicalAddressLength, 8)
    return ":".join(f"{b:02x}" for b in entry.PhysicalAddress[:length]) if length == 6 else ""


def adapter(entry: AdapterAddresses) -> Adapter:
    ipv4 = tuple((ip, u.OnLinkPrefixLength, u.LeaseLifetime)
                 for u in _chain(entry.FirstUnicastAddress) if (ip := _address(u.Address)))
    return Adapter(entry.IfIndex, entry.FriendlyName or entry.Description or "", entry.OperStatus == IF_OPER_STATUS_UP,
                   int(entry.ReceiveLinkSpeed // 1_000_000) if entry.ReceiveLinkSpeed < 2**63 else 0,
                   entry.Mtu if entry.Mtu < 2**31 else 0, _mac(entry), ipv4,
                   tuple(ip for g in _chain(entry.FirstGatewayAddress) if (ip := _address(g.Address))),
                   tuple(ip for d in _chain(entry.FirstDnsServerAddress) if (ip := _address(d.Address))),
                   bool(entry.Flags & IP_ADAPTER_DHCP_ENABLED), _address(entry.Dhcpv4Server), entry.Ipv4Metric,
                   entry.IfType == IF_TYPE_IEEE80211, entry.IfType == IF_TYPE_LOOPBACK,
                   (entry.AdapterName or b"").decode("ascii", "replace").upper(),
                   tuple((ip, u.PrefixOrigin, u.SuffixOrigin)
                         for u in _chain(entry.FirstUnicastAddress) if (ip := _address(u.Address))))


def adapters_from(first) -> list[Adapter]:
    """Walk a GetAdaptersAddresses list (a POINTER(AdapterAddresses))."""
    return [adapter(entry) for entry in _chain(first)]


def as_interface(a: Adapter) -> Interface:
    return Interface(a.name, a.up, a.speed_mbps, a.mtu, a.mac, tuple((ip, p) for ip, p, _ in a.ipv4),
                     a.wireless, a.loopback)


def default_route(adapters: list[Adapter]) -> Route | None:
    """The up adapter with an IPv4 gateway and the lowest interface metric."""
    usable = [a for a in adapters if a.up and a.gateways and not a.loopback]
    best = min(usable, key=lambda a: a.metric, default=None)
    if best is None:
        return None
    gateway = best.gateways[0]
    return Route(best.name, "" if gateway == "0.0.0.0" else gateway)


def lease(adapters: list[Adapter], interface: str, address: str, now: dt.datetime) -> Lease | None:
    """The DHCP lease of ``address`` on ``interface``: server and expiry (now + seconds left)."""
    for a in adapters:
        for ip, _, seconds in a.ipv4:
            if a.name == interface and ip == address and a.dhcp_enabled and a.dhcp_server:
                expires = None if seconds == INFINITE_LEASE else now + dt.timedelta(seconds=seconds)
                return Lease(interface, address, a.dhcp_server, expires)
    return None


def origin(adapters: list[Adapter], interface: str, address: str) -> AddressOrigin | None:
    """DHCP when Windows says both halves of the address came from DHCP, static when both were set
    by hand; any other pair (or an address not listed) is not an answer."""
    for a in adapters:
        for ip, prefix, suffix in a.origins:
            if a.name == interface and ip == address:
                if prefix == suffix == ORIGIN_DHCP:
                    seconds = next((s for i, _, s in a.ipv4 if i == ip), None)
                    return AddressOrigin("dhcp", "iphlpapi", None if seconds in (None, INFINITE_LEASE) else seconds)
                if prefix == suffix == ORIGIN_MANUAL:
                    return AddressOrigin("static", "iphlpapi")
    return None


def neighbours_from(buffer: bytes, names: dict[int, str]) -> list[Neighbour]:
    """A MIB_IPNET_TABLE2 (GetIpNetTable2, IPv4) as bytes: NumEntries, then 88-byte rows."""
    (count,) = struct.unpack_from("<I", buffer, 0)
    if ROW2_TABLE_OFFSET + count * ROW2_SIZE > len(buffer):
        raise ValueError("neighbour table shorter than its entry count")
    out = []
    for i in range(count):
        row = buffer[ROW2_TABLE_OFFSET + i * ROW2_SIZE:ROW2_TABLE_OFFSET + (i + 1) * ROW2_SIZE]
        neighbour = _neighbour(row, names)
        if neighbour is not None:
            out.append(neighbour)
    return out


def _neighbour(row: bytes, names: dict[int, str]) -> Neighbour | None:
    ip = sockaddr_ip(row[:28])
    index, = struct.unpack_from("<I", row, 28)
    length, state = struct.unpack_from("<II", row, 72)
    mac = ":".join(f"{b:02x}" for b in row[40:40 + min(length, 32)]) if length == 6 else ""
    first = int(ip.split(".")[0]) if ip else 0
    if not ip or 224 <= first <= 239 or ip.endswith(".255") or mac == "ff:ff:ff:ff:ff:ff":
        return None
    return Neighbour(ip, "" if mac == "00:00:00:00:00:00" else mac, NEIGHBOUR_STATES.get(state, str(state)),
                     names.get(index, str(index)))


# --- the Windows calls ------------------------------------------------------------------------
def _iphlpapi():
    try:
        return ctypes.WinDLL("iphlpapi")
    except (AttributeError, OSError):  # not Windows, or the DLL will not load
        raise SourceUnavailable("iphlpapi", "missing") from None


def read_adapters() -> list[Adapter]:
    lib = _iphlpapi()
    flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_INCLUDE_GATEWAYS
    size = ctypes.c_ulong(16 * 1024)
    for _ in range(4):   # the list can grow between the size query and the call
        buffer = ctypes.create_string_buffer(size.value)
        error = lib.GetAdaptersAddresses(AF_INET, flags, None, buffer, ctypes.byref(size))
        if error == 0:
            return adapters_from(ctypes.cast(buffer, ctypes.POINTER(AdapterAddresses)))
        if error == ERROR_NO_DATA:
            return []
        if error != ERROR_BUFFER_OVERFLOW:
            break
    raise SourceUnavailable("iphlpapi", "failed", detail=f"GetAdaptersAddresses error {error}")


def read_neighbours(names: dict[int, str]) -> list[Neighbour]:
    lib = _iphlpapi()
    table = ctypes.c_void_p()
    error = lib.GetIpNetTable2(AF_INET, ctypes.byref(table))
    if error == ERROR_NO_DATA or (error == 0 and not table):
        return []
    if error != 0:
        raise SourceUnavailable("iphlpapi", "failed", detail=f"GetIpNetTable2 error {error}")
    try:
        count = ctypes.c_ulong.from_address(table.value).value
        return neighbours_from(ctypes.string_at(table.value, ROW2_TABLE_OFFSET + count * ROW2_SIZE), names)
    finally:
        lib.FreeMibTable(table)
