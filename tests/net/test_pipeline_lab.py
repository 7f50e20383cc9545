"""The pipelined `lan scan` in the office lab where one PC in four drops inbound TCP (as Windows'
firewall does): every host found as administrator (raw ARP) and as nobody (neighbour table), and
the open ports are exactly nmap's (`nmap -n -T4 -p …`) where nmap is installed."""

import contextlib
import json
import re
import shutil

import pytest

from kfield.net.scan import DEFAULT_PORTS
from tests.lab.office import GATEWAY, PRINTER, host_ip

pytestmark = pytest.mark.timeout(300)
PORTS = ",".join(map(str, DEFAULT_PORTS))


@contextlib.contextmanager
def quarter_firewalled(office):
    hidden = [host_ip(i) for i in range(1, office.hosts, 4)]
    for ip in hidden:
        office.dummies.run("iptables", "-A", "INPUT", "-d", ip, "-p", "tcp", "-j", "DROP")
    try:
        yield hidden
    finally:
        for ip in hidden:
            office.dummies.run("iptables", "-D", "INPUT", "-d", ip, "-p", "tcp", "-j", "DROP", check=False)


def scanned(office, user=None):
    office.client.run("ip", "neigh", "flush", "dev", "eth0", check=False)   # start cold, as a visit does
    done = office.kfield("lan", "scan", "--format", "json", "--ports", PORTS, user=user)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def live(office):
    return {GATEWAY, PRINTER, office.client_ip(), *(host_ip(i) for i in range(office.hosts))}


@pytest.mark.parametrize("user, method", [(None, "arp"), ("nobody", "neighbour")])
def test_every_host_found_behind_a_tcp_firewall(office, user, method):
    with quarter_firewalled(office) as hidden:
        report = scanned(office, user)
    devices = {d["ip"]: d for d in report["devices"]}
    assert report["method"] == method and set(devices) == live(office)
    assert all(devices[ip]["ports"] == [] for ip in hidden)
    assert devices[PRINTER]["ports"] == [631, 9100]


@pytest.mark.skipif(shutil.which("nmap") is None, reason="nmap is not installed")
def test_open_ports_are_nmaps(office):
    with quarter_firewalled(office):
        report = scanned(office)
        nmap = office.client.run("nmap", "-n", "-T4", "-p", PORTS, "198.18.0.0/24", timeout=120).stdout
    ours = {(d["ip"], p) for d in report["devices"] for p in d["ports"]}
    theirs, current = set(), None
    for line in nmap.splitlines():
        if line.startswith("Nmap scan report for "):
            current = line.split()[-1]
        elif (match := re.match(r"(\d+)/tcp\s+open\b", line)) and current:
            theirs.add((current, int(match[1])))
    own = office.client_ip()   # nmap does not scan its own address through the wire
    assert {x for x in ours if x[0] != own} == {x for x in theirs if x[0] != own} and theirs
