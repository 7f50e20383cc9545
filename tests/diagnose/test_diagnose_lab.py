"""`kfield diagnose` against real faults in the namespace lab (tests/lab/internet.py).

Each fault is injected, diagnosed, and removed; the verdict must name the right place.
The healthy lab must raise no alarm, as administrator and as an ordinary user.
"""

import json

import pytest

from tests.lab.internet import PORTAL, ip

pytestmark = pytest.mark.timeout(600)


def verdict(lab, *portals, user=None):
    done = lab.kfield("diagnose", "--profile", lab.profile(*portals), "--format", "json", "--lang", "en", user=user)
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    return data["verdict"]["place"], {r["check_id"]: r for r in data["report"]["results"]}


@pytest.mark.parametrize("user", [None, "nobody"])
def test_healthy_network_raises_no_alarm(internet, user):
    place, results = verdict(internet, user=user)
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
def test_each_fault_is_placed(internet, fault, expected):
    with getattr(internet, fault)():
        place, results = verdict(internet)
    assert place == expected, {k: r["summary"] for k, r in results.items() if r["status"] != "ok"}


@pytest.mark.parametrize("fault, expected", [("uplink_down", "isp_uplink"), ("mtu_black_hole", "gateway")])
def test_faults_are_placed_without_administrator_rights_too(internet, fault, expected):
    with getattr(internet, fault)():
        place, results = verdict(internet, user="nobody")
    assert place == expected, {k: r["summary"] for k, r in results.items() if r["status"] != "ok"}


def test_one_bad_portal_among_good_ones_is_that_service(internet):
    place, results = verdict(internet, PORTAL, "https://expired.kfield.test/", "https://wronghost.kfield.test/")
    assert place == "one_service"
    kinds = results["NET002"]["summary"]["params"]["kinds"]
    assert "tls:expired" in kinds and "tls:hostname" in kinds


def test_shaped_link_is_not_a_fault(internet):
    with internet.shape(10):
        place, _ = verdict(internet)
    assert place == "healthy"


def test_vietnamese_verdict_line(internet):
    with internet.uplink_down():
        done = internet.kfield("diagnose", "--profile", internet.profile(), "--lang", "vi")
    assert done.returncode == 1
    assert done.stdout.startswith("Chẩn đoán: lỗi ở ĐƯỜNG TRUYỀN NHÀ MẠNG")
    assert "kfield playbook run net-no-internet" in done.stdout and ip("eoffice") in done.stdout
