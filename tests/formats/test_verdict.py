"""What a person reads from `kfield diagnose`: the place, the reason in words with its facts,
whom to tell, the next step; never a code (tls:expired, dns:dns_failed, None ms)."""

import json
import re

import pytest

from kfield.core.result import Message, Result, Status
from kfield.diagnose import engine
from kfield.formats import verdict as render
from tests.diagnose.test_engine import healthy, result
from tests.formats.sample import make_report

CONTACTS = {"provincial_it": {"vi": "Bộ phận hỗ trợ kỹ thuật cấp tỉnh", "en": "The provincial technical support desk"},
            "isp": {"vi": "Tổng đài nhà mạng", "en": "The provider's support line"}}
CODES = re.compile(r"\b(tls|dns|connect|http):[a-z_]+|None|\{[a-z_]+\}|«(skip|fail|error|ok)»")


def expired():
    return result("NET002", "fail", "net.web.cert_expired", scope="some", portal="dvc.khanhhoa.gov.vn",
                  date="2026-01-31", kinds="tls:expired", count=2, failed_count=1, names="?", issuer="X", today="")


def text(verdict, lang):
    return render.render(make_report(results=()), verdict, "console", lang)


@pytest.mark.parametrize("lang, said", [
    ("en", ["ONE SERVICE ONLY", "dvc.khanhhoa.gov.vn", "expired on 2026-01-31", "nothing on this PC or the LAN",
            "Next step: tell The provincial technical support desk"]),
    ("vi", ["MỘT DỊCH VỤ", "dvc.khanhhoa.gov.vn", "hết hạn ngày 2026-01-31", "không sửa được trên máy này",
            "Bước tiếp theo: báo Bộ phận hỗ trợ kỹ thuật cấp tỉnh"]),
])
def test_an_expired_certificate_names_the_portal_the_date_and_whom_to_tell(lang, said):
    verdict = engine.decide(healthy(NET002=expired()), contacts=CONTACTS)
    shown = text(verdict, lang)
    assert all(part in shown for part in said), shown
    assert not CODES.search(shown) and "playbook run eoffice-slow" not in shown, shown


@pytest.mark.parametrize("lang, said", [
    ("en", "tell the provincial technical support desk (the profile does not name this contact)"),
    ("vi", "báo bộ phận hỗ trợ kỹ thuật cấp tỉnh (hồ sơ chưa ghi liên hệ này)"),
])
def test_a_contact_the_profile_lacks_is_named_by_its_role_in_words(lang, said):
    shown = text(engine.decide(healthy(NET002=expired())), lang)
    assert said in shown and "provincial_it" not in shown and "«" not in shown, shown


def test_a_role_no_catalogue_knows_is_the_person_responsible_never_its_key():
    from dataclasses import replace

    verdict = replace(engine.decide(healthy(NET002=expired())), contact="lab_admin_x")
    shown = text(verdict, "en")
    assert "tell the person responsible for this system (the profile names no contact)" in shown
    assert "lab_admin_x" not in shown, shown


def test_two_equally_likely_places_are_both_named():
    blocked = result("NET002", "fail", "net.web.fail_timeout", scope="all", portal="a.test", count=2, failed_count=2)
    verdict = engine.decide(healthy(NET002=blocked))
    assert (verdict.place, verdict.also) == ("gateway", "isp_uplink")
    assert text(verdict, "en").startswith(
        "Verdict: the fault is at ROUTER (GATEWAY) or THE PROVIDER'S UPLINK (equally likely) — ")
    assert json.loads(render.render(make_report(results=()), verdict, "json", "en"))["verdict"]["also"] == "isp_uplink"


@pytest.mark.parametrize("overrides, said", [
    ({"LAN003": result("LAN003", "fail", "lan.gw.silent", gateway="192.168.1.1")}, "the office router (192.168.1.1)"),
    ({"LAN004": result("LAN004", "fail", "lan.dns.all", servers="10.0.0.53")}, "(10.0.0.53) do not answer"),
    ({"NET001": result("NET001", "fail", "net.dns.unreliable", server="192.168.1.1", asked=12, answered=7,
                       slowest_ms=1480, median_ms=40)}, "192.168.1.1 answered 7 of 12 questions"),
    ({"NET002": result("NET002", "fail", "net.web.cert_not_yet_valid", scope="all", portal="a.test",
                       date="2031-05-01", today="2026-12-01", count=1, failed_count=1)}, "valid only from 2031-05-01"),
    ({"NET002": result("NET002", "warn", "net.web.intercepted", issuer="FortiGate", portal="a.test")}, "«FortiGate»"),
])
def test_reasons_carry_their_facts(overrides, said):
    shown = text(engine.decide(healthy(**overrides), contacts=CONTACTS), "en").splitlines()[0]   # synthetic
    assert said in shown and not CODES.search(shown), shown       # evidence of healthy checks has no params


def test_every_rule_reason_renders_without_a_missing_fact_in_both_languages():
    from kfield.diagnose.rules import load

    for rule in load().rules:
        facts = {}
        for group in rule.groups:
            for condition in group:
                facts.update({k: "x" for k in ("gateway", "servers", "server", "answered", "asked", "slowest_ms",
                                                "portal", "date", "today", "names", "issuer", "unresolved", "target",
                                                "loss", "ms", "gateway_loss", "gateway_ms", "proxy", "wait_s",
                                                "next_server", "threshold", "failed", "seconds", "server_date",
                                                "amount", "address", "checks", "count", "devices", "last_ip")})
        for lang in ("vi", "en"):
            verdict = engine.Verdict(rule.place, Message(rule.reason, facts), rule.next, (), rule.contact, {}, rule.also)
            shown = text(verdict, lang)
            assert not re.search(r"\{[a-z_]+\}", shown), (rule.reason, shown)


def test_a_healthy_verdict_has_no_next_step():
    shown = text(engine.decide(healthy()), "en")
    assert shown.startswith("Verdict: NO FAULT FOUND") and "Next step" not in shown
