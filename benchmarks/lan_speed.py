"""`kfield lan speed` against iperf3 on a two-namespace link shaped to 10 Mbit/s (tbf).

RUNS runs of each, both directions; prints the median Mbit/s, the error against iperf3's
goodput on the same link (the reference: tbf's 10 Mbit/s minus headers), and the bytes
each tool moved. Needs root, iproute2 (tc) and iperf3.
Usage: python benchmarks/lan_speed.py [--runs 5] [--seconds 5] [--rate 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.lab.pair import A_IP, kfield_in, pair, start_serve  # noqa: E402


def kfield_runs(b, runs: int, seconds: float) -> list[dict]:
    out = []
    for _ in range(runs):
        done = kfield_in(b, "lan", "speed", A_IP, "--token", "labtoken", "--seconds", str(seconds), "--format", "json")
        out.append(json.loads(done.stdout))
    return out


def iperf_runs(a, b, runs: int, seconds: float) -> list[tuple[float, float, int]]:
    server = a.spawn("iperf3", "-s", "-B", A_IP)
    time.sleep(0.5)
    out = []
    try:
        for _ in range(runs):
            down = _iperf(b, seconds, reverse=True)
            up = _iperf(b, seconds, reverse=False)
            out.append((down[0], up[0], down[1] + up[1]))
    finally:
        a.stop(server)
    return out


def _iperf(b, seconds: float, reverse: bool) -> tuple[float, int]:
    argv = ["iperf3", "-c", A_IP, "-t", str(int(seconds)), "-J"] + (["-R"] if reverse else [])
    for _ in range(5):  # the iperf3 server takes one test at a time: "busy" right after the last
        data = json.loads(b.run(*argv, check=False, timeout=120).stdout)
        if "error" not in data:
            end = data["end"]["sum_received"]
            return end["bits_per_second"] / 1e6, int(end["bytes"])
        time.sleep(1)
    raise RuntimeError(f"iperf3: {data['error']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rate", type=float, default=10)
    args = parser.parse_args()
    with pair(rate_mbit=args.rate) as (lab, a, b):
        start_serve(a)
        kf = kfield_runs(b, args.runs, args.seconds)
        ip = iperf_runs(a, b, args.runs, args.seconds)
    ref_down = statistics.median(r[0] for r in ip)
    ref_up = statistics.median(r[1] for r in ip)
    rows = [
        ("iperf3", ref_down, ref_up, statistics.median(r[2] for r in ip)),
        ("kfield lan speed", statistics.median(r["down_mbps"] for r in kf), statistics.median(r["up_mbps"] for r in kf),
         statistics.median(r["bytes_down"] + r["bytes_up"] for r in kf)),
    ]
    print(f"link shaped to {args.rate:g} Mbit/s (tbf), {args.runs} runs, {args.seconds:g} s per direction")
    print(f"{'tool':<18} {'down Mbit/s':>11} {'err':>7} {'up Mbit/s':>10} {'err':>7} {'MB moved':>9}")
    for name, down, up, moved in rows:
        print(f"{name:<18} {down:>11.2f} {(down / ref_down - 1):>+7.1%} {up:>10.2f} {(up / ref_up - 1):>+7.1%}"
              f" {moved / 1e6:>9.1f}")


if __name__ == "__main__":
    main()
