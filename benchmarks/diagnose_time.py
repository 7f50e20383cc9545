"""Wall time of `kfield diagnose` in the namespace Internet lab: healthy, and under each fault.

Prints, per scenario, the median wall time of RUNS runs (process start to exit), the slowest
single check inside the run (its duration_s), their ratio, and the verdict. Targets: healthy
≤ 10 s and ≤ 1.2 × its slowest probe; the worst fault ≤ 20 s. Needs root, iproute2, dnsmasq,
dhclient, iptables, trustme.
Usage: python benchmarks/diagnose_time.py [--runs 3] [--user nobody]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.lab.internet import InternetLab  # noqa: E402

FAULTS = ("gateway_down", "uplink_down", "dns_down", "dns_wrong", "captive_portal", "loss", "delay",
          "mtu_black_hole")


def one(lab: InternetLab, user: str | None) -> tuple[float, float, str]:
    started = time.perf_counter()
    done = lab.kfield("diagnose", "--profile", lab.profile(), "--format", "json", user=user)
    wall = time.perf_counter() - started
    data = json.loads(done.stdout)
    slowest = max(r["duration_s"] for r in data["report"]["results"])
    return wall, slowest, data["verdict"]["place"]


def scenario(lab: InternetLab, fault: str | None, runs: int, user: str | None) -> tuple[float, float, str]:
    context = getattr(lab, fault)() if fault else contextlib.nullcontext()
    with context:
        samples = [one(lab, user) for _ in range(runs)]
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples), samples[-1][2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--user", default=None, help="run kfield as this user (e.g. nobody)")
    args = parser.parse_args()
    lab = InternetLab.build()
    try:
        rows = [("healthy", *scenario(lab, None, args.runs, args.user))]
        rows += [(fault, *scenario(lab, fault, args.runs, args.user)) for fault in FAULTS]
    finally:
        lab.close()
    print(f"kfield diagnose, {args.runs} runs each, as {args.user or 'root'}")
    print(f"{'scenario':<16} {'wall s':>7} {'slowest check s':>16} {'ratio':>6}  verdict")
    for name, wall, slowest, place in rows:
        print(f"{name:<16} {wall:>7.2f} {slowest:>16.2f} {wall / slowest:>6.2f}  {place}")


if __name__ == "__main__":
    main()
