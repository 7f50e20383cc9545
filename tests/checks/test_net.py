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


INTL = "https://intl2.kfield.test/"


def test_a_name_missing_everywhere_is_its_own_registration_and_the_reference_answer_is_evidence():
    """The office's server and the reference resolver both say NXDOMAIN for one portal's name while
    the other name resolves: not the office's DNS (dns_host answers NXDOMAIN for what it is not given)."""
    known = {(s, "eoffice.kfield.test"): ["198.19.1.10"] for s in ("198.18.0.1", "198.19.1.54")}
    fake = dns_host({"eoffice.kfield.test": ["198.19.1.10"]}, known)
    res = compute_check("NET001", host=fake, portals=[PORTAL, INTL], resolvers=["198.19.1.54"], rand=random.Random(1))
    assert (res.status, res.summary.key) == (Status.FAIL, "net.dns.not_found")
    assert (res.summary.params["names"], res.summary.params["server"]) == ("intl2.kfield.test", "198.19.1.54")
    assert res.evidence[0].value == "198.19.1.54 intl2.kfield.test: NXDOMAIN"


@pytest.mark.parametrize("reference, office", [
    (None, "NXDOMAIN"),         # the reference resolver is silent: no contrast
    (["198.19.1.20"], "NXDOMAIN"),   # the reference knows the name: the office's resolver is wrong
    ("NXDOMAIN", None),         # the office's server is silent for it: the office's DNS
])
def test_a_missing_name_is_the_office_dns_when_no_contrast_isolates_the_name(reference, office):
    answers = {(s, "eoffice.kfield.test"): ["198.19.1.10"] for s in ("198.18.0.1", "198.19.1.54")}
    for server, said in (("198.19.1.54", reference), ("198.18.0.1", office)):
        if said != "NXDOMAIN":
            answers[(server, "intl2.kfield.test")] = said
    fake = dns_host({"eoffice.kfield.test": ["198.19.1.10"]}, answers)
    res = compute_check("NET001", host=fake, portals=[PORTAL, INTL], resolvers=["198.19.1.54"], rand=random.Random(1))
    assert res.summary.key == "net.dns.unresolved"


def test_a_name_missing_with_no_other_name_resolving_is_not_called_its_registration():
    fake = dns_host({}, {})
    res = compute_check("NET001", host=fake, portals=[INTL], resolvers=["198.19.1.54"], rand=random.Random(1))
    assert res.summary.key == "net.dns.unresolved"


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


def direct_web(mapping):
    """A FakeHost answering web() and saying no proxy is set (the checks ask, as a browser would)."""
    return FakeHost(web=web(mapping), proxies=[], ipv6_reach=lambda name, port=443, timeout=1.5: "none")


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
    res = compute_check("NET002", host=direct_web({p.url: p for p in probes}), portals=[p.url for p in probes])
    assert res.summary.key == key


def test_portal_faults_are_told_in_words_with_dates_and_names():
    from kfield.core.i18n import render

    probes = [GOOD, WebProbe("https://expired.test/", "tls", "expired", valid_until="2020-01-01", issuer="Lab CA"),
              WebProbe("https://wrong.test/", "tls", "hostname", names=("other.test", "www.other.test"))]
    res = compute_check("NET002", host=direct_web({p.url: p for p in probes}), portals=[p.url for p in probes])
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
    res = compute_check("NET002", host=direct_web({p.url: p for p in probes}), portals=[p.url for p in probes])
    assert res.summary.params["kinds"] == "tls:timeout" and res.summary.params["failed_count"] == 2


@pytest.mark.parametrize("probe, key", [
    (WebProbe("http://c/generate_204", status=204), "net.captive.none"),
    (WebProbe("http://c/generate_204", status=302, location="http://portal.login/"), "net.captive.found"),
    (WebProbe("http://c/generate_204", "connect", "timeout"), "net.captive.unreachable"),
])
def test_captive_portal(probe, key):
    res = compute_check("NET003", host=direct_web({probe.url: probe}), captive_url=probe.url)
    assert res.summary.key == key


def test_proxy_direct_set_and_dead():
    assert compute_check("NET004", host=FakeHost(proxies=[])).summary.key == "net.proxy.direct"
    proxies = [Proxy("winhttp", "10.10.0.5:3128"), Proxy("wininet:pac", "http://wpad/proxy.pac")]
    alive = FakeHost(proxies=proxies, tcp_state=lambda ip, port, timeout: "open")
    assert compute_check("NET004", host=alive).summary.key == "net.proxy.set"
    dead = FakeHost(proxies=proxies, tcp_state=lambda ip, port, timeout: "timeout")
    res = compute_check("NET004", host=dead)
    assert res.status is Status.FAIL and res.summary.params["servers"] == "10.10.0.5:3128"


def test_a_dead_proxy_set_for_http_and_https_alike_is_named_and_asked_once():
    asked = []
    same = [Proxy("env:HTTPS_PROXY", "http://198.18.0.1:3129"), Proxy("env:HTTP_PROXY", "http://198.18.0.1:3129")]
    dead = FakeHost(proxies=same, tcp_state=lambda ip, port, timeout: asked.append((ip, port)) or "refused")
    res = compute_check("NET004", host=dead)
    assert res.summary.params["servers"] == "http://198.18.0.1:3129" and asked == [("198.18.0.1", 3129)]


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


def test_refusals_mixed_with_silence_are_a_firewalls_rate_limit_not_loss():
    """A router that REJECTs forwarded traffic answers with ICMP, which it rate-limits: the first
    handshakes are refused, later ones meet silence. That is no lossy line."""
    answers = itertools.cycle(["closed"] * 6 + ["timeout"] * 4)
    fake = pinger(Ping("x", "icmp", 10, 0))
    fake._answers["tcp_state"] = lambda ip, port, timeout=1.0: "closed" if ip == "198.18.0.1" else next(answers)
    res = compute_check("NET005", host=fake, internet_target="198.19.1.10")
    assert (res.status, res.summary.key) == (Status.OK, "net.latency.refusals")


def test_handshakes_that_complete_between_silences_are_loss():
    answers = itertools.cycle(["open"] * 6 + ["timeout"] * 4)
    fake = pinger(Ping("x", "icmp", 10, 0))
    fake._answers["tcp_state"] = lambda ip, port, timeout=1.0: next(answers) if ip != "198.18.0.1" else "open"
    res = compute_check("NET005", host=fake, internet_target="198.19.1.10")
    assert (res.status, res.summary.key) == (Status.FAIL, "net.latency.lossy")


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

    def stamp(url, timeout, proxies=()):
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
    assert (res.status, res.summary.key) == (Status.FAIL, "net.dns.unreliable")
    assert res.summary.params["asked"] in (12, 13)   # 13: its single question was lost too, and is counted
    assert res.summary.params["answered"] <= res.summary.params["asked"] - 2
    slow = FakeHost(dns_servers=["198.18.0.1"], resolve=lambda name: ["198.19.1.10"],
                    dns_ask=lambda server, name, rdtype="A", timeout=2.0: DnsAnswer(server, True, "NOERROR", ("198.19.1.10",), 1400.0))
    res = run_dns(slow)
    assert (res.status, res.summary.key, res.summary.params["ms"]) == (Status.WARN, "net.dns.slow", 1400)
    assert res.summary.params["threshold"] == 300


# --- what a user experiences: every measured value decides its own status --------------------

def late_dns(ms_of, rcode="NOERROR"):
    """A resolver whose answer to ``server`` takes ms_of[server] ms (None: never): a question asked
    with a shorter timeout gets no answer, as with the real one."""
    def ask(server, name, rdtype="A", timeout=2.0):
        ms = ms_of.get(server)
        if ms is None or ms > timeout * 1000:
            return DnsAnswer(server, False, error="Timeout")
        if name.startswith("kfield-nx-"):
            return DnsAnswer(server, True, "NXDOMAIN", (), ms)
        return DnsAnswer(server, True, rcode, ("198.19.0.20",), ms)
    return ask


def test_an_answer_after_1635_ms_is_slow_dns_not_ok_and_the_lost_burst_says_so():
    """The held-out lab's resolver: NOERROR after 1.6 s, and a burst asked with 1.5 s gets nothing."""
    fake = FakeHost(dns_servers=["198.18.10.1"], dns_ask=late_dns({"198.18.10.1": 1635.6}),
                    resolve=lambda name: ["198.19.0.20"])
    res = compute_check("NET001", host=fake, portals=["https://egov.lab/"], rand=random.Random(1))
    params = res.summary.params
    assert (res.status, res.summary.key) == (Status.WARN, "net.dns.slow")
    assert (params["server"], params["ms"], params["threshold"], params["asked"], params["answered"]) == (
        "198.18.10.1", 1636, 300, 12, 0)


def test_names_past_the_broken_limit_fail_and_the_limits_come_from_the_profile():
    fake = FakeHost(dns_servers=["198.18.0.1"], dns_ask=late_dns({"198.18.0.1": 1900.0}), resolve=lambda n: ["1.2.3.4"])
    assert run_dns(fake).status is Status.WARN
    assert run_dns(fake, dns_fail_ms=1500).status is Status.FAIL
    assert run_dns(fake, dns_slow_ms=2500, dns_fail_ms=3000).summary.key != "net.dns.slow"


def test_a_late_refused_answer_counts_too():
    fake = FakeHost(dns_servers=["198.18.0.1"], dns_ask=late_dns({"198.18.0.1": 1666.7}, rcode="REFUSED"),
                    resolve=lambda n: ["1.2.3.4"])
    assert (run_dns(fake).status, run_dns(fake).summary.key) == (Status.WARN, "net.dns.slow")


def test_lan004_a_late_answer_even_refused_is_a_warning_with_its_limit():
    fake = FakeHost(dns_servers=["198.18.10.1"], dns_ask=late_dns({"198.18.10.1": 1666.7}, rcode="REFUSED"))
    res = compute_check("LAN004", host=fake, portals=["https://egov.lab/"])
    assert (res.status, res.summary.key, res.summary.params["ms"], res.summary.params["threshold"]) == (
        Status.WARN, "lan.dns.slow", 1667, 300)
    quick = FakeHost(dns_servers=["198.18.10.1"], dns_ask=late_dns({"198.18.10.1": 4.0}))
    assert compute_check("LAN004", host=quick, portals=["https://egov.lab/"]).status is Status.OK


def test_a_dead_first_resolver_is_named_with_the_wait_it_costs_every_name():
    import time as clock

    def resolve(name):   # the system asks the dead one first and waits for it
        clock.sleep(0.25)
        return ["198.19.0.20"]

    fake = FakeHost(dns_servers=["10.0.0.2", "198.18.0.1"], resolve=resolve,
                    dns_ask=late_dns({"198.18.0.1": 3.0, "198.19.1.54": 4.0}))
    res = run_dns(fake, resolvers=["198.19.1.54"], dns_slow_ms=100, latency_warn_ms=100)
    params = res.summary.params
    assert (res.status, res.summary.key, params["server"], params["next_server"]) == (
        Status.WARN, "net.dns.first_dead", "10.0.0.2", "198.18.0.1")
    assert 0.2 <= params["wait_s"] <= 1.5 and params["threshold"] == 100
    from kfield.core.i18n import render

    assert render(res.summary, "en").startswith("The first DNS server, 10.0.0.2, does not answer: every name waits")
    assert render(res.remedy, "en").startswith("Remove 10.0.0.2 from the adapter's DNS list")


def test_a_dead_first_resolver_the_system_skips_quickly_is_only_a_server_down():
    fake = FakeHost(dns_servers=["10.0.0.2", "198.18.0.1"], resolve=lambda n: ["198.19.0.20"],
                    dns_ask=late_dns({"198.18.0.1": 3.0}))
    res = run_dns(fake)
    assert (res.status, res.summary.key, res.summary.params["down"]) == (Status.WARN, "net.dns.some_down", "10.0.0.2")


def test_a_portal_whose_first_byte_is_late_is_slow():
    late = WebProbe(PORTAL, status=200, connect_ms=3.0, tls_ms=5.0, issuer="Lab CA", days_left=300, first_byte_ms=6200.0)
    res = compute_check("NET002", host=direct_web({PORTAL: late}), portals=[PORTAL])
    assert (res.status, res.summary.key, res.summary.params["seconds"], res.summary.params["threshold"]) == (
        Status.WARN, "net.web.slow", 6.2, 5)
    assert compute_check("NET002", host=direct_web({PORTAL: late}), portals=[PORTAL],
                         first_byte_slow_s=8).summary.key == "net.web.ok"


def test_a_reset_at_the_handshake_is_its_own_problem():
    reset = WebProbe(PORTAL, "tls", "reset")
    res = compute_check("NET002", host=direct_web({PORTAL: reset, "https://b.vn/": GOOD}), portals=[PORTAL, "https://b.vn/"])
    assert (res.summary.key, res.summary.params["portal"]) == ("net.web.fail_reset", "eoffice.kfield.test")


@pytest.mark.parametrize("marks, key", [
    ({}, "net.web.international_fail"),                                   # .vn domestic, the others not
    ({"a.lab": True, "b.lab": True}, "net.web.group_fail"),               # all domestic: servers alike
])
def test_most_international_portals_failing_while_domestic_ones_work_is_a_class_fault(marks, key):
    down = [WebProbe(u, "connect", "timeout") for u in ("https://a.lab/", "https://b.lab/")]
    up = WebProbe("https://dichvucong.gov.vn/", status=200, connect_ms=3.0)
    probes = {p.url: p for p in (*down, up)}
    res = compute_check("NET002", host=direct_web(probes), portals=list(probes), portal_domestic=marks)
    assert (res.status, res.summary.key) == (Status.FAIL, key)
    if key == "net.web.international_fail":
        assert res.summary.params["scope"] == "class" and res.summary.params["failed"] == "https://a.lab/, https://b.lab/"


def test_portals_are_fetched_through_the_proxy_a_browser_here_uses():
    asked = []

    def fetch(url, timeout=5.0, follow=True, proxy=""):
        asked.append((url, proxy))
        return WebProbe(url, status=200, connect_ms=1.0, via=proxy)

    fake = FakeHost(web=fetch, proxies=[Proxy("env:HTTPS_PROXY", "198.18.0.8:3128")])
    assert compute_check("NET002", host=fake, portals=[PORTAL]).summary.key == "net.web.ok"
    assert asked == [(PORTAL, "198.18.0.8:3128")]


SILENT = dict(ping=lambda ip, count=3, timeout=1.0: Ping(ip, "icmp", count, 0), tcp_state=lambda ip, port, timeout=1.0: "timeout")


def test_uplink_silent_directly_but_working_through_the_proxy_is_ok_and_says_so():
    through = WebProbe(PORTAL, status=200, connect_ms=1.0, via="198.18.0.8:3128")
    fake = FakeHost(**SILENT, proxies=[Proxy("env:HTTPS_PROXY", "198.18.0.8:3128")],
                    web=lambda url, timeout=5.0, follow=True, proxy="": through)
    res = compute_check("NET009", host=fake, internet_target="198.19.1.10", resolvers=[], portals=[PORTAL])
    assert (res.status, res.summary.key, res.summary.params["proxy"]) == (Status.OK, "net.uplink.proxy_only",
                                                                          "198.18.0.8:3128")


def test_uplink_silent_directly_and_through_the_proxy_names_the_proxy():
    stuck = WebProbe(PORTAL, "proxy", "proxy_status", status=502, via="198.18.0.8:3128")
    fake = FakeHost(**SILENT, proxies=[Proxy("env:HTTPS_PROXY", "198.18.0.8:3128")],
                    web=lambda url, timeout=5.0, follow=True, proxy="": stuck)
    res = compute_check("NET009", host=fake, internet_target="198.19.1.10", resolvers=[], portals=[PORTAL])
    assert (res.status, res.summary.key, res.summary.params["stage"]) == (Status.FAIL, "net.uplink.proxy_fails", "proxy")


def test_uplink_silent_with_no_proxy_is_the_uplink():
    fake = FakeHost(**SILENT, proxies=[])
    res = compute_check("NET009", host=fake, internet_target="198.19.1.10", resolvers=[], portals=[PORTAL])
    assert res.summary.key == "net.uplink.silent"


def test_direct_round_trips_on_a_proxy_only_network_are_a_skip_not_a_failure():
    fake = FakeHost(**SILENT, default_route=Route("eth0", "198.18.0.1"),
                    proxies=[Proxy("env:HTTPS_PROXY", "198.18.0.8:3128")])
    res = compute_check("NET005", host=fake, internet_target="198.19.1.10", portals=[], resolvers=[])
    assert (res.status, res.summary.key) == (Status.SKIP, "net.direct.proxy_only")


def test_loss_past_the_user_limit_carries_the_limit():
    lossy = FakeHost(default_route=Route("eth0", "198.18.0.1"), tcp_state=lambda ip, port, timeout=1.0: "open",
                     ping=lambda ip, count=3, timeout=1.0: Ping(ip, "icmp", count, count if ip == "198.18.0.1" else 1,
                                                                (1.0,) * (count if ip == "198.18.0.1" else 1)))
    res = compute_check("NET005", host=lossy, internet_target="198.19.1.10", portals=[], resolvers=[])
    assert res.status in (Status.WARN, Status.FAIL) and res.summary.params["threshold"] == "2%"


def test_a_server_silent_to_one_question_but_answering_a_burst_is_unreliable_not_down():
    """dns_lossy in the lab: the single question was lost, 11 of the 12 asked at once came back."""
    count = itertools.count()

    def ask(server, name, rdtype="A", timeout=2.0):
        if name.startswith("kfield-nx-"):
            return DnsAnswer(server, True, "NXDOMAIN", (), 3.0)
        n = next(count)
        return DnsAnswer(server, False, error="Timeout") if n in (0, 5) else \
            DnsAnswer(server, True, "NOERROR", ("198.19.1.10",), 3.0)

    fake = FakeHost(dns_servers=["198.18.0.1"], dns_ask=ask, resolve=lambda name: ["198.19.1.10"])
    res = compute_check("NET001", host=fake, dns_names=["eoffice.kfield.test"], portals=[], rand=random.Random(1))
    assert (res.status, res.summary.key) == (Status.FAIL, "net.dns.unreliable"), res.summary
    assert res.summary.params["asked"] == 13 and res.summary.params["answered"] <= 12 and res.summary.params["down"] == ""


def test_http_and_https_proxy_variables_are_both_kept_even_with_one_value(monkeypatch):
    """http:// URLs go through http_proxy: dropping it as a duplicate of https_proxy sent them direct."""
    from kfield.net.web import proxy_for
    from kfield.platform.base import Host

    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("https_proxy", "http://198.18.0.1:3128")
    monkeypatch.setenv("http_proxy", "http://198.18.0.1:3128")
    found = Host().proxies()
    assert {p.source for p in found} == {"env:HTTPS_PROXY", "env:HTTP_PROXY"}
    assert proxy_for("http://captive.kfield.test/generate_204", found, {}) == "http://198.18.0.1:3128"


def test_portals_may_be_marked_domestic_in_the_profile_itself(tmp_path):
    from kfield.core import profile

    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nid: t\ntitle: {vi: t, en: t}\nselect: {tags: [net]}\nparams:\n"
                    "  portals: ['https://dichvucong.gov.vn/', {url: 'https://www.google.com/', domestic: false},\n"
                    "            {url: 'https://egov.lab/', domestic: true}, {url: 'https://other.lab/'}]\n")
    params = profile.load_profile(path).params
    assert params["portals"] == ["https://dichvucong.gov.vn/", "https://www.google.com/", "https://egov.lab/",
                                 "https://other.lab/"]
    assert params["portal_domestic"] == {"www.google.com": False, "egov.lab": True}
    from kfield.checks.net import is_domestic

    assert [is_domestic(u, params["portal_domestic"]) for u in params["portals"]] == [True, False, True, False]


def test_a_portal_item_without_its_url_is_refused_with_its_place(tmp_path):
    from kfield.core import profile
    from kfield.core.schema import SchemaError

    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nid: t\ntitle: {vi: t, en: t}\nselect: {tags: [net]}\nparams:\n"
                    "  portals: [{domestic: false}]\n")
    with pytest.raises(SchemaError) as caught:
        profile.load_profile(path)
    issue = caught.value.issues[0]
    assert (issue.line, issue.column, issue.message.key) == (6, 13, "schema.missing")


def test_a_portal_server_far_worse_than_the_target_is_the_link_to_it():
    """intl_loss: the target (domestic) is clean, the portal abroad loses 40 %."""
    def ping(ip, count=3, timeout=1.0):
        got = count if ip != "198.19.2.10" else (1 if count > 1 else 0)
        return Ping(ip, "icmp", count, got, (20.0,) * got)

    fake = FakeHost(default_route=Route("eth0", "198.18.0.1"), ping=ping, tcp_state=lambda ip, port, timeout=1.0: "open",
                    resolve=lambda name: {"intl1.kfield.test": ["198.19.2.10"]}[name])
    res = compute_check("NET005", host=fake, internet_target="198.19.1.10", resolvers=[],
                        portals=["https://intl1.kfield.test/"])
    assert (res.summary.key, res.summary.params["target"]) == ("net.latency.lossy", "intl1.kfield.test"), res.summary
    assert res.summary.params["threshold"] == "2%"


def test_a_forwarder_slow_only_until_cached_is_the_link_not_the_dns():
    """A satellite office: the first answer waits for the far resolver, the cached one comes at once."""
    def forwarder():
        seen = set()

        def ask(server, name, rdtype="A", timeout=2.0):
            ms = 3.0 if (server, name) in seen else 650.0
            seen.add((server, name))
            return DnsAnswer(server, True, "NXDOMAIN" if name.startswith("kfield-nx-") else "NOERROR",
                             () if name.startswith("kfield-nx-") else ("198.19.1.10",), ms)
        return ask

    fake = FakeHost(dns_servers=["198.18.0.1"], dns_ask=forwarder(), resolve=lambda n: ["198.19.1.10"])
    assert run_dns(fake).status is Status.OK


@pytest.mark.parametrize("error, key", [("timeout", "net.web.group_fail"), ("refused", "net.web.group_fail")])
def test_different_servers_failing_alike_while_another_works_is_their_path(error, key):
    """No class marked: intl1 and intl2 (two servers) unanswered or refused, the E-Office works."""
    down = [WebProbe(u, "connect", error, ip=ip) for u, ip in (("https://a.lab/", "198.19.2.10"),
                                                                ("https://b.lab/", "198.19.2.11"))]
    probes = {p.url: p for p in (GOOD, *down)}
    res = compute_check("NET002", host=direct_web(probes), portals=list(probes))
    assert (res.summary.key, res.summary.params["scope"], res.summary.params["problem"]) == (
        key, "class", f"fail_{error}")
    one = {p.url: p for p in (GOOD, down[0])}
    assert compute_check("NET002", host=direct_web(one), portals=list(one)).summary.key == f"net.web.fail_{error}"


def test_only_a_reference_resolver_out_of_reach_is_no_dns_fault():
    """A proxy-only office: the PC's own resolver answers; 198.19.1.54 cannot be reached directly."""
    fake = dns_host({"eoffice.kfield.test": ["198.19.1.10"]},
                    {("198.18.0.1", "eoffice.kfield.test"): ["198.19.1.10"], ("198.19.1.54", "eoffice.kfield.test"): None})
    res = run_dns(fake, resolvers=["198.19.1.54"])
    assert (res.status, res.summary.key, res.summary.params["down"]) == (Status.OK, "net.dns.reference_down", "198.19.1.54")


@pytest.mark.parametrize("skews, key", [
    ((34_560_000.0, 34_560_001.0, 34_559_999.0), "net.web.clock_skew"),   # 400 days: every server agrees
    ((34_560_000.0, 1.0, 0.0), "net.web.ok"),                              # one server's own clock
    ((2.0, 1.0, None), "net.web.ok"),
    ((34_560_000.0,), "net.web.clock_skew"),                               # the only one
])
def test_the_portals_servers_agreeing_on_another_time_is_this_pcs_clock(skews, key):
    probes = [WebProbe(f"https://p{i}.vn/", status=200, connect_ms=1.0, clock_skew_s=s) for i, s in enumerate(skews)]
    res = compute_check("NET002", host=direct_web({p.url: p for p in probes}), portals=[p.url for p in probes])
    assert res.summary.key == key
    if key == "net.web.clock_skew":
        assert res.summary.params["amount"] == "400 d" and res.status is Status.FAIL


def test_a_satellite_profile_accepting_900_ms_accepts_lookups_of_one_round_trip():
    fake = FakeHost(dns_servers=["198.18.0.1"], dns_ask=late_dns({"198.18.0.1": 632.0}), resolve=lambda n: ["198.19.0.20"])
    assert run_dns(fake).summary.key == "net.dns.slow"
    assert run_dns(fake, latency_warn_ms=900).status is Status.OK
    lan = FakeHost(dns_servers=["198.18.0.1"], dns_ask=late_dns({"198.18.0.1": 609.0}))
    assert compute_check("LAN004", host=lan, portals=[PORTAL], latency_warn_ms=900).summary.key == "lan.dns.ok"


def test_a_portal_whose_name_does_not_resolve_is_left_out_of_the_round_trips_never_pinged_by_name():
    pinged = []

    def ping(ip, count=3, timeout=1.0):
        pinged.append(ip)
        return Ping(ip, "icmp", count, count, (1.0,) * count)

    def resolve(name):
        raise OSError("no DNS")

    fake = FakeHost(default_route=Route("eth0", "198.18.0.1"), ping=ping, resolve=resolve,
                    tcp_state=lambda ip, port, timeout=1.0: "open")
    res = compute_check("NET005", host=fake, internet_target="198.19.1.10", resolvers=[], portals=[PORTAL])
    assert res.summary.key == "net.latency.ok" and "eoffice.kfield.test" not in pinged


def test_an_ipv6_address_that_goes_nowhere_while_ipv4_works_is_half_working_ipv6():
    fake = FakeHost(web=web({PORTAL: GOOD}), proxies=[], ipv6_reach=lambda name, port=443, timeout=1.5: "failed")
    res = compute_check("NET002", host=fake, portals=[PORTAL])
    assert (res.status, res.summary.key, res.summary.params["portal"]) == (Status.WARN, "net.web.ipv6_broken",
                                                                           "eoffice.kfield.test")
    fine = FakeHost(web=web({PORTAL: GOOD}), proxies=[], ipv6_reach=lambda name, port=443, timeout=1.5: "open")
    assert compute_check("NET002", host=fine, portals=[PORTAL]).summary.key == "net.web.ok"
