"""kfield.net.scan: the plan's refusals, the neighbour sweep's reading, roles; real sockets on loopback."""

import ipaddress
import socket

import pytest

from kfield.core.errors import KfieldError, UsageError
from kfield.net import portscan, scan
from kfield.platform.base import Interface, Neighbour, Route
from tests.fakes import FakeHost

LO = Interface("lo", True, 0, 65536, "00:00:00:00:00:00", (("127.0.0.1", 8),), loopback=True)
ETH = Interface("eth0", True, 1000, 1500, "aa:bb:cc:00:00:01", (("198.18.0.50", 24),))


def fake(*interfaces, route=Route("eth0", "198.18.0.1"), **answers):
    return FakeHost(interfaces=list(interfaces or (LO, ETH)), default_route=route, **answers)


def test_default_plan_is_the_default_routes_subnet():
    target = scan.plan(fake())
    assert (str(target.network), target.interface, target.own_ip, target.gateway) == \
        ("198.18.0.0/24", "eth0", "198.18.0.50", "198.18.0.1")
    assert len(target.addresses) == 254


@pytest.mark.parametrize("cidr, force, key", [
    ("10.0.0.0/21", False, "lan.scan.too_big"),
    ("10.0.0.0/8", True, "lan.scan.too_big_forced"),
    ("10.0.0.300/24", False, "lan.scan.bad_cidr"),
    ("not-a-net", False, "lan.scan.bad_cidr"),
])
def test_plan_refusals(cidr, force, key):
    with pytest.raises(UsageError) as caught:
        scan.plan(fake(), cidr, force=force)
    assert caught.value.message.key == key


def test_a_big_range_with_force_and_a_named_one_are_taken():
    assert scan.plan(fake(), "10.0.0.0/20", force=True).network.num_addresses == 4096
    assert str(scan.plan(fake(), "192.168.7.9/25").network) == "192.168.7.0/25"


def test_unknown_interface_lists_the_real_ones():
    with pytest.raises(UsageError) as caught:
        scan.plan(fake(), interface="wlan9")
    assert caught.value.message.params == {"name": "wlan9", "names": "lo, eth0"}


def test_no_link_and_no_address():
    with pytest.raises(KfieldError) as caught:
        scan.plan(fake(LO, route=None))
    assert caught.value.message.key == "lan.scan.no_link"
    bare = Interface("eth0", True, 1000, 1500, "aa:bb:cc:00:00:01", ())
    with pytest.raises(KfieldError) as caught:
        scan.plan(fake(LO, bare, route=None))
    assert caught.value.message.key == "lan.scan.no_address"


def test_neighbour_sweep_keeps_resolved_entries_of_the_subnet_and_marks_cache_only_ones():
    table = [Neighbour("198.18.0.1", "aa:00:00:00:00:01", "REACHABLE"),
             Neighbour("198.18.0.7", "aa:00:00:00:00:07", "STALE"),
             Neighbour("198.18.0.8", "", "FAILED"),
             Neighbour("10.9.9.9", "aa:00:00:00:00:99", "REACHABLE")]
    target = scan.Plan(ipaddress.IPv4Network("198.18.0.0/28"), "eth0", "198.18.0.5", "aa:bb:cc:00:00:01", "198.18.0.1")
    asked = []
    found = scan.neighbour_sweep(fake(neighbours=table, solicit=asked.extend), target, settle=0.05, cap=0.3)
    assert len(asked) == 13 and "198.18.0.5" not in asked   # every host address but our own
    assert found == {"198.18.0.1": ("aa:00:00:00:00:01", True), "198.18.0.7": ("aa:00:00:00:00:07", False)}


def test_roles():
    target = scan.Plan(ipaddress.IPv4Network("198.18.0.0/24"), "eth0", "198.18.0.50", "", "198.18.0.1")
    assert scan.roles(scan.Device("198.18.0.1", ""), target, {}, ()) == ("gateway",)
    assert scan.roles(scan.Device("198.18.0.50", ""), target, {}, ()) == ("self",)
    assert scan.roles(scan.Device("198.18.0.9", "", ports=(9100,)), target, {}, ()) == ("printer",)
    assert scan.roles(scan.Device("198.18.0.8", ""), target, {"198.18.0.8": "Máy chủ một cửa"}, ("198.18.0.8",)) == \
        ("printer", "profile:Máy chủ một cửa")


def test_port_scan_on_loopback_finds_exactly_the_listening_port():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]   # bound, not listening: refused
    try:
        found = portscan.open_ports([("127.0.0.1", port), ("127.0.0.1", closed_port)], timeout=1.0)
    finally:
        server.close()
        closed.close()
    assert found == {("127.0.0.1", port)}


def test_port_scan_batches_beyond_the_descriptor_budget():
    seen = []
    portscan.open_ports([("127.0.0.1", 1)] * (portscan.BATCH + 3), timeout=0.2,
                        on_batch=lambda done, total: seen.append((done, total)))
    assert seen == [(portscan.BATCH, portscan.BATCH + 3), (portscan.BATCH + 3, portscan.BATCH + 3)]


def test_scan_report_json_shape():
    report = scan.ScanReport("198.18.0.0/24", "eth0", "arp", 1.2,
                             (scan.Device("198.18.0.1", "aa:00:00:00:00:01", roles=("gateway",)),))
    data = report.to_dict()
    assert data["count"] == 1 and data["devices"][0]["roles"] == ["gateway"] and data["method"] == "arp"


def test_enrich_reports_progress_per_phase_and_adds_this_pc():
    target = scan.Plan(ipaddress.IPv4Network("198.18.0.0/24"), "eth0", "198.18.0.50", "aa:bb:cc:00:00:01", "198.18.0.1")
    heard = []
    devices = scan.enrich(target, {"198.18.0.1": ("00:14:22:00:00:01", True)}, ports=(), names=False,
                          progress=lambda phase, done, total: heard.append((phase, done, total)))
    assert [d.ip for d in devices] == ["198.18.0.1", "198.18.0.50"]
    assert devices[0].roles == ("gateway",) and "Dell" in devices[0].vendor and devices[1].roles == ("self",)
    assert heard == [("ports", 0, 0), ("names", 0, 2), ("names", 2, 2)]
