"""Crash safety of the visit log: SIGKILL a writer KILLS times at random moments.

Each round starts tests/visit/appender.py (it appends events and prints each id only after
fsync), kills it with SIGKILL after a random 0–60 ms, and reads the log back. Prints the events
acknowledged, the events recovered, acknowledged-but-lost (must be 0), and the damaged lines
the reader reported (torn tails, each closed by the next append).
Usage: python benchmarks/visit_kill_stress.py [--kills 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kfield.visit import store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=1000)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng, acked = random.Random(1), []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "visit.jsonl"
        for round_ in range(args.kills):
            child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "visit" / "appender.py"), str(path),
                                      f"k{round_}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=env)
            child.stderr.readline()                       # "ready": imported, the kill lands while it writes
            time.sleep(rng.uniform(0.0, 0.06))
            child.send_signal(signal.SIGKILL)
            acked += child.communicate(timeout=10)[0].split()
        log = store.read(path)
    recovered = {e["id"] for e in log.events}
    lost = [a for a in acked if a not in recovered]
    print(f"kills {args.kills}  acknowledged {len(acked)}  recovered {len(recovered)}  "
          f"acknowledged-but-lost {len(lost)}  damaged lines reported {len(log.damage)}  "
          f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
