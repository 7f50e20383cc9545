"""Speed-test accuracy and cost on shaped lab links: kfield net speed (http backend, against
`kfield serve`), speedtest-cli --mini (against the lab's Speedtest mini server) and iperf3.

Scenarios: the ISP wire shaped to 10 Mbit/s (tbf), and the same with 600 ms RTT added (a
userspace delay relay: no netem here). RUNS runs of each tool; prints the median download and
upload, their error against the shaped rate and against iperf3's goodput, and the bytes the
client's interface really moved (counters before/after, retransmissions included).
Targets: kfield within 5 % (15 % at 600 ms) and fewer bytes than speedtest-cli.
Usage: python benchmarks/speed_accuracy.py [--runs 5] [--rate 10]
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

from tests.lab.internet import InternetLab, ip  # noqa: E402

TOKEN = "benchtoken"


def moved(lab: InternetLab) -> int:
    stats = json.loads(lab.client.run("ip", "-s", "-j", "link", "show", "dev", "eth0").stdout)[0]["stats64"]
    return stats["rx"]["bytes"] + stats["tx"]["bytes"]


def kfield_run(lab: InternetLab) -> tuple[float, float]:
    done = lab.kfield("net", "speed", "--server", f"{ip('speed')}:8737", "--token", TOKEN, "--format", "json",
                      timeout=180)
    data = json.loads(done.stdout)
    return data["down_mbps"], data["up_mbps"]


def speedtest_run(lab: InternetLab) -> tuple[float, float]:
    done = lab.client.run(sys.executable, "-m", "speedtest", "--mini", f"http://{ip('speed')}/", "--json",
                          check=False, timeout=300)
    data = json.loads(done.stdout)
    return data["download"] / 1e6, data["upload"] / 1e6


def iperf_run(lab: InternetLab) -> tuple[float, float]:
    rates = []
    for reverse in (True, False):
        for _ in range(5):
            argv = ["iperf3", "-c", ip("speed"), "-t", "8", "-J"] + (["-R"] if reverse else [])
            data = json.loads(lab.client.run(*argv, check=False, timeout=120).stdout)
            if "error" not in data:
                rates.append(data["end"]["sum_received"]["bits_per_second"] / 1e6)
                break
            time.sleep(1)
    return rates[0], rates[1]


TOOLS = {"kfield net speed": kfield_run, "speedtest-cli --mini": speedtest_run, "iperf3": iperf_run}


def measure(lab: InternetLab, runs: int) -> dict[str, tuple[float, float, float]]:
    out = {}
    for name, tool in TOOLS.items():
        downs, ups, costs = [], [], []
        for _ in range(runs):
            before = moved(lab)
            down, up = tool(lab)
            costs.append(moved(lab) - before)
            downs.append(down)
            ups.append(up)
        out[name] = (statistics.median(downs), statistics.median(ups), statistics.median(costs))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rate", type=float, default=10)
    args = parser.parse_args()
    lab = InternetLab.build()
    try:
        lab.world.python("-m", "kfield", "serve", "--bind", ip("speed"), "--token", TOKEN)
        lab.world.spawn("iperf3", "-s", "-B", ip("speed"))
        time.sleep(1.5)
        table = {}
        for label, rtt in ((f"{args.rate:g} Mbit/s", None), (f"{args.rate:g} Mbit/s + 600 ms RTT", 600)):
            with lab.shape(args.rate), (lab.delay(rtt) if rtt else contextlib.nullcontext()):
                table[label] = measure(lab, args.runs)
    finally:
        lab.close()
    print(f"{args.runs} runs each; error against the shaped rate and against iperf3's goodput; "
          "MB = bytes the client's interface moved")
    print(f"{'link':<26} {'tool':<22} {'down':>6} {'err':>7} {'vs iperf3':>9} {'up':>6} {'err':>7} "
          f"{'vs iperf3':>9} {'MB':>6}")
    for label, rows in table.items():
        ref_down, ref_up = rows["iperf3"][0], rows["iperf3"][1]
        for name, (down, up, cost) in rows.items():
            print(f"{label:<26} {name:<22} {down:>6.2f} {down / args.rate - 1:>+7.1%} {down / ref_down - 1:>+9.1%} "
                  f"{up:>6.2f} {up / args.rate - 1:>+7.1%} {up / ref_up - 1:>+9.1%} {cost / 1e6:>6.1f}")


if __name__ == "__main__":
    main()
