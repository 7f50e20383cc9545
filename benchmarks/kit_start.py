"""Start time of the Windows kit under wine: `kfield.cmd --version` (manifest check, then kfield, in one
Python start) against `python.exe -I -m kfield --version` on the same stick (target: ratio <= 2).

Runs in a fresh wine prefix inside an empty network namespace (the harness of tests/windows, so it
needs root, wine and the vi_VN.UTF-8 locale). The first kfield.cmd run hashes every file and leaves
the stamp; it is reported apart ("cold"), and the runs after it alternate the two commands.
Usage: python benchmarks/kit_start.py [--kit DIR] [--runs 5]
(without --kit, a kit is built with `kfield usb init --platform windows` into a temporary folder)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.windows import wine  # noqa: E402


def timed(prefix: wine.Prefix, argv: list) -> float:
    started = time.perf_counter()
    done = prefix.run(argv)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{argv[-2:]} ended with {done.returncode}: {done.stderr.decode('utf-8', 'replace')[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kit", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    reason = wine.unavailable()
    if reason:
        raise SystemExit(f"cannot run: {reason}")
    base = Path(tempfile.mkdtemp(prefix="kfield-kit-start-"))
    netns = wine.Netns.create()
    try:
        kit = args.kit or _build(base / "kit")
        if (kit / "kfield-data" / "kit-stamp").is_file():
            (kit / "kfield-data" / "kit-stamp").unlink()
        prefix = wine.fresh_prefix(base / "pc", netns)
        launcher = ["cmd", "/c", wine.windows_path(kit / "kfield.cmd"), "--version"]
        bare = [wine.windows_path(kit / "python" / "python.exe"), "-I", "-m", "kfield", "--version"]
        prefix.run(["cmd", "/c", "echo", "ready"])                     # wine's own first start
        cold = timed(prefix, launcher)
        kit_runs, bare_runs = [], []
        for _ in range(args.runs):
            kit_runs.append(timed(prefix, launcher))
            bare_runs.append(timed(prefix, bare))
        prefix.stop()
        kit_s, bare_s = statistics.median(kit_runs), statistics.median(bare_runs)
        load = os.getloadavg()[0]
        print(f"kfield.cmd --version (first, hashing every file): {cold:.2f} s")
        print(f"kfield.cmd --version (median of {args.runs}): {kit_s:.2f} s")
        print(f"python.exe -I -m kfield --version (median of {args.runs}): {bare_s:.2f} s")
        print(f"ratio {kit_s / bare_s:.2f} (target <= 2); load average {load:.2f}")
    finally:
        netns.delete()
        shutil.rmtree(base, ignore_errors=True)


def _build(dest: Path) -> Path:
    done = wine.build_kit(dest, "--lang", "en")
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return dest


if __name__ == "__main__":
    main()
