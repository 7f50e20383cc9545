"""`kfield check` uses what the verdict knows: with the router, the link, the address or DNS gone,
the one check that finds it fails and every check that needs it is skipped with that reason in
words, instead of each timing out on its own (Internet lab with faults: tests/lab/verdict.py).

Budget: 10 s of wall time for each; the machine may be loaded by other tests, so the lab allows
1.5 times that.
"""

import json
import time

import pytest

pytestmark = pytest.mark.timeout(300)
SLACK = 1.5


def run_check(lab, lang="en"):
    started = time.monotonic()
    done = lab.kfield("check", "--profile", lab.profile(), "--format", "json", "--lang", lang)
    took = time.monotonic() - started
    assert done.returncode in (0, 1), done.stderr
    return {r["check_id"]: r for r in json.loads(done.stdout)["results"]}, took


@pytest.mark.parametrize("fault, root, gate", [
    ("gateway_down", "LAN003", "core.skip.gate.no_router"),
    ("link_down", "LAN001", "core.skip.gate.no_link"),
    ("dhcp_off", "LAN002", "core.skip.gate.no_address"),
    ("stale_dns", "LAN004", "core.skip.gate.no_dns"),
    ("uplink_down", "NET009", "core.skip.gate.no_uplink"),
])
def test_one_root_cause_is_one_failure_and_the_rest_wait_for_it(verdict_lab, fault, root, gate):
    with getattr(verdict_lab, fault)():
        results, took = run_check(verdict_lab)
    failed = sorted(c for c, r in results.items() if r["status"] in ("fail", "error"))
    assert failed == [root], {c: results[c]["summary"] for c in failed}
    skipped = [c for c, r in results.items() if r["summary"]["key"] == gate]
    assert {"NET001", "NET002"} <= set(skipped), {c: r["summary"]["key"] for c, r in results.items()}
    assert took <= 10 * SLACK, (took, {c: r["duration_s"] for c, r in results.items()})


def test_a_healthy_network_has_no_failure_and_no_gate_skip(verdict_lab):
    results, took = run_check(verdict_lab)
    assert not [c for c, r in results.items() if r["status"] in ("fail", "error")], results
    assert not [c for c, r in results.items() if r["summary"]["key"].startswith("core.skip.gate.")]
    assert took <= 10 * SLACK


def test_the_skip_says_why_in_words(verdict_lab):
    with verdict_lab.gateway_down():
        done = verdict_lab.kfield("check", "--profile", verdict_lab.profile(), "--lang", "vi")
    assert "Bỏ qua: router (cổng mặc định) không trả lời" in done.stdout, done.stdout
    assert "«skip»" not in done.stdout and "«fail»" not in done.stdout
