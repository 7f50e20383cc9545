"""One big visit log: time and peak memory of `kfield visit show` (text, --json) and `kfield export` in
every format (CSV of the visits and of the check results, JSON, Markdown, HTML, XLSX; --only NAME… for some).

Writes one visit of --events events (default 100,000, about 84 MB, the size of the issue-17 log):
notes of a few hundred Vietnamese characters, problems and their later outcomes, tasks, trainings
and check runs of 20 results each, with valid checksums. Each command runs in its own process
(peak RSS and CPU time are that process's, from wait4). Prints wall and CPU seconds and MB per
command, the median of --repeat runs. --kfield DIR runs another checkout (for a before/after figure).
Usage: python benchmarks/big_log.py [--events 100000] [--repeat 3] [--kfield DIR] [--only "export md" …]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kfield.visit import store  # noqa: E402

WORDS = ("mạng", "máy", "in", "không", "ký", "được", "chứng", "thư", "số", "phòng", "một", "cửa", "đường", "truyền",
         "chậm", "đã", "kiểm", "tra", "cáp", "bộ", "chuyển", "mạch", "cán", "bộ", "hướng", "dẫn", "VNeID")
CHECKS = [f"{a}{n:03d}" for a in ("PC", "LAN", "NET", "SIGN", "SEC") for n in range(1, 5)]


def events(count: int, rng: random.Random):
    t0 = dt.datetime(2026, 11, 24, 1, tzinfo=dt.timezone.utc)
    at = lambda i: t0 + dt.timedelta(milliseconds=i)  # noqa: E731
    visit = store.new_id(t0)
    start = store.make_event("start", visit, {"commune_code": 22333, "commune": "Phường Bắc Nha Trang",
                                              "members": ["Trần Thị Bình", "Lê Văn Cường"], "school": "NTU",
                                              "team": "Tổ 5", "province": 56}, t0)
    yield {**start, "id": visit, "sha256": store.checksum({**start, "id": visit})}
    for i in range(1, count):
        yield store.make_event(*_one(i, rng, visit), at(i))


def _one(i: int, rng: random.Random, visit: str):
    roll = rng.random()
    if roll < 0.55:
        return "note", visit, {"text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(55, 140)))}
    if roll < 0.75:
        return "problem", visit, {"text": f"Sự cố {i}: " + " ".join(rng.choice(WORDS) for _ in range(12)),
                                  "system": rng.choice(("network", "pc", "signing")),
                                  "outcome": rng.choice(("fixed", "escalated", "pending"))}
    if roll < 0.88:
        return "task", visit, {"task": rng.choice(("lan", "internet", "eoffice")), "system": "network"}
    if roll < 0.93:
        return "train", visit, {"topic": "Nhận diện lừa đảo", "officials": rng.randint(1, 30)}
    results = [{"check_id": c, "status": rng.choice(("ok", "warn", "fail")), "summary": {"key": f"x.{c}", "params": {}},
                "evidence": [{"name": "ms", "value": round(rng.random() * 50, 2), "unit": "ms"}], "remedy": None,
                "duration_s": 0.01, "admin": False} for c in CHECKS]
    return "check_run", visit, {"schema_version": 1, "profile": "office", "hostname": "PC-01",
                                "started": "2026-11-24T08:00:00+00:00", "results": results}


def write_log(folder: Path, count: int) -> Path:
    rng = random.Random(17)
    visits = folder / "data" / "visits"
    visits.mkdir(parents=True)
    first = None
    with tempfile.NamedTemporaryFile("w", delete=False, dir=visits, suffix=".part", encoding="utf-8") as handle:
        for event in events(count, rng):
            first = first or event["visit"]
            handle.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n")
        path = Path(handle.name)
    final = visits / f"{first}.jsonl"
    os.replace(path, final)
    return final


def run(kfield_root: Path, data: Path, args: list[str]) -> tuple[float, float, float]:
    env = {**os.environ, "KFIELD_DATA_DIR": str(data), "KFIELD_CONFIG_DIR": str(data.parent / "config"),
           "PYTHONPATH": str(kfield_root), "KFIELD_NO_PROGRESS": "1"}
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "kfield", *args], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, cwd=str(data.parent))
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"kfield {' '.join(args)} failed: {child.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _commands(visit: str, folder: Path) -> dict[str, list[str]]:
    export = ["export", "--visit", visit, "--lang", "vi", "--format"]
    return {"visit show": ["visit", "show", visit, "--lang", "vi"],
            "visit show --json": ["visit", "show", visit, "--json"],
            "export csv (visits)": [*export, "csv", "--output", str(folder / "visits.csv")],
            "export csv (checks)": [*export, "csv", "--table", "checks", "--output", str(folder / "checks.csv")],
            "export json": [*export, "json", "--output", str(folder / "out.json")],
            "export md": [*export, "md", "--output", str(folder / "out.md")],
            "export html": [*export, "html", "--output", str(folder / "out.html")],
            "export xlsx": [*export, "xlsx", "--output", str(folder / "out.xlsx")]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kfield", type=Path, default=ROOT)
    parser.add_argument("--only", nargs="*", default=None, help="commands by their printed names")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        log = write_log(Path(folder), options.events)
        print(f"log: {options.events} events, {log.stat().st_size / 1e6:.1f} MB ({options.kfield})")
        commands = _commands(log.stem, Path(folder))
        for name, args in commands.items():
            if options.only is not None and name not in options.only:
                continue
            runs = [run(options.kfield, Path(folder) / "data", args) for _ in range(options.repeat)]
            print(f"{name:22} {statistics.median(r[0] for r in runs):6.1f} s wall  "
                  f"{statistics.median(r[1] for r in runs):6.1f} s CPU  {statistics.median(r[2] for r in runs):6.0f} MB peak RSS")


if __name__ == "__main__":
    main()
