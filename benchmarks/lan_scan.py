"""`kfield lan scan` against nmap -sn and arp-scan in the namespace office lab.

For 40 and 100 live hosts on a /24: RUNS runs of each tool from the lab's client namespace
(kfield privileged = ARP sweep, kfield as nobody = neighbour table), printing the median
wall time, recall (live hosts found / live hosts) and the ratio to arp-scan.
Targets: recall 100 % in both modes; privileged ≤ 1.2 × arp-scan and below nmap -sn;
unprivileged ≤ 5 s for a /24. Needs root, iproute2, dnsmasq, dhclient, nmap, arp-scan.
Usage: python benchmarks/lan_scan.py [--runs 5] [--hosts 40 100]
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

from tests.lab.office import GATEWAY, PRINTER, OfficeLab, host_ip  # noqa: E402

IP = re.compile(r"\b198\.18\.0\.\d{1,3}\b")


def tools(python: str) -> dict[str, tuple[list[str], str | None]]:
    kfield = [python, "-m", "kfield", "lan", "scan", "--ports", "none", "--format", "json"]
    return {
        "kfield (admin, ARP)": (kfield, None),
        "kfield (nobody, table)": (kfield, "nobody"),
        "nmap -sn -n": (["nmap", "-sn", "-n", "198.18.0.0/24"], None),
        "arp-scan": (["arp-scan", "-I", "eth0", "198.18.0.0/24"], None),
    }


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
        if user:
            argv_run = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *argv]
        else:
            argv_run = argv
        started = time.perf_counter()
        done = lab.client.run(*argv_run, check=False, timeout=120)
        times.append(time.perf_counter() - started)
        recalls.append(len(found_ips(done.stdout) & live) / len(live))
    return statistics.median(times), min(recalls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hosts", type=int, nargs="+", default=[40, 100])
    args = parser.parse_args()
    print(f"{'live hosts':>10}  {'tool':<24} {'median s':>9} {'recall':>7} {'× arp-scan':>10}")
    for count in args.hosts:
        lab = OfficeLab.build(hosts=count, open_ports=False)
        try:
            rows = {name: measure(lab, argv, user, args.runs) for name, (argv, user) in tools(sys.executable).items()}
        finally:
            lab.close()
        base = rows["arp-scan"][0]
        for name, (seconds, recall) in rows.items():
            print(f"{count + 2:>10}  {name:<24} {seconds:>9.2f} {recall:>7.0%} {seconds / base:>10.2f}")


if __name__ == "__main__":
    main()
