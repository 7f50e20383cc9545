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
        "LAN011": "ok", "NET009": "ok"}   # LAN004 waits for it; with no Internet address in this profile it tests nothing
    assert results["LAN003"]["summary"]["params"]["method"] == "icmp"
    assert results["LAN005"]["summary"]["params"]["server"] == GATEWAY
    assert results["LAN008"]["summary"]["params"]["server"] == GATEWAY
    assert [e["name"] for e in results["LAN008"]["evidence"]].count("dhcp_offer_new_device") == 1
    assert results["LAN011"]["summary"]["key"] == "lan.gw.one_device"


def test_healthy_office_raises_no_alarm_unprivileged(office, profile):
    results = office.check_json("--profile", profile, user="nobody")
    assert not [cid for cid, r in results.items() if r["status"] in ("fail", "warn", "error")], results
    assert results["LAN003"]["summary"]["params"]["method"] == "tcp"   # no ICMP socket for nobody
    assert results["LAN007"]["summary"]["key"] == "lan.dup.needs_admin"
    assert results["LAN008"]["summary"]["key"] == "core.skip.admin"
    assert results["LAN011"]["summary"]["key"] == "core.skip.admin"


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


@pytest.mark.lab
def test_dhcp_pool_exhausted_this_pc_keeps_its_reservation_a_new_device_gets_nothing(office, profile):
    """dnsmasq with a one-address range held by the client's reservation: everything this PC sees is
    healthy; only the DISCOVER with a fresh MAC shows that the next device will get no address."""
    with office.pool_exhausted() as ip:
        results = office.check_json("--profile", profile, "--only", "LAN008", "--only", "LAN005", "--only", "LAN002")
    assert results["LAN002"]["status"] == "ok" and results["LAN005"]["status"] == "ok"
    assert results["LAN008"]["summary"] == {"key": "lan.dhcp.pool_full", "params": {"server": GATEWAY}}
    offers = {e["name"]: e["value"] for e in results["LAN008"]["evidence"]}
    assert offers["dhcp_offer"].endswith(f"→ {ip}") and "dhcp_offer_new_device" not in offers
    leases = (office.tmp / "leases-main").read_text()
    assert offers["probe_mac"] not in leases            # the probe took no lease


@pytest.mark.lab
def test_second_dhcp_server_seen_by_the_new_device_probe_too(office, profile):
    with office.rogue_dhcp() as rogue:
        results = office.check_json("--profile", profile, "--only", "LAN008")
    names = [e["name"] for e in results["LAN008"]["evidence"]]
    assert results["LAN008"]["summary"]["params"]["servers"] == f"{GATEWAY}, {rogue}"
    # each server pings an address before offering it to a device it does not know (dnsmasq: 3 s,
    # one at a time), so the rogue may answer the new device after the window: its answer to this
    # PC already names it
    assert names.count("dhcp_offer") == 2 and names.count("dhcp_offer_new_device") >= 1


@pytest.mark.lab
def test_another_box_with_the_routers_address_is_named_against_the_dhcp_server(office, profile):
    router_mac = office.router.run("cat", "/sys/class/net/br0/address").stdout.strip()
    with office.router_impostor() as impostor:
        results = office.check_json("--profile", profile, "--only", "LAN011")
    assert results["LAN011"]["status"] == "fail"
    summary = results["LAN011"]["summary"]
    assert summary["params"].pop("devices").startswith(impostor)   # with its vendor when the prefix is registered
    assert summary == {"key": "lan.gw.impostor_named",
                       "params": {"gateway": GATEWAY, "router": router_mac, "others": impostor}}


@pytest.mark.lab
def test_lease_kept_outside_the_usual_place_is_found_through_the_running_client(office, profile):
    """LAN005 does not conclude "static" from not finding a lease file: the running dhclient names it."""
    with office.lease_kept_elsewhere():
        root = office.check_json("--profile", profile, "--only", "LAN005")
        nobody = office.check_json("--profile", profile, "--only", "LAN005", user="nobody")
        office.stop("dhclient")          # the address stays, and nothing names the lease any more
        orphan = office.check_json("--profile", profile, "--only", "LAN005")
    assert root["LAN005"]["summary"]["key"] == "lan.dhcp.ok"
    assert root["LAN005"]["summary"]["params"]["server"] == GATEWAY
    # nobody may not look into root's dhclient (its network namespace), so nothing says where the
    # address came from: "could not check", never "static"
    assert nobody["LAN005"]["status"] == "skip"
    assert nobody["LAN005"]["summary"]["key"] == "lan.dhcp.origin_unknown"
    assert orphan["LAN005"]["summary"]["key"] == "lan.dhcp.origin_unknown"    # as root too
