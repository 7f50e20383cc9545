"""GetAdaptersAddresses / GetIpNetTable2 decoding, on structures and bytes built in memory
(the same ctypes declarations the Windows call fills in)."""

import ctypes
import datetime as dt
import socket
import struct

from kfield.platform.base import Interface, Lease, Neighbour, Route
from kfield.platform.win32 import iphlp

KEEP = []   # keep the buffers the pointers point into alive for the test


def _sockaddr(ip: str) -> iphlp.SocketAddress:
    raw = ctypes.create_string_buffer(struct.pack("<HH", iphlp.AF_INET, 0) + socket.inet_aton(ip) + bytes(8), 16)
    KEEP.append(raw)
    return iphlp.SocketAddress(ctypes.cast(raw, ctypes.c_void_p), 16)


def _entries(ips, kind=iphlp.AddressEntry):
    head = None
    for ip in reversed(ips):
        node = kind()
        node.Address = _sockaddr(ip)
        node.Next = head
        KEEP.append(node)
        head = ctypes.pointer(node)
    return head


def _unicast(ip, prefix, lease_seconds):
    node = iphlp.UnicastAddress()
    node.Address, node.OnLinkPrefixLength, node.LeaseLifetime = _sockaddr(ip), prefix, lease_seconds
    KEEP.append(node)
    return ctypes.pointer(node)


def _adapter(index, name, if_type, up, ip=None, gateway=None, dns=(), dhcp=None, metric=25, mac=b"\x00\x1a\x2b\x3c\x4d\x5e"):
    a = iphlp.AdapterAddresses()
    a.IfIndex, a.FriendlyName, a.Description, a.IfType = index, name, "NIC", if_type
    a.OperStatus, a.Mtu, a.ReceiveLinkSpeed, a.Ipv4Metric = (1 if up else 2), 1500, 1_000_000_000, metric
    a.PhysicalAddress[:len(mac)], a.PhysicalAddressLength = list(mac), len(mac)
    if ip:
        a.FirstUnicastAddress = _unicast(*ip)
    if gateway:
        a.FirstGatewayAddress = _entries([gateway])
    if dns:
        a.FirstDnsServerAddress = _entries(list(dns))
    if dhcp:
        a.Flags, a.Dhcpv4Server = iphlp.IP_ADAPTER_DHCP_ENABLED, _sockaddr(dhcp)
    KEEP.append(a)
    return a


def _linked(*adapters):
    for first, second in zip(adapters, adapters[1:]):
        first.Next = ctypes.pointer(second)
    return ctypes.pointer(adapters[0])


def office_pc():
    wired = _adapter(7, "Ethernet", 6, True, ("10.10.0.23", 24, 86000), "10.10.0.1", ("10.10.0.1", "8.8.8.8"),
                     dhcp="10.10.0.1", metric=25)
    wifi = _adapter(12, "Wi-Fi", 71, True, ("192.168.1.20", 24, iphlp.INFINITE_LEASE), "192.168.1.1",
                    ("192.168.1.1",), dhcp="192.168.1.1", metric=50)
    loop = _adapter(1, "Loopback Pseudo-Interface 1", 24, True, ("127.0.0.1", 8, 0), mac=b"")
    loop.PhysicalAddressLength = 0
    return iphlp.adapters_from(_linked(wired, wifi, loop))


def test_adapters_decode_to_interfaces():
    interfaces = [iphlp.as_interface(a) for a in office_pc()]
    assert interfaces[0] == Interface("Ethernet", True, 1000, 1500, "00:1a:2b:3c:4d:5e", (("10.10.0.23", 24),))
    assert interfaces[1].wireless and not interfaces[1].loopback
    assert interfaces[2].loopback and interfaces[2].mac == ""


def test_default_route_is_the_lowest_metric_gateway_and_dns_follow_it():
    adapters = office_pc()
    assert iphlp.default_route(adapters) == Route("Ethernet", "10.10.0.1")
    assert adapters[0].dns == ("10.10.0.1", "8.8.8.8")


def test_no_gateway_no_route():
    assert iphlp.default_route([a for a in office_pc() if a.loopback]) is None


def test_dhcp_lease_expiry_from_seconds_left_and_infinite_lease():
    now = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    adapters = office_pc()
    assert iphlp.lease(adapters, "Ethernet", "10.10.0.23", now) == Lease(
        "Ethernet", "10.10.0.23", "10.10.0.1", now + dt.timedelta(seconds=86000))
    assert iphlp.lease(adapters, "Wi-Fi", "192.168.1.20", now).expires is None
    assert iphlp.lease(adapters, "Ethernet", "10.10.0.99", now) is None


def _row(ip: str, index: int, mac: bytes, state: int) -> bytes:
    address = struct.pack("<HH", iphlp.AF_INET, 0) + socket.inet_aton(ip) + bytes(20)
    row = address + struct.pack("<I", index) + struct.pack("<Q", 0) + mac.ljust(32, b"\0")
    row += struct.pack("<II", len(mac), state) + bytes(8)
    assert len(row) == iphlp.ROW2_SIZE
    return row


def test_neighbour_table_rows_with_states_and_multicast_dropped():
    rows = [_row("10.10.0.1", 7, bytes.fromhex("001a2b3c4d01"), 5), _row("10.10.0.9", 7, bytes(6), 0),
            _row("224.0.0.22", 7, bytes.fromhex("01005e000016"), 6), _row("10.10.0.255", 7, b"\xff" * 6, 6)]
    buffer = struct.pack("<I", len(rows)) + bytes(4) + b"".join(rows)
    assert iphlp.neighbours_from(buffer, {7: "Ethernet"}) == [
        Neighbour("10.10.0.1", "00:1a:2b:3c:4d:01", "reachable", "Ethernet"),
        Neighbour("10.10.0.9", "", "unreachable", "Ethernet")]


def test_neighbour_table_shorter_than_its_count_is_an_error():
    import pytest

    with pytest.raises(ValueError):
        iphlp.neighbours_from(struct.pack("<I", 3) + bytes(4), {})


def test_sockaddr_of_another_family_is_not_an_ipv4_address():
    assert iphlp.sockaddr_ip(struct.pack("<H", iphlp.AF_INET6_WINDOWS) + bytes(26)) == ""
    assert iphlp.sockaddr_ip(b"\x02") == ""


def test_address_origin_from_prefix_and_suffix_origin():
    """Both halves Dhcp (3) → DHCP with the lease's seconds; both Manual (1) → static; else no answer."""
    from kfield.platform.base import AddressOrigin

    def one(prefix, suffix, lease=7200):
        a = _adapter(7, "Ethernet", 6, True, ip=("10.10.0.57", 24, lease))
        a.FirstUnicastAddress.contents.PrefixOrigin = prefix
        a.FirstUnicastAddress.contents.SuffixOrigin = suffix
        return iphlp.adapters_from(_linked(a))

    assert iphlp.origin(one(3, 3), "Ethernet", "10.10.0.57") == AddressOrigin("dhcp", "iphlpapi", 7200)
    assert iphlp.origin(one(3, 3, 0xFFFFFFFF), "Ethernet", "10.10.0.57") == AddressOrigin("dhcp", "iphlpapi", None)
    assert iphlp.origin(one(1, 1), "Ethernet", "10.10.0.57") == AddressOrigin("static", "iphlpapi")
    assert iphlp.origin(one(0, 4), "Ethernet", "10.10.0.57") is None
    assert iphlp.origin(one(3, 3), "Wi-Fi", "10.10.0.57") is None
