"""The verdict on synthetic result sets: every single fault, combinations, and no false alarm.

The lab (tests/diagnose/test_diagnose_lab.py) checks the same verdicts against real faults.
"""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfield.core.result import Message, Result, Status
from kfield.diagnose import engine
from kfield.diagnose.rules import PLACES, load

HEALTHY_KEYS = {
    "LAN001": "lan.link.ok", "LAN002": "lan.ip.ok", "LAN003": "lan.gw.ok", "LAN004": "lan.dns.ok",
    "LAN006": "lan.wifi.wired", "LAN007": "lan.dup.none", "LAN008": "lan.rogue.one", "LAN011": "lan.gw.one_device",
    "PC009": "pc.clock.ok", "NET001": "net.dns.ok", "NET002": "net.web.ok",
    "NET003": "net.captive.none", "NET004": "net.proxy.direct", "NET005": "net.latency.ok", "NET006": "net.mtu.ok",
    "NET007": "net.route.reached", "NET009": "net.uplink.ok",
}


def result(check_id, status="ok", key=None, **params):
    return Result(check_id, Status(status), Message(key or HEALTHY_KEYS[check_id], params))


def healthy(**overrides):
    base = {cid: result(cid, "skip" if cid == "LAN006" else "ok") for cid in HEALTHY_KEYS}
    base.update(overrides)
    return list(base.values())


def place(**overrides):
    return engine.decide(healthy(**{k: v for k, v in overrides.items()})).place


def test_the_rules_name_exactly_the_checks_of_the_healthy_set():
    assert set(load().checks) == set(HEALTHY_KEYS)


def test_a_healthy_network_raises_no_alarm():
    verdict = engine.decide(healthy())
    assert verdict.place == "healthy" and not verdict.alarm and verdict.next == ""


def test_unprivileged_skips_and_warnings_alone_raise_no_alarm():
    quiet = healthy(NET006=result("NET006", "skip", "core.skip.admin"), NET007=result("NET007", "skip", "core.skip.admin"),
                    PC009=result("PC009", "skip", "pc.clock.offline"),
                    NET004=result("NET004", "warn", "net.proxy.set", servers="10.0.0.5:3128"))
    assert engine.decide(quiet).place == "healthy"


SINGLE_FAULTS = [
    ("LAN001", "fail", "lan.link.none", {}, "cable_wifi"),
    ("LAN006", "fail", "lan.wifi.disconnected", {}, "cable_wifi"),
    ("LAN002", "fail", "lan.ip.link_local", {}, "lan_switch"),
    ("LAN003", "fail", "lan.gw.silent", {}, "gateway"),
    ("LAN011", "fail", "lan.gw.impostor_named", {"gateway": "198.18.0.1", "devices": "02:00:00:00:00:09"}, "lan_switch"),
    ("LAN011", "fail", "lan.gw.impostor", {"gateway": "198.18.0.1", "devices": "a, b"}, "lan_switch"),
    ("LAN008", "fail", "lan.rogue.many", {"count": 2, "devices": "198.18.0.1, 198.18.0.77"}, "lan_switch"),
    ("LAN008", "fail", "lan.dhcp.pool_full", {"server": "198.18.0.1"}, "gateway"),
    ("LAN007", "fail", "lan.dup.found", {"address": "198.18.0.20", "devices": "02:00:00:00:00:05"}, "lan_switch"),
    ("NET004", "fail", "net.proxy.dead", {}, "captive_proxy"),
    ("NET003", "fail", "net.captive.found", {}, "captive_proxy"),
    ("NET002", "warn", "net.web.intercepted", {}, "this_pc"),
    ("NET002", "fail", "net.web.cert_untrusted", {"scope": "all", "issuer": "Evil CA"}, "this_pc"),
    ("PC009", "fail", "pc.clock.drift", {}, "clock"),
    ("NET002", "fail", "net.web.cert_not_yet_valid", {"scope": "some", "date": "2030-01-01"}, "clock"),
    ("NET005", "fail", "net.latency.lossy", {}, "lossy_link"),
    ("NET005", "warn", "net.latency.lossy", {}, "lossy_link"),
    ("NET005", "warn", "net.latency.slow", {}, "slow_link"),
    ("NET005", "fail", "net.latency.lossy_lan", {"gateway_loss": 30}, "cable_wifi"),
    ("NET005", "warn", "net.latency.slow_lan", {"gateway_ms": 400}, "cable_wifi"),
    ("NET001", "fail", "net.dns.unresolved", {}, "dns"),
    ("NET001", "fail", "net.dns.not_found", {"names": "intl2.kfield.test", "server": "198.19.1.54"}, "one_service"),
    ("NET001", "fail", "net.dns.disagree", {}, "dns"),
    ("NET001", "fail", "net.dns.unreliable", {"server": "198.18.0.1"}, "dns"),
    ("NET001", "warn", "net.dns.slow", {"server": "198.18.0.1"}, "dns"),
    ("LAN004", "fail", "lan.dns.all", {"servers": "198.18.0.1"}, "dns"),
    ("NET009", "fail", "net.uplink.silent", {"targets": "8.8.8.8"}, "isp_uplink"),
    ("NET006", "fail", "net.mtu.black_hole", {}, "gateway"),
    ("NET002", "fail", "net.web.fail_stalled", {"scope": "all"}, "gateway"),
    ("NET002", "fail", "net.web.fail_timeout", {"scope": "all"}, "gateway"),
    ("NET002", "fail", "net.web.fail_refused", {"scope": "all"}, "one_service"),
    ("NET002", "fail", "net.web.fail_timeout", {"scope": "some"}, "one_service"),
    ("NET002", "fail", "net.web.fail_stalled", {"scope": "some"}, "one_service"),
    ("NET002", "fail", "net.web.cert_expired", {"scope": "some", "date": "2020-01-01"}, "one_service"),
    ("NET002", "fail", "net.web.cert_wrong_name", {"scope": "some", "names": "x.test"}, "one_service"),
    ("NET002", "fail", "net.web.cert_untrusted", {"scope": "some", "issuer": "Odd CA"}, "one_service"),
    ("NET002", "fail", "net.web.fail_status", {"scope": "all", "code": 503}, "one_service"),
    ("NET001", "fail", "net.dns.first_dead", {"server": "10.0.0.2", "wait_s": 5.0, "threshold": 2000}, "dns"),
    ("NET001", "fail", "net.dns.slow", {"server": "198.18.0.1", "ms": 2600, "threshold": 2000}, "dns"),
    ("LAN004", "warn", "lan.dns.slow", {"server": "198.18.0.1", "ms": 1667, "threshold": 300}, "dns"),
    ("NET009", "fail", "net.uplink.proxy_fails", {"proxy": "198.18.0.8:3128"}, "captive_proxy"),
    ("NET002", "fail", "net.web.fail_proxy", {"scope": "some", "proxy": "198.18.0.8:3128"}, "captive_proxy"),
    ("NET002", "fail", "net.web.international_fail", {"scope": "class"}, "isp_uplink"),
    ("NET002", "fail", "net.web.domestic_fail", {"scope": "class"}, "isp_uplink"),
    ("NET002", "fail", "net.web.fail_reset", {"scope": "some", "portal": "egov.lab"}, "gateway"),
    ("NET002", "fail", "net.web.fail_reset", {"scope": "all", "portal": "egov.lab"}, "gateway"),
    ("NET002", "fail", "net.web.international_fail", {"scope": "class", "problem": "fail_refused"}, "gateway"),
    ("NET002", "fail", "net.web.group_fail", {"scope": "class", "problem": "fail_reset"}, "gateway"),
    ("NET002", "fail", "net.web.group_fail", {"scope": "class", "problem": "fail_timeout"}, "isp_uplink"),
    ("NET002", "fail", "net.web.clock_skew", {"amount": "400 d", "server_date": "2027-01-11"}, "clock"),
    ("NET002", "warn", "net.web.slow", {"portal": "egov.lab", "seconds": 6.2, "threshold": 5}, "one_service"),
]


@pytest.mark.parametrize("check_id, status, key, params, expected", SINGLE_FAULTS)
def test_each_single_fault_names_its_place(check_id, status, key, params, expected):
    assert place(**{check_id: result(check_id, status, key, **params)}) == expected


def test_every_place_is_reachable_by_some_fault():
    assert {row[-1] for row in SINGLE_FAULTS} == set(PLACES)


def test_uplink_down_unprivileged_and_privileged():
    uplink = dict(NET001=result("NET001", "fail", "net.dns.unresolved"),
                  NET002=result("NET002", "fail", "net.web.fail_dns", scope="all"),
                  NET005=result("NET005", "fail", "net.latency.silent"))
    assert place(**uplink, NET006=result("NET006", "skip", "core.skip.admin")) == "isp_uplink"
    no_dns = dict(LAN004=result("LAN004", "fail", "lan.dns.all"), NET005=result("NET005", "fail", "net.latency.silent"),
                  **{c: result(c, "skip", "core.skip.gate.no_dns") for c in ("NET001", "NET002", "NET003", "PC009")})
    assert place(**no_dns) == "isp_uplink"
    traced = dict(uplink, NET005=result("NET005", "fail", "net.latency.silent"),
                  NET007=result("NET007", "fail", "net.route.stops", last_hop=1))
    assert place(**traced) == "isp_uplink"


def test_dns_down_with_the_internet_up_is_dns_not_uplink():
    assert place(NET001=result("NET001", "fail", "net.dns.unresolved"),
                 NET002=result("NET002", "fail", "net.web.fail_dns", scope="all")) == "dns"


def test_the_most_local_fault_wins():
    everything = {cid: result(cid, "fail", key) for cid, _, key, _, _ in SINGLE_FAULTS[:4]}
    assert engine.decide(healthy(**everything)).place == "cable_wifi"
    # a router down also breaks DNS and portals: the verdict is still the router
    router = dict(LAN003=result("LAN003", "fail", "lan.gw.silent"),
                  NET001=result("NET001", "fail", "net.dns.unresolved"),
                  NET002=result("NET002", "fail", "net.web.fail_timeout", scope="all"),
                  NET005=result("NET005", "fail", "net.latency.silent"))
    assert place(**router) == "gateway"


def test_an_unexplained_failure_is_unknown_and_names_the_check():
    verdict = engine.decide(healthy(NET008=result("NET008", "fail", "net.tsa.down")))
    assert verdict.place == "unknown" and verdict.reason.params["checks"] == "NET008"


def test_evidence_is_the_results_the_rule_looked_at():
    verdict = engine.decide(healthy(LAN003=result("LAN003", "fail", "lan.gw.silent")))
    assert [r.check_id for r in verdict.evidence] == ["LAN003"] and verdict.next == "net-no-internet"


STATUS = st.sampled_from(list(Status))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(HEALTHY_KEYS)), STATUS))
def test_any_result_set_gets_exactly_one_verdict_and_alarms_only_on_failure(statuses):
    results = healthy(**{cid: result(cid, s.value, HEALTHY_KEYS[cid]) for cid, s in statuses.items()})
    verdict = engine.decide(results)
    assert verdict.place in (*PLACES, "healthy", "unknown")
    has_failure = any(r.status in (Status.FAIL, Status.ERROR) for r in results)
    if not has_failure and verdict.place not in ("healthy",):
        # only warn-level rules may fire without a failure: latency, loss, interception, rewrites
        assert verdict.place in ("slow_link", "lossy_link", "this_pc", "dns")
    if verdict.place == "healthy":
        assert not has_failure


def test_all_pairs_of_single_faults_give_a_known_place():
    for a, b in itertools.combinations(SINGLE_FAULTS, 2):
        if a[0] == b[0]:
            continue
        overrides = {a[0]: result(a[0], a[1], a[2], **a[3]), b[0]: result(b[0], b[1], b[2], **b[3])}
        assert place(**overrides) in (a[-1], b[-1])


def test_a_fault_placed_on_the_lan_skips_the_internet_stage():
    from kfield.core import registry
    from kfield.platform.base import Interface
    from tests.fakes import FakeHost

    registry.load_all()
    inputs = {name: p.default for name, p in registry.PARAMS.items()}
    lo = Interface("lo", True, 0, 65536, "00:00:00:00:00:00", (("127.0.0.1", 8),), loopback=True)
    inputs.update(host=FakeHost(interfaces=[lo], default_route=None), ntp_servers=[], time_http_url="")
    results = engine.run_checks(inputs, admin=False)
    assert {r.check_id for r in results} - {"NET009"} == {"LAN001", "LAN002", "LAN003", "LAN004", "LAN006",
                                                          "LAN007", "LAN008", "LAN011"}
    assert {r.summary.key for r in results if r.check_id not in ("LAN001", "LAN008", "LAN011")} == {"core.skip.gate.no_link"}
    assert {r.summary.key for r in results if r.check_id in ("LAN008", "LAN011")} == {"core.skip.admin"}
    assert engine.decide(results).place == "cable_wifi"


def test_a_dead_uplink_ends_the_run_before_the_internet_stage():
    from kfield.core import registry
    from kfield.net.probe import Ping
    from kfield.platform.base import Interface, Route
    from tests.fakes import FakeHost

    registry.load_all()
    inputs = {name: p.default for name, p in registry.PARAMS.items()}
    eth = Interface("eth0", True, 1000, 1500, "00:14:22:00:00:01", (("198.18.0.20", 24),))
    fake = FakeHost(interfaces=[eth], default_route=Route("eth0", "198.18.0.1"), wifi=None,
                    ping=lambda ip, count=3, timeout=1.0: Ping(ip, "icmp", count, count if ip == "198.18.0.1" else 0,
                                                               (0.5,) * count if ip == "198.18.0.1" else ()),
                    tcp_state=lambda ip, port, timeout=1.0: "timeout")
    results = engine.run_checks({**inputs, "host": fake, "resolvers": ["198.19.1.54"]}, admin=False)
    assert {r.check_id for r in results} == {"LAN001", "LAN002", "LAN003", "LAN004", "LAN006", "LAN007", "LAN008",
                                             "LAN011", "NET009"}
    verdict = engine.decide(results)
    assert (verdict.place, verdict.contact) == ("isp_uplink", "isp")


def _satisfying(condition):
    """A result that meets exactly what one rule condition asks, on top of the healthy set."""
    status = condition.status[0] if condition.status else "fail"
    key = condition.key[0] if condition.key else HEALTHY_KEYS[condition.check_id]
    return result(condition.check_id, status, key, **{name: texts[0] for name, texts in condition.contains})


def test_every_group_of_every_rule_is_reachable_and_gives_its_own_verdict():
    """Exhaustive over the rules: no group is shadowed by an earlier rule, each names its place."""
    rules = load().rules
    for index, rule in enumerate(rules):
        for group in rule.groups:
            verdict = engine.decide(healthy(**{c.check_id: _satisfying(c) for c in group}))
            assert (verdict.place, verdict.reason.key) == (rule.place, rule.reason), (index, group)
            assert verdict.alarm and (verdict.next or verdict.contact)
            shown = [r.check_id for r in verdict.evidence]   # this group, or an earlier one of the same rule
            assert shown in [[c.check_id for c in g] for g in rule.groups], (index, shown)


# --- a measured value past a user-experience limit is never "no fault found" -------------------

@given(check_id=st.sampled_from(sorted(HEALTHY_KEYS)), key=st.sampled_from(["x.y.slow", "x.y.late", "net.web.ok"]))
@settings(max_examples=60, deadline=None)
def test_a_warning_past_a_limit_never_ends_healthy_whatever_its_check(check_id, key):
    past = result(check_id, "warn", key, threshold=300, ms=1636)
    verdict = engine.decide(healthy(**{check_id: past}))
    assert verdict.place != "healthy" and verdict.alarm
    assert past in verdict.evidence or verdict.place in {r.place for r in load().rules}


def test_a_place_no_rule_isolates_is_unknown_with_its_evidence_in_words():
    odd = result("NET003", "warn", "net.captive.none", threshold="5 s")
    verdict = engine.decide(healthy(NET003=odd))
    assert (verdict.place, verdict.reason.key, verdict.evidence) == ("unknown", "diag.reason.unknown", (odd,))


def test_the_internet_only_through_the_proxy_is_healthy_and_says_so():
    proxied = Result("NET009", Status.OK, Message("net.uplink.proxy_only",
                                                  {"proxy": "198.18.0.8:3128", "portal": "egov.lab", "status": 200}))
    quiet = healthy(NET009=proxied, NET005=result("NET005", "skip", "net.direct.proxy_only", target="198.19.1.10"),
                    NET007=result("NET007", "skip", "net.direct.proxy_only", target="198.19.1.10"),
                    NET001=result("NET001", "warn", "net.dns.some_down", down="198.19.1.54"))
    verdict = engine.decide(quiet)
    assert (verdict.place, verdict.reason.key, verdict.reason.params["proxy"]) == (
        "healthy", "diag.reason.healthy_proxy", "198.18.0.8:3128")


def test_a_proxy_that_cannot_fetch_either_is_the_proxy_never_the_provider():
    stuck = result("NET009", "fail", "net.uplink.proxy_fails", proxy="198.18.0.8:3128", portal="egov.lab")
    assert place(NET009=stuck, NET005=result("NET005", "fail", "net.latency.silent")) == "captive_proxy"


def test_a_local_place_named_from_warnings_alone_lets_the_internet_stage_run():
    slow = engine.Verdict("dns", Message("diag.reason.dns_slow_lan", {}), "net-no-internet",
                          (result("LAN004", "warn", "lan.dns.slow", threshold=300),))
    dead = engine.Verdict("gateway", Message("diag.reason.gateway_silent", {}), "net-no-internet",
                          (result("LAN003", "fail", "lan.gw.silent"),))
    assert not engine._placed_for_good(slow) and engine._placed_for_good(dead)


def test_intermittent_faults_are_placed_when_the_contrast_holds():
    rebooted = dict(LAN003=result("LAN003", "ok", "lan.gw.arp_only", gateway="198.18.0.1"),
                    LAN008=result("LAN008", "warn", "lan.rogue.none", interface="eth0"))
    assert place(**rebooted) == "gateway"
    # a router that only filters ping still answers DHCP: no alarm
    assert place(LAN003=result("LAN003", "ok", "lan.gw.arp_only", gateway="198.18.0.1")) == "healthy"
    stops = result("NET007", "fail", "net.route.stops", target="198.19.1.10", last_hop=1, last_ip="198.18.0.1")
    echo = result("NET005", "ok", "net.latency.ok", target="198.19.1.10", method="icmp")
    verdict = engine.decide(healthy(NET007=stops, NET005=echo))
    assert (verdict.place, verdict.contact) == ("isp_uplink", "isp")
    # echoes answered only over TCP (ICMP filtered beyond): a stopped trace proves nothing intermittent
    tcp = result("NET005", "ok", "net.latency.ok", target="198.19.1.10", method="tcp")
    assert engine.decide(healthy(NET007=stops, NET005=tcp)).place == "unknown"


def test_the_new_device_probes_run_beside_both_stages_and_their_wait_is_not_added():
    import time

    from kfield.core import registry
    from kfield.net.probe import Ping
    from kfield.platform.base import Interface, Route
    from tests.fakes import FakeHost

    registry.load_all()
    inputs = {name: p.default for name, p in registry.PARAMS.items()}
    eth = Interface("eth0", True, 1000, 1500, "00:14:22:00:00:01", (("198.18.0.20", 24),))
    from kfield.net.layer2 import DhcpProbe

    slow_probe = lambda *args: time.sleep(1.5) or []
    fake = FakeHost(interfaces=[eth], default_route=Route("eth0", "198.18.0.1"), wifi=None,
                    ping=lambda ip, count=3, timeout=1.0: Ping(ip, "icmp", count, count if ip == "198.18.0.1" else 0,
                                                               (0.5,) * count if ip == "198.18.0.1" else ()),
                    tcp_state=lambda ip, port, timeout=1.0: "timeout", neighbours=[],
                    address_conflicts=slow_probe,
                    dhcp_probe=lambda *a: time.sleep(1.5) or DhcpProbe((), (), "02:00:00:00:00:01"),
                    arp_claimants=slow_probe, dhcp_offers=slow_probe)
    started = time.monotonic()
    results = engine.run_checks({**inputs, "host": fake, "resolvers": ["198.19.1.54"]}, admin=True)
    ids = [r.check_id for r in results]
    assert {"LAN007", "LAN008", "LAN011", "NET009"} <= set(ids) and len(ids) == len(set(ids))
    assert time.monotonic() - started < 1.5 * 3 - 0.5   # three 1.5 s probes at once, not one after another


def test_without_rights_the_verdict_says_what_it_could_not_ask():
    from kfield.core.report import Report, now
    from kfield.formats import verdict as fmt

    results = healthy(LAN008=result("LAN008", "skip", "core.skip.admin"), LAN011=result("LAN011", "skip", "core.skip.admin"))
    report = Report(tuple(results), "x", now(), now(), False, False)
    out = fmt.render(report, engine.decide(results), "text", "vi")
    assert "Chưa hỏi được" in out and "LAN008" not in out.split("Chưa hỏi được")[1].splitlines()[0]


def test_a_dead_proxy_is_named_in_the_sentence():
    from kfield.core.i18n import text

    dead = result("NET004", "fail", "net.proxy.dead", servers="http://198.18.0.1:3129")
    verdict = engine.decide(healthy(NET004=dead))
    assert verdict.place == "captive_proxy"
    for lang in ("vi", "en"):
        assert "198.18.0.1:3129" in text(verdict.reason.key, lang, **verdict.reason.params)


@pytest.mark.parametrize("key, skipped", [("net.uplink.proxy_only", True), ("net.uplink.proxy_fails", True),
                                          ("net.uplink.ok", False), ("net.uplink.silent", False)])
def test_direct_path_checks_are_not_asked_when_only_the_proxy_leads_out(key, skipped):
    uplink = result("NET009", "ok" if key.endswith(("ok", "only")) else "fail", key, targets="198.19.1.10")
    for check_id in ("NET005", "NET006", "NET007"):
        found = engine._unasked(check_id, [uplink])
        assert (found is not None) == skipped
        if skipped:
            assert (found.status, found.summary.key, found.summary.params["target"], found.duration_s) == (
                Status.SKIP, "net.direct.proxy_only", "198.19.1.10", 0.0)
    assert engine._unasked("NET002", [uplink]) is None   # the portals are fetched the way a browser goes


def test_the_clock_is_not_asked_when_no_dns_server_answers():
    dns = result("LAN004", "fail", "lan.dns.all", servers="198.18.0.1")
    assert engine._unasked("PC009", [dns]).summary.key == "core.skip.gate.no_dns"
    assert engine._unasked("PC009", [result("LAN004")]) is None


def test_a_router_silent_then_answering_dhcp_is_the_router_whatever_the_uplink_probe_met():
    silent_first = dict(LAN003=result("LAN003", "ok", "lan.gw.arp_only", gateway="198.18.0.1"),
                        LAN008=result("LAN008", "warn", "lan.dhcp.late", server="198.18.0.1", seconds=4.7))
    for uplink in (result("NET009"), result("NET009", "fail", "net.uplink.silent", targets="198.19.1.10")):
        verdict = engine.decide(healthy(**silent_first, NET009=uplink))
        assert (verdict.place, verdict.reason.key) == ("gateway", "diag.reason.router_back")
    # a DHCP server late while the router answered ping at once: no reboot is shown, no alarm from it alone
    assert place(LAN008=silent_first["LAN008"]) == "healthy"
