"""NET checks on a FakeHost; tests/diagnose/ and the Internet lab run them for real."""

import itertools
import random

import pytest

from kfield.core.result import Status
from kfield.net.dnsq import DnsAnswer
from kfield.net.pmtu import PathMtu
from kfield.net.probe import Ping
from kfield.net.trace import Hop
from kfield.net.web import WebProbe
from kfield.platform.base import Proxy, Route
from kfield.testing import compute_check
from tests.fakes import FakeHost

PORTAL = "https://eoffice.kfield.test/"


def dns_host(system, answers, servers=("198.18.0.1",)):
    """answers: {(server, name): addresses or None (no answer)}; unknown names → NXDOMAIN."""
    def ask(server, name, rdtype="A", timeout=2.0):
        if (server, name) not in answers:
            return DnsAnswer(server, True, "NXDOMAIN")
        found = answers[(server, name)]
        return DnsAnswer(server, found is not None, "NOERROR", tuple(found or ()), 2.0)

    def resolve(name):
        if not system.get(name):
            raise OSError("no address")
        return system[name]

    return FakeHost(dns_servers=list(servers), dns_ask=ask, resolve=resolve)


def run_dns(fake, **params):
    return compute_check("NET001", host=fake, portals=[PORTAL], rand=random.Random(1), **params)


def test_dns_agreeing_resolvers():
    fake = dns_host({"eoffice.kfield.test": ["198.19.1.10"]},
                    {("198.18.0.1", "eoffice.kfield.test"): ["198.19.1.10"],
                     ("198.19.1.54", "eoffice.kfield.test"): ["198.19.1.10"]})
    assert run_dns(fake, resolvers=["198.19.1.54"]).summary.key == "net.dns.ok"


def test_dns_lying_resolver_disagrees_with_the_reference():
    fake = dns_host({"eoffice.kfield.test": ["198.19.1.99"]},
                    {("198.18.0.1", "eoffice.kfield.test"): ["198.19.1.99"],
                     ("198.19.1.54", "eoffice.kfield.test"): ["198.19.1.10"]})
    res = run_dns(fake, resolvers=["198.19.1.54"])
    assert res.status is Status.FAIL and res.summary.key == "net.dns.disagree"


def test_dns_system_cannot_resolve_but_a_public_resolver_can():
    fake = dns_host({}, {("198.18.0.1", "eoffice.kfield.test"): None,
                         ("198.19.1.54", "eoffice.kfield.test"): ["198.19.1.10"]})
    res = run_dns(fake, resolvers=["198.19.1.54"])
    assert res.summary.key == "net.dns.unresolved"
    assert res.summary.params["down"] == "198.18.0.1" and res.summary.params["public_ok"] == "198.19.1.54"


def test_dns_nxdomain_rewriting_is_a_warning():
    class Rewriter(dict):
        def __contains__(self, key):
            return True

        def __getitem__(self, key):
            return ["203.0.113.7"] if key[1].startswith("kfield-nx-") else ["198.19.1.10"]

    fake = dns_host({"eoffice.kfield.test": ["198.19.1.10"]}, Rewriter())
    assert run_dns(fake).summary.key == "net.dns.rewrites"


def test_dns_without_names_is_a_skip():
    assert compute_check("NET001", host=FakeHost()).summary.key == "net.dns.no_names"


def web(mapping):
    return lambda url, timeout=5.0, follow=True: mapping[url]


GOOD = WebProbe(PORTAL, status=200, connect_ms=3.0, tls_ms=5.0, issuer="Lab CA", days_left=300)


@pytest.mark.parametrize("probes, key", [
    ([GOOD], "net.web.ok"),
    ([WebProbe(PORTAL, "tls", "expired", valid_until="2020-01-01")], "net.web.cert_expired"),
    ([GOOD, WebProbe("https://b/", "connect", "timeout")], "net.web.fail_timeout"),
    ([WebProbe(PORTAL, status=503)], "net.web.fail_status"),
    ([WebProbe(PORTAL, "dns", "dns_failed")], "net.web.fail_dns"),
    ([WebProbe(PORTAL, "connect", "refused")], "net.web.fail_refused"),
    ([WebProbe(PORTAL, "connect", "unreachable")], "net.web.fail_unreachable"),
    ([WebProbe(PORTAL, "http", "timeout")], "net.web.fail_stalled"),
    ([WebProbe(PORTAL, "tls", "tls_failed")], "net.web.fail_tls"),
    ([WebProbe(PORTAL, "http", "http_failed")], "net.web.fail_http"),
    ([WebProbe(PORTAL, "tls", "hostname", names=("other.test",))], "net.web.cert_wrong_name"),
    ([WebProbe(PORTAL, "tls", "untrusted", issuer="Odd CA")], "net.web.cert_untrusted"),
    ([WebProbe(PORTAL, "tls", "not_yet_valid", valid_from="2031-01-01")], "net.web.cert_not_yet_valid"),
    ([WebProbe(PORTAL, status=200, issuer="Fortinet", days_left=300)], "net.web.intercepted"),
    ([WebProbe(PORTAL, status=200, issuer="Lab CA", days_left=3)], "net.web.expiring"),
])
def test_portals(probes, key):
    res = compute_check("NET002", host=FakeHost(web=web({p.url: p for p in probes})), portals=[p.url for p in probes])
    assert res.summary.key == key


def test_portal_faults_are_told_in_words_with_dates_and_names():
    from kfield.core.i18n import render

    probes = [GOOD, WebProbe("https://expired.test/", "tls", "expired", valid_until="2020-01-01", issuer="Lab CA"),
              WebProbe("https://wrong.test/", "tls", "hostname", names=("other.test", "www.other.test"))]
    res = compute_check("NET002", host=FakeHost(web=web({p.url: p for p in probes})), portals=[p.url for p in probes])
    params = res.summary.params
    assert (res.summary.key, params["scope"], params["portal"], params["date"]) == (
        "net.web.cert_expired", "some", "expired.test", "2020-01-01")
    assert render(res.summary, "en") == "2 of 3 portals fail — expired.test: its certificate expired on 2020-01-01"
    assert render(res.summary, "vi").startswith("2/3 cổng không vào được — expired.test: chứng chỉ")
    rows = {m.name: m.value for m in res.evidence}
    assert rows["portal_cert_wrong_name"] == "https://wrong.test/ — other.test, www.other.test"
    assert "tls" not in render(res.summary, "vi") and "expired," not in rows["portal_cert_expired"]


def test_portal_failure_kinds_are_reported_for_the_verdict():
    probes = [WebProbe(PORTAL, "tls", "timeout"), WebProbe("https://b/", "tls", "timeout")]
    res = compute_check("NET002", host=FakeHost(web=web({p.url: p for p in probes})), portals=[p.url for p in probes])
    assert res.summary.params["kinds"] == "tls:timeout" and res.summary.params["failed_count"] == 2


@pytest.mark.parametrize("probe, key", [
    (WebProbe("http://c/generate_204", status=204), "net.captive.none"),
    (WebProbe("http://c/generate_204", status=302, location="http://portal.login/"), "net.captive.found"),
    (WebProbe("http://c/generate_204", "connect", "timeout"), "net.captive.unreachable"),
])
def test_captive_portal(probe, key):
    res = compute_check("NET003", host=FakeHost(web=web({probe.url: probe})), captive_url=probe.url)
    assert res.summary.key == key


def test_proxy_direct_set_and_dead():
    assert compute_check("NET004", host=FakeHost(proxies=[])).summary.key == "net.proxy.direct"
    proxies = [Proxy("winhttp", "10.10.0.5:3128"), Proxy("wininet:pac", "http://wpad/proxy.pac")]
    alive = FakeHost(proxies=proxies, tcp_state=lambda ip, port, timeout: "open")
    assert compute_check("NET004", host=alive).summary.key == "net.proxy.set"
    dead = FakeHost(proxies=proxies, tcp_state=lambda ip, port, timeout: "timeout")
    res = compute_check("NET004", host=dead)
    assert res.status is Status.FAIL and res.summary.params["servers"] == "10.10.0.5:3128"


def series(template):
    """A ping() whose echoes, over all its calls, come back as in ``template`` (received ones first)."""
    flags = itertools.cycle([True] * template.received + [False] * (template.sent - template.received))
    rtts = itertools.cycle(template.rtts_ms or (0.0,))

    def ping(ip, count=10, timeout=1.0):
        got = sum(next(flags) for _ in range(count))
        return Ping(ip, template.method, count, got, tuple(next(rtts) for _ in range(got)))

    return ping


def pinger(far, tcp="timeout"):
    """The gateway answers; the far target answers as ``far`` does; TCP ports answer ``tcp``."""
    near, remote = series(Ping("198.18.0.1", "icmp", 10, 10, (0.3,))), series(far)

    def ping(ip, count=10, timeout=1.0):
        return (near if ip == "198.18.0.1" else remote)(ip, count, timeout)

    return FakeHost(default_route=Route("eth0", "198.18.0.1"), resolve=lambda name: ["198.19.1.10"], ping=ping,
                    tcp_state=lambda ip, port, timeout=1.0: tcp)


@pytest.mark.parametrize("far, status, key", [
    (Ping("x", "icmp", 10, 10, (20.0,) * 10), Status.OK, "net.latency.ok"),
    (Ping("x", "icmp", 10, 10, (600.0, 620.0) * 5), Status.WARN, "net.latency.slow"),
    (Ping("x", "tcp", 10, 7, (20.0,) * 7), Status.FAIL, "net.latency.lossy"),
    (Ping("x", "icmp", 10, 9, (20.0,) * 9), Status.WARN, "net.latency.lossy"),
    (Ping("x", "icmp", 10, 0), Status.FAIL, "net.latency.silent"),
])
def test_latency(far, status, key):
    res = compute_check("NET005", host=pinger(far), portals=[PORTAL])
    assert (res.status, res.summary.key) == (status, key)


def test_loss_that_starts_before_the_router_is_the_lan():
    lossy = {ip: series(Ping(ip, "icmp", 10, 8, (1.0,))) for ip in ("198.18.0.1", "198.19.1.10")}
    fake = FakeHost(default_route=Route("eth0", "198.18.0.1"), ping=lambda ip, count=10, timeout=1.0: lossy[ip](ip, count),
                    tcp_state=lambda ip, port, timeout=1.0: "open")
    res = compute_check("NET005", host=fake, internet_target="198.19.1.10")
    assert (res.status, res.summary.key) == (Status.FAIL, "net.latency.lossy_lan")
    assert res.summary.params["gateway_loss"] == res.summary.params["loss"] == 20


def test_ping_filtered_beyond_the_router_while_tcp_answers_is_no_fault():
    res = compute_check("NET005", host=pinger(Ping("x", "icmp", 10, 0), tcp="open"), portals=[PORTAL])
    assert (res.status, res.summary.key, res.summary.params["method"]) == (Status.OK, "net.latency.filtered", "tcp")
    assert res.summary.params["loss"] == 0


def test_measuring_by_tcp_for_want_of_an_icmp_socket_is_not_called_filtering():
    res = compute_check("NET005", host=pinger(Ping("x", "tcp", 10, 10, (20.0,))), portals=[PORTAL])
    assert (res.summary.key, res.summary.params["method"]) == ("net.latency.ok", "tcp")


def test_the_far_target_is_a_public_resolver_when_the_profile_names_none():
    res = compute_check("NET005", host=pinger(Ping("x", "icmp", 10, 10, (20.0,) * 10)), portals=[PORTAL],
                        resolvers=["198.19.1.54"])
    assert res.summary.params["target"] == "198.19.1.54"


@pytest.mark.parametrize("found, key", [
    (PathMtu("t", 1500, None, ()), "net.mtu.ok"),
    (PathMtu("t", 1200, None, (1280, 1400, 1472, 1492, 1500)), "net.mtu.black_hole"),
    (PathMtu("t", 1280, 1280, ()), "net.mtu.small"),
    (PathMtu("t", None, None, ()), "net.mtu.no_echo"),
])
def test_path_mtu(found, key):
    echo = Ping("198.19.1.10", "icmp", 2, 2, (1.0, 1.0))
    fake = FakeHost(path_mtu=found, resolve=lambda name: ["198.19.1.10"], ping=lambda ip, count=2, timeout=1.0: echo)
    assert compute_check("NET006", host=fake, portals=[PORTAL], admin=True).summary.key == key


def test_path_mtu_does_not_probe_sizes_when_no_echo_comes_back():
    fake = FakeHost(path_mtu=AssertionError("no size probes without an echo"), resolve=lambda name: ["198.19.1.10"],
                    ping=lambda ip, count=2, timeout=1.0: Ping(ip, "icmp", 2, 0))
    assert compute_check("NET006", host=fake, portals=[PORTAL], admin=True).summary.key == "net.mtu.no_echo"


def test_traceroute_reached_and_stopped():
    reached = FakeHost(traceroute=([Hop(1, "198.18.0.1", 0.2), Hop(2, "198.19.1.10", 1.0)], True))
    assert compute_check("NET007", host=reached, internet_target="198.19.1.10", admin=True).summary.key == "net.route.reached"
    stopped = FakeHost(traceroute=([Hop(1, "198.18.0.1", 0.2)], False), tcp_state=lambda ip, port, timeout: "timeout")
    res = compute_check("NET007", host=stopped, internet_target="198.19.1.10", admin=True)
    assert res.summary.params == {"target": "198.19.1.10", "last_hop": 1, "last_ip": "198.18.0.1"}


def test_traceroute_filtered_beyond_the_router_is_not_a_fault_when_tcp_answers():
    filtered = FakeHost(traceroute=([Hop(1, "198.18.0.1", 0.2), Hop(2, "")], False),
                        tcp_state=lambda ip, port, timeout: "open" if port == 443 else "timeout")
    res = compute_check("NET007", host=filtered, internet_target="198.19.1.10", admin=True)
    assert (res.status, res.summary.key) == (Status.OK, "net.route.filtered")


def test_timestamp_server():
    import datetime as dt

    from kfield.net.signing import BadAnswer, Stamp, Unreached

    def stamp(url, timeout):
        if url == "http://down/":
            raise Unreached("refused")
        if url == "http://refuses/":
            raise BadAnswer("refused", "rejection")
        return Stamp(dt.datetime(2026, 11, 24, 1, 0, 10, tzinfo=dt.timezone.utc), "TSA")

    host = FakeHost(timestamp=stamp, now=lambda: dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.timezone.utc).timestamp())
    res = compute_check("NET008", host=host, timestamp_urls=["http://tsa/"])
    assert res.status is Status.OK and ("tsa_drift", 10.0) in [(m.name, m.value) for m in res.evidence]
    res = compute_check("NET008", host=host, timestamp_urls=["http://tsa/", "http://down/"])
    assert (res.status, res.summary.params["urls"]) == (Status.WARN, "http://down/")
    res = compute_check("NET008", host=host, timestamp_urls=["http://down/", "http://refuses/"])
    assert res.status is Status.FAIL and [m.name for m in res.evidence] == ["sign_refused", "sign_refused_answer"]


def test_dns_that_loses_queries_is_unreliable_and_slow_dns_is_a_warning():
    lost = iter(range(1000))

    def ask(server, name, rdtype="A", timeout=2.0):
        if name.startswith("kfield-nx-"):
            return DnsAnswer(server, True, "NXDOMAIN", (), 3.0)
        return DnsAnswer(server, False, error="Timeout") if next(lost) % 3 == 0 else \
            DnsAnswer(server, True, "NOERROR", ("198.19.1.10",), 3.0)

    fake = FakeHost(dns_servers=["198.18.0.1"], dns_ask=ask, resolve=lambda name: ["198.19.1.10"])
    res = run_dns(fake)
    assert (res.status, res.summary.key, res.summary.params["asked"]) == (Status.FAIL, "net.dns.unreliable", 12)
    assert res.summary.params["answered"] <= 10
    slow = FakeHost(dns_servers=["198.18.0.1"], resolve=lambda name: ["198.19.1.10"],
                    dns_ask=lambda server, name, rdtype="A", timeout=2.0: DnsAnswer(server, True, "NOERROR", ("198.19.1.10",), 1400.0))
    res = run_dns(slow)
    assert (res.status, res.summary.key, res.summary.params["median_ms"]) == (Status.WARN, "net.dns.slow", 1400)
