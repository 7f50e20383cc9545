"""Wall time of `kfield diagnose` in the namespace lab (tests/lab/verdict.py): healthy, and under
every fault the lab can inject, including portals with bad certificates.

Prints, per scenario, the median wall time of RUNS runs (process start to exit), the slowest single
check inside the run (its duration_s), the verdict, and whether it meets the target: healthy ≤ 5 s,
every fault ≤ 10 s. Needs root, iproute2, dnsmasq, dhclient, iptables, trustme. Figures depend on the
machine's load: say how loaded it was when you quote them.
Usage: python benchmarks/diagnose_time.py [--runs 3] [--user nobody] [--only FAULT ...]
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

from tests.lab.internet import PORTAL  # noqa: E402
from tests.lab.verdict import VerdictLab, portal  # noqa: E402

FAULTS = ("gateway_down", "link_down", "dhcp_off", "uplink_down", "dns_down", "dns_wrong", "dns_lossy", "stale_dns",
          "captive_portal", "intercepted", "https_blocked", "portal_down", "lan_loss", "icmp_filtered", "loss", "delay",
          "shape", "mtu_black_hole")
PORTALS = ("expired", "wronghost", "untrusted", "future")   # one bad portal next to the good one
HEALTHY_S, FAULT_S = 5.0, 10.0


def one(lab: VerdictLab, portals: tuple[str, ...], user: str | None) -> tuple[float, float, str]:
    started = time.perf_counter()
    done = lab.kfield("diagnose", "--profile", lab.profile(*portals), "--format", "json", user=user)
    wall = time.perf_counter() - started
    data = json.loads(done.stdout)
    slowest = max(r["duration_s"] for r in data["report"]["results"])
    verdict = data["verdict"]
    return wall, slowest, verdict["place"] + (f" / {verdict['also']}" if verdict.get("also") else "")


def scenario(lab, fault: str | None, portals: tuple[str, ...], runs: int, user: str | None):
    context = getattr(lab, fault)() if fault else contextlib.nullcontext()
    with context:
        samples = [one(lab, portals, user) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples), samples[-1][2]


def plan(only: list[str]) -> list[tuple[str, str | None, tuple[str, ...]]]:
    rows = [("healthy", None, ())] + [(f, f, ()) for f in FAULTS]
    rows += [(f"portal {name}", None, (PORTAL, portal(name))) for name in PORTALS]
    return [r for r in rows if not only or r[0] in only or r[0].split()[-1] in only]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--user", default=None, help="run kfield as this user (e.g. nobody)")
    parser.add_argument("--only", nargs="*", default=[], help="scenario names (healthy, a fault, a portal)")
    args = parser.parse_args()
    lab = VerdictLab.build()
    try:
        rows = [(name, *scenario(lab, fault, portals, args.runs, args.user)) for name, fault, portals in plan(args.only)]
    finally:
        lab.close()
    print(f"kfield diagnose, median of {args.runs} runs each, as {args.user or 'root'}")
    print(f"{'scenario':<20} {'wall s':>7} {'slowest check s':>16} {'target s':>9}  verdict")
    for name, wall, slowest, place in rows:
        target = HEALTHY_S if name in ("healthy", "icmp_filtered", "shape") else FAULT_S
        mark = "" if wall <= target else "  OVER"
        print(f"{name:<20} {wall:>7.2f} {slowest:>16.2f} {target:>9.0f}  {place}{mark}")


if __name__ == "__main__":
    main()
