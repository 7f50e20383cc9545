"""`kfield lan scan` in the namespace office lab, privileged (ARP sweep) and as nobody
(neighbour table), with every output format and the refusals a user can meet."""

import csv
import io
import json

import pytest

from tests.lab.office import GATEWAY, PRINTER, host_ip, host_mac

pytestmark = pytest.mark.timeout(300)


def scan_json(office, *args, user=None):
    done = office.kfield("lan", "scan", "--format", "json", *args, user=user)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def expected_ips(office):
    return {GATEWAY, PRINTER, office.client_ip(), *(host_ip(i) for i in range(office.hosts))}


def test_privileged_scan_finds_every_host_with_vendor_name_ports_and_roles(office):
    report = scan_json(office)
    devices = {d["ip"]: d for d in report["devices"]}
    assert report["method"] == "arp" and set(devices) == expected_ips(office)
    first = devices[host_ip(0)]
    assert first["mac"] == host_mac(0) and "Dell" in first["vendor"]
    assert first["name"] == "pc00.office.lan" and first["ports"] == [445, 3389]
    assert devices[host_ip(1)]["ports"] == []
    assert devices[GATEWAY]["roles"] == ["gateway"] and devices[PRINTER]["roles"] == ["printer"]
    assert devices[PRINTER]["ports"] == [631, 9100]
    assert devices[office.client_ip()]["roles"] == ["self"]


def test_unprivileged_scan_finds_the_same_hosts_even_behind_a_tcp_firewall(office):
    hidden = host_ip(2)
    office.dummies.run("iptables", "-A", "INPUT", "-d", hidden, "-p", "tcp", "-j", "DROP")
    try:
        report = scan_json(office, "--ports", "445", user="nobody")
    finally:
        office.dummies.run("iptables", "-D", "INPUT", "-d", hidden, "-p", "tcp", "-j", "DROP")
    assert report["method"] == "neighbour"
    assert {d["ip"] for d in report["devices"]} == expected_ips(office)


def test_console_and_csv_in_vietnamese(office):
    console = office.kfield("lan", "scan", "--lang", "vi", "--ports", "9100")
    assert console.returncode == 0 and "Mạng 198.18.0.0/24 trên eth0" in console.stdout
    assert "máy in" in console.stdout and "router (cổng mặc định)" in console.stdout
    assert "Đang quét 198.18.0.0/24" in console.stderr
    table = office.kfield("lan", "scan", "--format", "csv", "--lang", "vi", "--ports", "none")
    assert table.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(table.stdout.lstrip("\ufeff"))))
    assert rows[0][0] == "Địa chỉ IP" and len(rows) == 1 + len(expected_ips(office))


def test_a_named_smaller_range_is_all_that_is_scanned(office):
    report = scan_json(office, "198.18.0.16/29", "--ports", "none")
    assert {d["ip"] for d in report["devices"]} == {host_ip(i) for i in range(3)} | {office.client_ip()}


@pytest.mark.parametrize("args, user, words", [
    (("198.18.0.0/20",), None, "--force"),
    (("banana",), None, "banana"),
    (("--iface", "wlan7"), None, "wlan7"),
    (("--method", "arp"), "nobody", "--method arp"),
])
def test_refusals_are_one_line_with_exit_2(office, args, user, words):
    for lang in ("vi", "en"):
        done = office.kfield("lan", "scan", *args, "--lang", lang, user=user)
        assert done.returncode == 2 and words in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
