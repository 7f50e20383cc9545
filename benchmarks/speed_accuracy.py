"""Speed-test accuracy and cost on the links communes really have, side by side: `kfield net speed`
with no options (the lab's speed.cloudflare.com), `kfield net speed --backend ookla` (the nearest lab
OoklaServer from the lab's Speedtest.net list), speedtest-cli --mini (the lab's Speedtest mini server)
and iperf3 with 4 streams, the truth (each link measured by all of them in the same run).

Links (`SpeedLab.link`: tbf on each direction at its own rate, the delay relay, iptables statistic
loss each way): clean 10 and 100 Mbit/s, 10 Mbit/s with 600 ms RTT, ADSL-like 20/0.5 and 8/1
Mbit/s, 10 Mbit/s with 2 % and 10 % loss, and a bufferbloated 20/5 Mbit/s (a 1 s tbf queue on the
uplink). Prints, per link and tool, the median download and upload, their error against iperf3 on
that link, the most the client's interface moved in one run (counters before/after: headers, ACKs,
retransmissions included; kfield runs with --max-mb 10, a cap), the median wall time, and for
kfield the latency idle / under download / under upload. The load average is printed with the table:
the lab shares the machine.
Targets (issue 28): kfield within 5 % of iperf3 both ways, never over 10 MB, <= 12 s (<= 15 s at 600 ms).
Usage: python benchmarks/speed_accuracy.py [--runs 3] [--peer-runs 1] [--links "NAME;NAME..."]
(root; iperf3 and speedtest-cli)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.lab.internet import ip  # noqa: E402
from tests.lab.speedlab import SpeedLab  # noqa: E402

LINKS = {
    "10 Mbit/s": dict(down=10, up=10),
    "100 Mbit/s": dict(down=100, up=100),
    "10 Mbit/s + 600 ms RTT": dict(down=10, up=10, rtt=600),
    "20/0.5 Mbit/s (ADSL)": dict(down=20, up=0.5),
    "8/1 Mbit/s": dict(down=8, up=1),
    "10 Mbit/s 2 % loss": dict(down=10, up=10, loss=2),
    "10 Mbit/s 10 % loss": dict(down=10, up=10, loss=10),
    "20/5 Mbit/s 1 s uplink queue": dict(down=20, up=5, up_queue_ms=1000),
}
IPERF = "iperf3 -P 4 -t 10"


def kfield_run(lab: SpeedLab, *args: str) -> dict:
    args = args if "--backend" in args else ("--backend", "cloudflare", *args)   # the default profile names other servers
    done = lab.kfield("net", "speed", *args, "--max-mb", "10", "--format", "json", timeout=180)
    return json.loads(done.stdout)


def speedtest_run(lab: SpeedLab) -> dict:
    done = lab.client.run(sys.executable, "-m", "speedtest", "--mini", f"http://{ip('speed')}/", "--json",
                          check=False, timeout=300)
    data = json.loads(done.stdout)
    return {"down_mbps": data["download"] / 1e6, "up_mbps": data["upload"] / 1e6}


def iperf_run(lab: SpeedLab) -> dict:
    rates = []
    for reverse in (True, False):
        for _ in range(5):
            argv = ["iperf3", "-c", ip("speed"), "-P", "4", "-t", "10", "-J"] + (["-R"] if reverse else [])
            data = json.loads(lab.client.run(*argv, check=False, timeout=120).stdout)
            if "error" not in data:
                rates.append(data["end"]["sum_received"]["bits_per_second"] / 1e6)
                break
            time.sleep(1)
    return {"down_mbps": rates[0], "up_mbps": rates[1]}


TOOLS = {"`kfield net speed`": lambda lab: kfield_run(lab),
         "`kfield net speed --backend ookla`": lambda lab: kfield_run(lab, "--backend", "ookla"),
         "speedtest-cli --mini": speedtest_run, IPERF: iperf_run}
KFIELD = {"`kfield net speed`", "`kfield net speed --backend ookla`"}


def measure(lab: SpeedLab, runs: int, peer_runs: int) -> dict[str, dict]:
    out = {}
    for name, tool in TOOLS.items():
        found = []
        for _ in range(runs if name in KFIELD else peer_runs):
            before, started = lab.moved(), time.monotonic()
            data = tool(lab)
            data["wall"], data["moved"] = time.monotonic() - started, lab.moved() - before
            found.append(data)
        row = {key: statistics.median(run[key] for run in found) for key in ("down_mbps", "up_mbps", "wall")}
        row["moved"] = max(run["moved"] for run in found)
        for key in ("idle_latency_ms", "loaded_latency_ms", "upload_latency_ms"):
            values = [run[key] for run in found if run.get(key) is not None]
            row[key] = statistics.median(values) if values else None
        out[name] = row
        print(name, {k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}, flush=True)
    return out


def latency(row: dict) -> str:
    if row.get("idle_latency_ms") is None:
        return "—"
    return " / ".join("—" if row[key] is None else f"{row[key]:.0f}"
                      for key in ("idle_latency_ms", "loaded_latency_ms", "upload_latency_ms"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs of each kfield backend (median)")
    parser.add_argument("--peer-runs", type=int, default=1, help="runs of speedtest-cli and iperf3")
    parser.add_argument("--links", default=";".join(LINKS), help="link names, separated by ;")
    args = parser.parse_args()
    lab = SpeedLab.build(hosts=2)
    table, loads = {}, []
    try:
        lab.world.spawn("iperf3", "-s", "-B", ip("speed"))
        time.sleep(1.5)
        for label in args.links.split(";"):
            with lab.link(**LINKS[label]):
                print("#", label, flush=True)
                loads.append(os.getloadavg()[0])
                table[label] = measure(lab, args.runs, args.peer_runs)
    finally:
        lab.close()
    print(f"\nkfield: medians of {args.runs} runs, peers: {args.peer_runs}; error against {IPERF} on the same "
          f"link; MB = the most the client's interface moved in one run; load average (1 min) "
          f"{min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores")
    print("| link | tool | down Mbit/s | error | up Mbit/s | error | MB on the wire | wall s | latency ms idle / down / up |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, rows in table.items():
        truth = rows[IPERF]
        for name, row in rows.items():
            errors = ["—" if name == IPERF else f"{row[way] / truth[way] - 1:+.1%}".replace("-", "−")
                      for way in ("down_mbps", "up_mbps")]
            print(f"| {label} | {name} | {row['down_mbps']:.2f} | {errors[0]} | {row['up_mbps']:.2f} | {errors[1]} | "
                  f"{row['moved'] / 1e6:.1f} | {row['wall']:.1f} | {latency(row)} |")


if __name__ == "__main__":
    main()
