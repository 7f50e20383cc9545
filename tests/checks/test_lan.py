"""LAN checks on a FakeHost; the namespace lab (tests/lab/) runs them for real."""

import datetime as dt

import pytest

from kfield.core.result import Status
from kfield.net.dnsq import DnsAnswer
from kfield.net.layer2 import DhcpProbe, Offer, random_mac
from kfield.net.probe import Ping
from kfield.platform.base import (AddressOrigin, Interface, Lease, Neighbour, NotSupported, Route,
                                  SourceUnavailable, Wifi)
from kfield.testing import compute_check
from tests.fakes import FakeHost

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
LO = Interface("lo", True, 0, 65536, "00:00:00:00:00:00", (("127.0.0.1", 8),), loopback=True)
ETH = Interface("eth0", True, 1000, 1500, "aa:bb:cc:00:00:01", (("198.18.0.50", 24),))
ROUTE = Route("eth0", "198.18.0.1")


def host(eth=ETH, route=ROUTE, **answers):
    return FakeHost(interfaces=[LO, eth], default_route=route, **answers)


def replace(interface, **changes):
    import dataclasses

    return dataclasses.replace(interface, **changes)


def status(check_id, fake, **inputs):
    return compute_check(check_id, host=fake, **inputs).status


@pytest.mark.parametrize("eth, expected", [
    (ETH, Status.OK),
    (replace(ETH, up=False), Status.FAIL),
    (replace(ETH, speed_mbps=10), Status.WARN),
    (replace(ETH, speed_mbps=0), Status.OK),        # the driver does not say: no alarm
])
def test_lan001_link(eth, expected):
    assert status("LAN001", host(eth=eth, route=None)) is expected


def test_lan001_only_loopback_and_virtual_means_no_link():
    fake = FakeHost(interfaces=[LO, Interface("docker0", True, 0, 1500, "02:42:00:00:00:01", (("172.17.0.1", 16),))],
                    default_route=None)
    res = compute_check("LAN001", host=fake)
    assert res.status is Status.FAIL and res.remedy.key == "lan.link.remedy"


@pytest.mark.parametrize("ipv4, key", [
    ((("198.18.0.50", 24),), "lan.ip.ok"),
    ((("169.254.7.9", 16),), "lan.ip.link_local"),
    ((), "lan.ip.none"),
])
def test_lan002_address(ipv4, key):
    assert compute_check("LAN002", host=host(eth=replace(ETH, ipv4=ipv4), route=None)).summary.key == key


def test_lan003_gateway_answers():
    res = compute_check("LAN003", host=host(ping=Ping("198.18.0.1", "icmp", 3, 3, (0.4, 0.5, 0.6))))
    assert res.status is Status.OK and res.summary.params == {"gateway": "198.18.0.1", "ms": 0.5, "method": "icmp"}


def test_lan003_gateway_silent_to_ping_but_answering_a_fresh_arp_request():
    fake = host(ping=Ping("198.18.0.1", "tcp", 3, 0), arp_answers={"198.18.0.1": "aa:bb:cc:00:00:09"})
    assert compute_check("LAN003", host=fake, privileged=True).summary.key == "lan.gw.arp_only"


def test_lan003_gateway_silent_fails_and_the_arp_cache_is_not_trusted():
    fake = host(ping=Ping("198.18.0.1", "tcp", 3, 0), arp_answers={},
                neighbours=[Neighbour("198.18.0.1", "aa:bb:cc:00:00:09", "REACHABLE")])
    res = compute_check("LAN003", host=fake, privileged=True)
    assert res.status is Status.FAIL and res.remedy.key == "lan.gw.remedy"
    unprivileged = host(ping=Ping("198.18.0.1", "tcp", 3, 0), arp_answers=AssertionError("no ARP without rights"))
    assert compute_check("LAN003", host=unprivileged, privileged=False).summary.key == "lan.gw.silent"


def test_lan003_no_default_route():
    assert compute_check("LAN003", host=host(route=None)).summary.key == "lan.gw.none"


def answers(*servers_ok):
    return lambda server, *args, **kw: DnsAnswer(server, server in servers_ok, "NOERROR", (), 3.0)


@pytest.mark.parametrize("up, expected", [(("a", "b"), Status.OK), (("a",), Status.WARN), ((), Status.FAIL)])
def test_lan004_dns_servers(up, expected):
    assert status("LAN004", host(dns_servers=["a", "b"], dns_ask=answers(*up))) is expected


def test_lan004_a_forwarder_that_ignores_the_root_but_answers_names_is_there():
    asked = []

    def ask(server, name=".", rdtype="NS", timeout=2.0):
        asked.append((name, rdtype))
        return DnsAnswer(server, name != ".", "NOERROR", ("198.19.1.10",), 3.0)

    res = compute_check("LAN004", host=host(dns_servers=["a"], dns_ask=ask), portals=["https://eoffice.kfield.test/"])
    assert res.status is Status.OK and ("eoffice.kfield.test", "A") in asked and (".", "NS") in asked


def test_lan004_no_dns_configured():
    assert compute_check("LAN004", host=host(dns_servers=[])).summary.key == "lan.dns.none"


def test_lan005_lease_hours_left_and_expired():
    lease = Lease("eth0", "198.18.0.50", "198.18.0.1", NOW + dt.timedelta(hours=5))
    res = compute_check("LAN005", host=host(dhcp_lease=lease), now=NOW)
    assert res.status is Status.OK and res.summary.params["hours"] == 5.0
    late = compute_check("LAN005", host=host(dhcp_lease=lease), now=NOW + dt.timedelta(hours=6))
    assert late.status is Status.WARN and late.summary.key == "lan.dhcp.expired"


def test_lan005_static_only_when_a_source_says_so():
    said = host(dhcp_lease=None, address_origin=AddressOrigin("static", "iphlpapi"))
    res = compute_check("LAN005", host=said)
    assert (res.status, res.summary.key) == (Status.OK, "lan.dhcp.static")


@pytest.mark.parametrize("origin", [None, NotSupported("platform.not_here"), SourceUnavailable("iphlpapi", "missing")])
def test_lan005_no_lease_and_no_source_is_could_not_check_never_static(origin):
    res = compute_check("LAN005", host=host(dhcp_lease=None, address_origin=origin))
    assert (res.status, res.summary.key) == (Status.SKIP, "lan.dhcp.origin_unknown")


def test_lan005_dhcp_said_by_the_system_without_a_readable_lease():
    timed = host(dhcp_lease=None, address_origin=AddressOrigin("dhcp", "ip", 5400))
    res = compute_check("LAN005", host=timed)
    assert (res.status, res.summary.key, res.summary.params["hours"]) == (Status.OK, "lan.dhcp.ok_no_server", 1.5)
    untimed = compute_check("LAN005", host=host(dhcp_lease=None, address_origin=AddressOrigin("dhcp", "dhclient")))
    assert (untimed.status, untimed.summary.key) == (Status.SKIP, "lan.dhcp.lease_unread")


def test_lan006_wired_is_a_skip():
    assert compute_check("LAN006", host=host()).summary.key == "lan.wifi.wired"


@pytest.mark.parametrize("wifi, expected", [
    (Wifi("wlan0", "UBND", -60, 80), Status.OK),
    (Wifi("wlan0", "UBND", -81, 38), Status.WARN),
    (None, Status.FAIL),
])
def test_lan006_wifi_signal(wifi, expected):
    wlan = replace(ETH, name="wlan0", wireless=True)
    assert status("LAN006", host(eth=wlan, route=Route("wlan0", "198.18.0.1"), wifi=wifi)) is expected


def test_lan007_privileged_probe_finds_the_other_mac():
    res = compute_check("LAN007", host=host(address_conflicts=["de:ad:be:ef:00:01"]), privileged=True)
    assert res.status is Status.FAIL and res.summary.params["macs"] == "de:ad:be:ef:00:01"
    assert status("LAN007", host(address_conflicts=[]), privileged=True) is Status.OK


def test_lan007_unprivileged_reads_the_neighbour_table_else_skips():
    seen = host(neighbours=[Neighbour("198.18.0.50", "de:ad:be:ef:00:01")])
    assert compute_check("LAN007", host=seen, privileged=False).status is Status.FAIL
    res = compute_check("LAN007", host=host(neighbours=[]), privileged=False)
    assert res.status is Status.SKIP and res.summary.key == "lan.dup.needs_admin"


ROUTER_OFFER = Offer("198.18.0.1", "aa:00:00:00:00:01", "198.18.0.50")
NEW_OFFER = Offer("198.18.0.1", "aa:00:00:00:00:01", "198.18.0.51")
ROGUE_OFFER = Offer("198.18.0.66", "aa:00:00:00:00:66", "192.168.1.2")
LATE_OFFER = Offer("198.18.0.1", "aa:00:00:00:00:01", "198.18.0.50", after_s=4.7)    # answered the resent DISCOVER
PINGED_OFFER = Offer("198.18.0.1", "aa:00:00:00:00:01", "198.18.0.50", after_s=3.2)  # pinged 3 s first


def probe(own=(), fresh=()):
    return DhcpProbe(tuple(own), tuple(fresh), "06:11:22:33:44:55")


@pytest.mark.parametrize("answer, expected, key", [
    (probe([ROUTER_OFFER], [NEW_OFFER]), Status.OK, "lan.rogue.one"),
    (probe([ROUTER_OFFER, ROGUE_OFFER], [NEW_OFFER, ROGUE_OFFER]), Status.FAIL, "lan.rogue.many"),
    (probe([ROUTER_OFFER], [ROGUE_OFFER]), Status.FAIL, "lan.rogue.many"),   # the rogue answers new devices only
    (probe([ROUTER_OFFER], []), Status.FAIL, "lan.dhcp.pool_full"),
    (probe([], [NEW_OFFER]), Status.OK, "lan.rogue.one"),
    (probe(), Status.WARN, "lan.rogue.none"),
    (probe([LATE_OFFER], []), Status.WARN, "lan.dhcp.late"),   # silent at first: no full pool is proven
    (probe([LATE_OFFER], [NEW_OFFER]), Status.WARN, "lan.dhcp.late"),
    (probe([PINGED_OFFER], [NEW_OFFER]), Status.OK, "lan.rogue.one"),   # it pinged first: answered the first ask
])
def test_lan008_dhcp_servers_as_this_pc_and_as_a_new_device(answer, expected, key):
    res = compute_check("LAN008", host=host(dhcp_probe=answer), admin=True)
    assert (res.status, res.summary.key) == (expected, key)


def test_lan008_pool_full_names_the_server_and_shows_the_probe_mac():
    res = compute_check("LAN008", host=host(dhcp_probe=probe([ROUTER_OFFER], [])), admin=True)
    assert res.summary.params == {"server": "198.18.0.1"} and res.remedy.key == "lan.dhcp.pool_remedy"
    assert ("probe_mac", "06:11:22:33:44:55") in [(e.name, e.value) for e in res.evidence]


def test_lan008_a_server_silent_until_asked_again_says_when_it_answered():
    res = compute_check("LAN008", host=host(dhcp_probe=probe([LATE_OFFER], [])), admin=True)
    assert res.summary.params == {"server": "198.18.0.1", "seconds": 4.7}
    assert res.remedy.key == "lan.dhcp.late_remedy" and "threshold" not in res.summary.params   # no alarm alone


def test_lan008_without_scapy_or_npcap_is_a_skip_with_the_reason():
    res = compute_check("LAN008", host=host(dhcp_probe=NotSupported("net.no_scapy")), admin=True)
    assert res.status is Status.SKIP and res.summary.key == "net.no_scapy"


def test_random_probe_mac_is_locally_administered_unicast_and_fresh():
    macs = {random_mac() for _ in range(50)}
    assert len(macs) == 50
    assert all(int(m[:2], 16) & 0b11 == 0b10 for m in macs)


ROUTER, OTHER = "aa:00:00:00:00:01", "98:fa:9b:00:00:99"


@pytest.mark.parametrize("answering, cached, dhcp, key", [
    ([ROUTER], ROUTER, ROUTER, "lan.gw.one_device"),
    ([ROUTER, OTHER], ROUTER, ROUTER, "lan.gw.impostor_named"),
    ([ROUTER, OTHER], OTHER, "", "lan.gw.impostor"),          # no DHCP witness: both named, neither accused
    ([OTHER], OTHER, ROUTER, "lan.gw.dhcp_mac_differs"),
    ([ROUTER], OTHER, ROUTER, "lan.gw.cache_differs"),
    ([ROUTER], "", "", "lan.gw.one_device"),
    ([], ROUTER, ROUTER, "lan.gw.no_arp_answer"),
])
def test_lan011_router_witnesses(answering, cached, dhcp, key):
    offers = [Offer("198.18.0.1", dhcp, "198.18.0.50")] if dhcp else [ROGUE_OFFER]
    fake = host(arp_claimants=answering, neighbours=[Neighbour("198.18.0.1", cached)] if cached else [],
                dhcp_offers=offers)
    res = compute_check("LAN011", host=fake, admin=True)
    assert res.summary.key == key
    if key == "lan.gw.impostor_named":
        params = dict(res.summary.params)
        assert params.pop("devices").startswith(f"{OTHER}, ")   # the MAC with its vendor, to find the box
        assert params == {"gateway": "198.18.0.1", "router": ROUTER, "others": OTHER}


def test_lan011_needs_administrator_rights_and_a_gateway():
    assert compute_check("LAN011", host=host()).summary.key == "core.skip.admin"
    assert compute_check("LAN011", host=host(route=None), admin=True).summary.key == "lan.gw.none"


def test_lan009_printers():
    states = {("198.18.0.9", 631): "open"}
    fake = host(tcp_state=lambda ip, port, timeout: states.get((ip, port), "timeout"))
    assert status("LAN009", fake, printers=["198.18.0.9"]) is Status.OK
    res = compute_check("LAN009", host=fake, printers=["198.18.0.9", "198.18.0.10"])
    assert res.status is Status.FAIL and res.summary.params["printers"] == "198.18.0.10"
    assert compute_check("LAN009", host=fake).summary.key == "lan.printer.none_listed"


@pytest.mark.parametrize("mtu, expected", [(1500, Status.OK), (1492, Status.OK), (1350, Status.WARN),
                                           (576, Status.FAIL)])
def test_lan010_mtu(mtu, expected):
    assert status("LAN010", host(eth=replace(ETH, mtu=mtu))) is expected


def test_lan008_needs_administrator_rights():
    assert compute_check("LAN008", host=host(dhcp_probe=probe())).summary.key == "core.skip.admin"
