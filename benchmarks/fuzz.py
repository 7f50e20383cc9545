"""Fuzzed inputs through the real commands: internal errors, tracebacks and records lost per kind.

For --count inputs of each kind (default 10,000) from the seeded corpus in tests/fuzz/corpus.py:
visit logs (`visit show --json`, `visit list`, `export --all --format md`; every tenth also CSV,
XLSX, JSON, redacted HTML and `visit diff`), zips (`logs import` with a clean sibling folder; every fifth also `report`)
and SQLite databases (`logs import` of a clean folder into it, then `report`). Commands run in this
process through `kfield.cli.run` (as `python -m kfield` would, without the interpreter start), so
the whole run takes minutes. Targets: internal errors 0, tracebacks 0, records lost 0.
Hostile kinds (tests/fuzz/hostile.py; half the inputs with --lang vi, half en; a run past 20 s is a
hang): profiles (`profile validate`, every tenth `playbook lint --profile`), playbooks (`playbook
lint`, `paths --json`; every fifth `graph`, `show`; every tenth `run` when it cannot send anything),
answers (`playbook run --answers`), rules (`report readiness --rules`), paths (18 kinds of file that
is not a regular one, or a name the system cannot take, each given to 8 commands in turn) and args
(fuzzed values per command, 26 commands, in a child without network). Targets: 0 internal errors,
0 tracebacks, 0 hangs.
Also prints the peak memory (tracemalloc) of refusing a zip whose end record declares 1,000,000
entries, and of reading a 1,000,000-entry central directory (what the refusal avoids).
Usage: python benchmarks/fuzz.py [--count 10000] [--kinds log,zip,db,profile,playbook,answers,rules,paths,outputs,args] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz import corpus, harness, hostile  # noqa: E402


def fuzz(kind: str, count: int, first: int) -> tuple[harness.Outcome, float]:
    total = harness.Outcome()
    began = time.perf_counter()
    if kind in hostile.RUNS:
        return hostile.fuzz(kind, range(first, first + count)), time.perf_counter() - began
    with tempfile.TemporaryDirectory() as folder:
        base = corpus.base_database(Path(folder)) if kind == "db" else b""
        for seed in range(first, first + count):
            if kind == "log":
                commands = ("show", "list", "md", "csv", "xlsx", "diff", "redact", "json") if seed % 10 == 0 else ("show", "list", "md")
                total.add(harness.run_case(corpus.log_case(seed), commands=commands))
            elif kind == "zip":
                total.add(harness.run_case(corpus.zip_case(seed), also_report=seed % 5 == 0))
            else:
                total.add(harness.run_case(corpus.db_case(seed, base)))
    return total, time.perf_counter() - began


def million_entries(folder: Path) -> tuple[float, float]:
    """Peak MB of refusing a zip that declares 1,000,000 entries, and of opening it with zipfile."""
    import io
    import zipfile

    from kfield.aggregate import sources

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(1_000_000):
            archive.writestr(zipfile.ZipInfo(f"{i}.jsonl"), b"")
    path = folder / "million.zip"
    path.write_bytes(buffer.getvalue())
    del buffer
    tracemalloc.start()
    refused = list(sources.walk([path]))
    refusing = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    with zipfile.ZipFile(path) as archive:
        len(archive.infolist())
    opening = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert refused and refused[0].reason == "bomb", refused
    return refusing, opening


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--kinds", default="log,zip,db,profile,playbook,answers,rules,paths,outputs,args")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-million", action="store_true", help="skip the 1,000,000-entry zip figure")
    options = parser.parse_args()
    print(f"{'kind':8} {'inputs':>7} {'runs':>7} {'internal':>9} {'traceback':>10} {'lost':>5} {'hangs':>6} "
          f"{'codes':>6} {'outside':>8} {'time':>8}")
    for kind in options.kinds.split(","):
        outcome, seconds = fuzz(kind, options.count, options.seed)
        print(f"{kind:8} {options.count:7} {outcome.runs:7} {outcome.internal:9} {outcome.tracebacks:10} "
              f"{outcome.lost:5} {outcome.hangs:6} {outcome.unexpected_codes:6} {outcome.outside:8} {seconds:7.0f}s", flush=True)
        for failure in outcome.failures[:10]:
            print("   ", failure)
    if not options.no_million:
        with tempfile.TemporaryDirectory() as folder:
            refusing, opening = million_entries(Path(folder))
        print(f"1,000,000-entry zip: refused with {refusing:.1f} MB peak (zipfile alone would hold {opening:.0f} MB)")


if __name__ == "__main__":
    main()
