"""`kfield diagnose` judged by what a user experiences and placed by contrasts, against real faults
in the namespace lab (tests/lab/experience.py): slow DNS, a dead first DNS server, the Internet only
through the proxy, a filter resetting one portal, the international sites down. Each verdict must
name the place and say it in words a person reads, within the lab's time budget."""

import json
import re
import time

import pytest

from tests.lab.experience import ExperienceLab, site
from tests.lab.internet import PORTAL
from tests.lab.netns import lab_unavailable

SLACK = 1.5
pytestmark = pytest.mark.timeout(600)
ALL = [PORTAL, site("cong.kfield.vn"), site("intl1.kfield.test"), site("intl2.kfield.test")]
CODES = re.compile(r"\b(tls|dns|connect|http|proxy):[a-z_]+|«[a-z_]+»|\{[a-z_]+\}")


@pytest.fixture(scope="module")
def lab():
    reason = lab_unavailable()
    if reason:
        pytest.skip(reason)
    built = ExperienceLab.build(hosts=4)
    try:
        yield built
    finally:
        built.close()


def diagnose(lab, profile, lang="en", budget_s=10.0):
    started = time.monotonic()
    done = lab.kfield("diagnose", "--profile", profile, "--format", "json", "--lang", lang)
    took = time.monotonic() - started
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    results = {r["check_id"]: r for r in data["report"]["results"]}
    assert took <= budget_s * SLACK, (took, {k: r["duration_s"] for k, r in results.items()})
    return data["verdict"], results


def words(lab, profile, lang="en"):
    done = lab.kfield("diagnose", "--profile", profile, "--lang", lang)
    assert done.returncode in (0, 1), done.stderr
    assert not CODES.search(done.stdout), done.stdout
    return done.stdout


def bad(results):
    return {k: r["summary"] for k, r in results.items() if r["status"] not in ("ok", "skip")}


def test_the_extra_sites_are_healthy_with_domestic_and_international_marked(lab):
    verdict, results = diagnose(lab, lab.profile_with(ALL, portal_domestic="{eoffice.kfield.test: true}"), budget_s=5.0)
    assert verdict["place"] == "healthy", bad(results)


def test_answers_held_1600_ms_are_slow_dns_never_no_fault(lab):
    with lab.slow_dns(1600):
        verdict, results = diagnose(lab, lab.profile())
        shown = words(lab, lab.profile())
    assert verdict["place"] == "dns", bad(results)
    assert results["NET001"]["status"] != "ok" and results["LAN004"]["status"] != "ok", bad(results)
    assert "cannot resolve" not in shown and "198.18.0.1" in shown, shown


def test_a_dead_first_dns_server_is_named_with_the_wait_it_costs(lab):
    with lab.dead_first_resolver():
        verdict, results = diagnose(lab, lab.profile())
        shown = words(lab, lab.profile())
    assert (verdict["place"], verdict["reason"]["key"]) == ("dns", "diag.reason.dns_first_dead"), bad(results)
    assert "the first DNS server, 198.18.0.250, does not answer: every name waits" in shown, shown
    assert "cannot resolve" not in shown, shown


def test_the_internet_only_through_a_working_proxy_is_no_fault_and_never_the_provider(lab):
    with lab.proxy_only():
        verdict, results = diagnose(lab, lab.profile())
        shown = words(lab, lab.profile())
        checked = lab.check_json("--profile", lab.profile())
    assert (verdict["place"], verdict["reason"]["key"]) == ("healthy", "diag.reason.healthy_proxy"), bad(results)
    assert results["NET009"]["summary"]["key"] == "net.uplink.proxy_only"
    assert "only through the proxy http://198.18.0.1:3128" in shown and "PROVIDER" not in shown, shown
    failed = {k: r["summary"]["key"] for k, r in checked.items() if r["status"] in ("fail", "error")}
    assert not failed, failed                                        # kfield check: the proxy opens the Internet checks
    assert checked["NET002"]["status"] == "ok" and checked["NET005"]["summary"]["key"] == "net.direct.proxy_only"


def test_a_proxy_that_cannot_get_out_either_is_the_proxy_not_the_provider(lab):
    with lab.proxy_only(refuse="502"):
        verdict, results = diagnose(lab, lab.profile())
        shown = words(lab, lab.profile())
    assert (verdict["place"], verdict["reason"]["key"]) == ("captive_proxy", "diag.reason.proxy_upstream"), bad(results)
    assert "198.18.0.1:3128" in shown and "PROVIDER" not in shown, shown


def test_a_reset_after_the_client_hello_is_a_filter_on_the_path_not_the_portal_owner(lab):
    profile = lab.profile_with([PORTAL, site("intl1.kfield.test")])
    with lab.path_reset("intl1.kfield.test"):
        verdict, results = diagnose(lab, profile)
        shown = words(lab, profile)
    assert (verdict["place"], verdict["also"]) == ("gateway", "isp_uplink"), bad(results)
    assert "something on the path resets connections to intl1.kfield.test" in shown and "tell" not in shown.lower(), shown


def test_the_international_sites_down_while_domestic_ones_work_is_a_fault_of_that_class(lab):
    profile = lab.profile_with(ALL, portal_domestic="{eoffice.kfield.test: true}")
    with lab.international_down():
        verdict, results = diagnose(lab, profile)
        shown = words(lab, profile, lang="vi")
    assert (verdict["place"], verdict["reason"]["key"]) == ("isp_uplink", "diag.reason.international"), bad(results)
    assert "các cổng ở nước ngoài" in shown and "intl1.kfield.test" in shown, shown
