"""How often `kfield diagnose` names the right place, over every fault kind and false-alarm trap of
the lab's fault library (tests/lab/faults.py), and how long each takes.

Runs the real command (`kfield diagnose --format json`) in the lab's client namespace, RUNS times
per kind, and prints: each kind's expected and named places with its wall times; the confusion
matrix (fault × named place); the share right, alarms on traps, median and max wall time, against
the targets (≥ 95 % right, no alarm on any trap, median ≤ 5 s, every fault ≤ 10 s).
A named place is the verdict's place, or both places of an "equally likely" pair (`a/b`).
Needs root, iproute2, dnsmasq, dhclient, iptables, faketime, trustme. The times depend on the
machine's load: say how loaded it was when you quote them.
Usage: python benchmarks/diagnose_accuracy.py [--runs 1] [--only KIND ...] [--markdown] [--json FILE]
       python benchmarks/diagnose_accuracy.py --list    (the kinds as a Markdown table, for the docs)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.lab.faults import KINDS, FaultLab, Kind, label  # noqa: E402

TARGET_RIGHT, TARGET_MEDIAN_S, TARGET_MAX_S = 0.95, 5.0, 10.0


def diagnose(lab: FaultLab, kind: Kind) -> tuple[float, str]:
    """(wall seconds, named place) of one run under ``kind``; "error" when kfield gave no verdict."""
    with kind.inject(lab):
        started = time.perf_counter()
        done = lab.kfield("diagnose", "--profile", kind.profile(lab), "--format", "json", "--lang", "en")
        wall = time.perf_counter() - started
    try:
        verdict = json.loads(done.stdout)["verdict"]
    except (ValueError, KeyError):
        return wall, "error"
    return wall, label(verdict["place"], verdict.get("also", ""))


def measure(lab: FaultLab, kinds, runs: int) -> list[dict]:
    rows = []
    for kind in kinds:
        samples = [diagnose(lab, kind) for _ in range(runs)]
        rows.append({"kind": kind.name, "trap": kind.trap, "expected": kind.label,
                     "named": [s[1] for s in samples], "wall_s": [round(s[0], 2) for s in samples],
                     "right": [kind.right_label(s[1]) for s in samples]})
        print(f"  {kind.name}: {rows[-1]['named']} {rows[-1]['wall_s']}", file=sys.stderr, flush=True)
    return rows


def matrix(rows: list[dict]) -> tuple[list[str], list[list]]:
    """Columns (named places, most frequent first) and one row per kind: counts per column."""
    counts = Counter(n for r in rows for n in r["named"])
    columns = [c for c, _ in counts.most_common()]
    return columns, [[r["kind"], r["expected"], *(r["named"].count(c) or "" for c in columns)] for r in rows]


def summary(rows: list[dict]) -> dict:
    walls = [w for r in rows for w in r["wall_s"]]
    fault_walls = [w for r in rows if not r["trap"] for w in r["wall_s"]]
    right = [x for r in rows for x in r["right"]]
    alarms = [r["kind"] for r in rows if r["trap"] and not all(r["right"])]
    return {"runs": len(right), "right": sum(right), "share_right": sum(right) / len(right),
            "trap_alarms": alarms, "median_s": statistics.median(walls), "max_s": max(walls),
            "max_fault_s": max(fault_walls, default=0.0),
            "over_10s": sorted({r["kind"] for r in rows for w in r["wall_s"] if w > TARGET_MAX_S})}


def print_text(rows: list[dict], facts: dict) -> None:
    print(f"{'kind':<32} {'expected':<22} {'named':<30} {'wall s':<14} right")
    for r in rows:
        print(f"{r['kind']:<32} {r['expected']:<22} {', '.join(r['named']):<30} "
              f"{', '.join(f'{w:.2f}' for w in r['wall_s']):<14} {sum(r['right'])}/{len(r['right'])}")
    columns, table = matrix(rows)
    print("\nconfusion matrix (fault × named place)")
    print(f"{'kind':<32} {'expected':<22} " + " ".join(f"{c:>{max(4, len(c))}}" for c in columns))
    for kind, expected, *cells in table:
        print(f"{kind:<32} {expected:<22} " + " ".join(f"{str(v):>{max(4, len(c))}}" for v, c in zip(cells, columns)))
    print_totals(facts)


def print_totals(facts: dict) -> None:
    mark = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    print(f"\nright: {facts['right']}/{facts['runs']} = {facts['share_right']:.0%} "
          f"(target ≥ {TARGET_RIGHT:.0%}: {mark(facts['share_right'] >= TARGET_RIGHT)})")
    print(f"alarms on traps: {', '.join(facts['trap_alarms']) or 'none'} "
          f"(target none: {mark(not facts['trap_alarms'])})")
    print(f"median {facts['median_s']:.2f} s (target ≤ {TARGET_MEDIAN_S:g} s: {mark(facts['median_s'] <= TARGET_MEDIAN_S)}), "
          f"max {facts['max_s']:.2f} s (target every fault ≤ {TARGET_MAX_S:g} s: "
          f"{mark(not facts['over_10s'])}{'; over: ' + ', '.join(facts['over_10s']) if facts['over_10s'] else ''})")


def print_markdown(rows: list[dict], facts: dict) -> None:
    columns, table = matrix(rows)
    print("| fault | expected | " + " | ".join(f"`{c}`" for c in columns) + " | wall s | right |")
    print("|---|---|" + "---|" * len(columns) + "---|---|")
    for (kind, expected, *cells), r in zip(table, rows):
        print(f"| `{kind}` | {expected} | " + " | ".join(str(v) for v in cells)
              + f" | {', '.join(f'{w:.2f}' for w in r['wall_s'])} | {sum(r['right'])}/{len(r['right'])} |")
    print_totals(facts)


PLACE_WORDS = {"healthy": "no fault found", "cable_wifi": "cable / Wi-Fi", "lan_switch": "LAN / switch",
               "gateway": "router", "isp_uplink": "the provider's uplink", "dns": "DNS", "one_service": "one service",
               "clock": "the PC's clock", "this_pc": "this computer", "captive_proxy": "login page or proxy",
               "slow_link": "slow link", "lossy_link": "lossy link", "unknown": "not determined"}


def words(named: str) -> str:
    places = named.split("/")
    said = " **or** ".join(PLACE_WORDS.get(p, p) for p in places)
    return said + (" (equally likely)" if len(places) > 1 else "")


def print_kinds() -> None:
    print("| kind | trap | what it is | right verdict |")
    print("|---|---|---|---|")
    for kind in KINDS:
        right = " or ".join(words(n) for n in (kind.label, *kind.accept))
        said = f"; names {', '.join(kind.said)}" if kind.said else ""
        print(f"| `{kind.name}` | {'trap' if kind.trap else ''} | {kind.what()} | {right}{said} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="runs per kind (default 1)")
    parser.add_argument("--only", nargs="*", default=[], help="kind names (tests/lab/faults.py KINDS)")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--json", type=Path, help="also write the raw rows and totals to this file")
    parser.add_argument("--list", action="store_true", help="print the kinds as a Markdown table and stop")
    args = parser.parse_args()
    if args.list:
        return print_kinds()
    unknown = set(args.only) - {k.name for k in KINDS}
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")
    kinds = [k for k in KINDS if not args.only or k.name in args.only]
    load = os.getloadavg()
    lab = FaultLab.build()
    try:
        rows = measure(lab, kinds, args.runs)
    finally:
        lab.close()
    facts = summary(rows)
    facts["load_before"] = [round(x, 2) for x in load]
    facts["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"kfield diagnose over {len(kinds)} kinds, {args.runs} run(s) each, as root; "
          f"load average {facts['load_before'][0]:.1f} before, {facts['load_after'][0]:.1f} after")
    (print_markdown if args.markdown else print_text)(rows, facts)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "totals": facts}, indent=1))


if __name__ == "__main__":
    main()
