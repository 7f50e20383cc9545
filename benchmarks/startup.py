"""Start-up cost of `kfield --help` against the floor of importing typer and rich.

Prints the median of N runs of each and their ratio (target: ratio ≤ 1.3).
Usage: python benchmarks/startup.py [--runs 20] [--python PATH]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def median_ms(argv: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    script = Path(args.python).with_name("kfield")
    ours_argv = [str(script)] if script.exists() else [args.python, "-m", "kfield"]
    median_ms([*ours_argv, "--help"], 2)  # warm the bytecode cache
    floor = median_ms([args.python, "-c", "import typer, rich"], args.runs)
    ours = median_ms([*ours_argv, "--help"], args.runs)
    print(f"{'command':<32} {'median ms':>10}")
    print(f"{'python -c import typer, rich':<32} {floor:>10.1f}")
    print(f"{'kfield --help':<32} {ours:>10.1f}")
    print(f"{'ratio (target <= 1.3)':<32} {ours / floor:>10.2f}")


if __name__ == "__main__":
    main()
