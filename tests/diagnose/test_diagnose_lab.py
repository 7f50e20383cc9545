"""`kfield diagnose` against real faults in the namespace lab (tests/lab/verdict_lab.py and the
extra faults of tests/lab/verdict.py).

Each fault is injected, diagnosed, and removed; the verdict must name the right place, in words
a person reads (no codes), within 10 s of wall time (healthy: 5 s; the machine may be loaded,
so the lab tests allow 1.5 times that and benchmarks/diagnose_time.py prints the real figures).
The healthy lab must raise no alarm, as administrator and as an ordinary user.
"""

import json
import re
import time

import pytest

from tests.lab.internet import PORTAL, ip
from tests.lab.verdict import portal

SLACK = 1.5   # other engineers' tests share this machine: the budget is checked with this margin

pytestmark = pytest.mark.timeout(600)


def verdict(lab, *portals, user=None, budget_s=10.0):
    started = time.monotonic()
    done = lab.kfield("diagnose", "--profile", lab.profile(*portals), "--format", "json", "--lang", "en", user=user)
    took = time.monotonic() - started
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    results = {r["check_id"]: r for r in data["report"]["results"]}
    assert took <= budget_s * SLACK, (took, {k: r["duration_s"] for k, r in results.items()})
    return data["verdict"]["place"], results


def words(lab, *portals, lang="en"):
    """The verdict as a person reads it, in ``lang``."""
    done = lab.kfield("diagnose", "--profile", lab.profile(*portals), "--lang", lang)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


CODES = re.compile(r"\b(tls|dns|connect|http):[a-z_]+|None ms|«(skip|fail|error)»")


@pytest.mark.parametrize("user", [None, "nobody"])
def test_healthy_network_raises_no_alarm(verdict_lab, user):
    place, results = verdict(verdict_lab, user=user, budget_s=5.0)
    assert place == "healthy", {k: r["summary"] for k, r in results.items() if r["status"] != "ok"}


@pytest.mark.parametrize("fault, expected", [
    ("gateway_down", "gateway"),
    ("uplink_down", "isp_uplink"),
    ("dns_down", "dns"),
    ("dns_wrong", "dns"),
    ("captive_portal", "captive_proxy"),
    ("loss", "lossy_link"),
    ("delay", "slow_link"),
    ("mtu_black_hole", "gateway"),
])
def test_each_fault_is_placed(verdict_lab, fault, expected):
    with getattr(verdict_lab, fault)():
        place, results = verdict(verdict_lab)
    assert place == expected, {k: r["summary"] for k, r in results.items() if r["status"] != "ok"}


@pytest.mark.parametrize("fault, expected", [("uplink_down", "isp_uplink"), ("mtu_black_hole", "gateway")])
def test_faults_are_placed_without_administrator_rights_too(verdict_lab, fault, expected):
    with getattr(verdict_lab, fault)():
        place, results = verdict(verdict_lab, user="nobody")
    assert place == expected, {k: r["summary"] for k, r in results.items() if r["status"] != "ok"}


def test_one_bad_portal_among_good_ones_is_that_service(verdict_lab):
    place, results = verdict(verdict_lab, PORTAL, "https://expired.kfield.test/", "https://wronghost.kfield.test/")
    assert place == "one_service"
    kinds = results["NET002"]["summary"]["params"]["kinds"]
    assert "tls:expired" in kinds and "tls:hostname" in kinds


@pytest.mark.parametrize("name, expected, said", [
    ("expired", "one_service", ["expired.kfield.test", "expired on 2020-01-01", "nothing on this PC or the LAN",
                                "The provincial technical support desk"]),
    ("wronghost", "one_service", ["wronghost.kfield.test", "issued for another name (some-other.kfield.test)",
                                  "The provincial technical support desk"]),
    ("untrusted", "one_service", ["untrusted.kfield.test", "untrusted issuer"]),
    ("future", "clock", ["future.kfield.test", "valid only from", "clock is wrong"]),
])
def test_each_certificate_fault_is_told_in_words(verdict_lab, name, expected, said):
    place, _ = verdict(verdict_lab, PORTAL, portal(name))
    assert place == expected
    text = words(verdict_lab, PORTAL, portal(name))
    assert all(part in text for part in said), text
    assert not CODES.search(text) and "eoffice-slow" not in text, text


def test_certificate_fault_in_vietnamese(verdict_lab):
    text = words(verdict_lab, PORTAL, portal("expired"), lang="vi")
    assert text.startswith("Chẩn đoán: lỗi ở MỘT DỊCH VỤ — cổng expired.kfield.test dùng chứng chỉ đã hết hạn ngày 2020-01-01")
    assert "Bước tiếp theo: báo Bộ phận hỗ trợ kỹ thuật cấp tỉnh" in text and not CODES.search(text), text


def test_ping_filtered_beyond_the_router_stays_healthy(verdict_lab):
    with verdict_lab.icmp_filtered():
        place, results = verdict(verdict_lab, budget_s=5.0)
        unprivileged, _ = verdict(verdict_lab, user="nobody", budget_s=5.0)
    assert place == unprivileged == "healthy", {k: r["summary"] for k, r in results.items() if r["status"] != "ok"}
    assert results["NET005"]["summary"]["key"] == "net.latency.filtered"


@pytest.mark.parametrize("fault, expected", [
    ("dns_lossy", "dns"),
    ("stale_dns", "dns"),
    ("intercepted", "this_pc"),
    ("https_blocked", "gateway"),
    ("lan_loss", "cable_wifi"),
    ("portal_down", "one_service"),
])
def test_new_faults_are_placed(verdict_lab, fault, expected):
    with getattr(verdict_lab, fault)():
        place, results = verdict(verdict_lab)
    assert place == expected, {k: r["summary"] for k, r in results.items() if r["status"] != "ok"}


def test_lossy_resolver_is_named_slow_or_unreliable(verdict_lab):
    with verdict_lab.dns_lossy():
        text = words(verdict_lab)
    assert "DNS is slow or unreliable" in text and "198.18.0.1" in text, text


def test_two_equally_likely_places_are_both_named(verdict_lab):
    with verdict_lab.https_blocked():
        text = words(verdict_lab)
    assert "ROUTER (GATEWAY) or THE PROVIDER'S UPLINK (equally likely)" in text, text


def test_shaped_link_is_not_a_fault(verdict_lab):
    with verdict_lab.shape(10):
        place, _ = verdict(verdict_lab)
    assert place == "healthy"


def test_vietnamese_verdict_line(verdict_lab):
    with verdict_lab.uplink_down():
        done = verdict_lab.kfield("diagnose", "--profile", verdict_lab.profile(), "--lang", "vi")
    assert done.returncode == 1
    assert done.stdout.startswith("Chẩn đoán: lỗi ở ĐƯỜNG TRUYỀN NHÀ MẠNG")
    assert "kfield playbook run net-no-internet" in done.stdout and ip("eoffice") in done.stdout
