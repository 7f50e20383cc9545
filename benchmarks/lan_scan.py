"""`kfield lan scan` against arp-scan and nmap in the namespace office lab, where one PC in four drops
inbound TCP (iptables in the lab hosts' namespace, as Windows' firewall does by default).

For 40 PCs plus router and printer (42 live hosts) on a /24, RUNS runs of each tool from the lab's
client namespace, every run with a cold neighbour table: kfield as administrator (raw ARP) and as
nobody (neighbour table), `--ports none` against arp-scan and nmap -sn, and with the default ports
against `nmap -n -T4 -p <the same ports>`. Prints the median wall time, recall (live hosts found /
live hosts, worst run) and the ratio to the peer. Targets (issue 19): `--ports none` ≤ 0.5 × arp-scan,
default ports ≤ 0.5 × nmap, recall 100 %. Needs root, iproute2, dnsmasq, dhclient, nmap, arp-scan.
Usage: python benchmarks/lan_scan.py [--runs 5] [--hosts 40]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kfield.net.scan import DEFAULT_PORTS  # noqa: E402
from tests.lab.office import GATEWAY, PRINTER, OfficeLab, host_ip  # noqa: E402

IP = re.compile(r"\b198\.18\.0\.\d{1,3}\b")
PORTS = ",".join(map(str, DEFAULT_PORTS))


def rows(python: str) -> list[tuple[str, list[str], str | None, str]]:
    """(label, argv, user, the peer it is compared with)."""
    kfield = [python, "-m", "kfield", "lan", "scan", "--format", "json"]
    return [
        ("arp-scan", ["arp-scan", "-I", "eth0", "198.18.0.0/24"], None, "arp-scan"),
        ("nmap -sn -n", ["nmap", "-sn", "-n", "198.18.0.0/24"], None, "arp-scan"),
        ("kfield --ports none (admin, ARP)", [*kfield, "--ports", "none"], None, "arp-scan"),
        ("kfield --ports none (nobody, table)", [*kfield, "--ports", "none"], "nobody", "arp-scan"),
        (f"nmap -n -T4 -p {PORTS}", ["nmap", "-n", "-T4", "-p", PORTS, "198.18.0.0/24"], None, "nmap ports"),
        ("kfield default ports (admin)", kfield, None, "nmap ports"),
        ("kfield default ports (nobody)", kfield, "nobody", "nmap ports"),
    ]


def found_ips(stdout: str) -> set[str]:
    try:
        return {d["ip"] for d in json.loads(stdout)["devices"]}
    except (ValueError, KeyError):
        return set(IP.findall(stdout))


def measure(lab: OfficeLab, argv: list[str], user: str | None, runs: int) -> tuple[float, float]:
    live = {GATEWAY, PRINTER, *(host_ip(i) for i in range(lab.hosts))}
    times, recalls = [], []
    for _ in range(runs):
        lab.client.run("ip", "neigh", "flush", "dev", "eth0", check=False)   # every run starts cold
        argv_run = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *argv] if user else argv
        started = time.perf_counter()
        done = lab.client.run(*argv_run, check=False, timeout=120)
        times.append(time.perf_counter() - started)
        recalls.append(len(found_ips(done.stdout) & live) / len(live))
    return statistics.median(times), min(recalls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hosts", type=int, default=40)
    args = parser.parse_args()
    lab = OfficeLab.build(hosts=args.hosts, open_ports=True)
    hidden = [host_ip(i) for i in range(1, args.hosts, 4)]
    try:
        for ip in hidden:
            lab.dummies.run("iptables", "-A", "INPUT", "-d", ip, "-p", "tcp", "-j", "DROP")
        measured = {label: measure(lab, argv, user, args.runs) for label, argv, user, _ in rows(sys.executable)}
    finally:
        lab.close()
    peers = {"arp-scan": measured["arp-scan"][0], "nmap ports": measured[f"nmap -n -T4 -p {PORTS}"][0]}
    print(f"{args.hosts + 2} live hosts on a /24, {len(hidden)} dropping inbound TCP; medians of {args.runs} runs")
    print("| tool | median s | recall | × peer |")
    print("|---|---|---|---|")
    for label, _, _, peer in rows(sys.executable):
        seconds, recall = measured[label]
        print(f"| {label} | {seconds:.2f} | {recall:.0%} | {seconds / peers[peer]:.2f} × {peer} |")


if __name__ == "__main__":
    main()
