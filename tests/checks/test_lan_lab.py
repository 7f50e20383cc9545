"""The LAN checks for real, in the namespace office lab, healthy and with each fault.

Each fault is injected and removed by the lab (tests/lab/office.py); the assertions
name what a student would read: which check fails and what it says.
"""

import pytest

from tests.lab.office import GATEWAY, NET, PRINTER

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def profile(office):
    path = office.tmp / "office.yaml"
    path.write_text(f"version: 1\nid: lab-office\ntitle: {{vi: Phòng lab, en: Lab office}}\n"
                    f"select: {{tags: [lan]}}\nparams:\n  printers: ['{PRINTER}']\n")
    path.chmod(0o644)
    return str(path)


def statuses(results):
    return {cid: r["status"] for cid, r in results.items()}


def test_healthy_office_raises_no_alarm_as_root(office, profile):
    results = office.check_json("--profile", profile)
    assert statuses(results) == {
        "LAN001": "ok", "LAN002": "ok", "LAN003": "ok", "LAN004": "ok", "LAN005": "ok",
        "LAN006": "skip", "LAN007": "ok", "LAN008": "ok", "LAN009": "ok", "LAN010": "ok",
        "NET009": "ok"}   # LAN004 waits for it; with no Internet address in this profile it tests nothing
    assert results["LAN003"]["summary"]["params"]["method"] == "icmp"
    assert results["LAN005"]["summary"]["params"]["server"] == GATEWAY
    assert results["LAN008"]["summary"]["params"]["server"] == GATEWAY


def test_healthy_office_raises_no_alarm_unprivileged(office, profile):
    results = office.check_json("--profile", profile, user="nobody")
    assert not [cid for cid, r in results.items() if r["status"] in ("fail", "warn", "error")], results
    assert results["LAN003"]["summary"]["params"]["method"] == "tcp"   # no ICMP socket for nobody
    assert results["LAN007"]["summary"]["key"] == "lan.dup.needs_admin"
    assert results["LAN008"]["summary"]["key"] == "core.skip.admin"


def test_router_down(office, profile):
    with office.gateway_down():
        results = office.check_json("--profile", profile)
    assert results["LAN003"]["summary"] == {"key": "lan.gw.silent", "params": {"gateway": GATEWAY}}
    assert results["LAN004"]["summary"]["key"] == "core.skip.gate.no_router"   # one failure, the router
    assert results["LAN009"]["status"] == "ok"      # the switch still carries the LAN


def test_dhcp_off_leaves_a_self_assigned_address_and_the_gateway_check_waits(office, profile):
    with office.dhcp_off():
        results = office.check_json("--profile", profile)
    assert results["LAN002"]["summary"]["key"] == "lan.ip.link_local"
    assert results["LAN003"]["summary"]["key"] == "core.skip.gate.no_address"
    assert results["LAN008"]["summary"]["key"] == "lan.rogue.none"


def test_duplicate_ip_names_the_other_mac(office, profile):
    with office.duplicate_ip() as mac:
        results = office.check_json("--profile", profile, "--only", "LAN007")
    assert results["LAN007"]["status"] == "fail"
    assert results["LAN007"]["summary"]["params"]["macs"] == mac


def test_second_dhcp_server_is_listed(office, profile):
    with office.rogue_dhcp() as rogue:
        results = office.check_json("--profile", profile, "--only", "LAN008")
    assert results["LAN008"]["status"] == "fail"
    assert results["LAN008"]["summary"]["params"]["servers"] == f"{GATEWAY}, {rogue}"


def test_printer_off(office, profile):
    with office.printer_off():
        results = office.check_json("--profile", profile, "--only", "LAN009")
    assert results["LAN009"]["summary"] == {"key": "lan.printer.down", "params": {"printers": PRINTER}}


def test_vietnamese_console_report_in_the_lab(office, profile):
    done = office.kfield("check", "--profile", profile, "--lang", "vi")
    assert done.returncode == 0, done.stderr
    assert "Router 198.18.0.1 trả lời" in done.stdout and "Mạng nội bộ" in done.stdout
    assert NET in done.stdout
