"""Aggregation at scale: import synthetic visit logs (10k, 100k, 1M events) and time the reports.

Generates students' logs over the province's 65 units, 162 members of 8 schools: one file per
visit (about 25 events: start, tasks, notes, problems and their later outcomes, trainings, a check
run with 20 results and a verdict, end), plus what lecturers really receive — 5 % of the files
again on a second stick, 2 % inside a zip sent over chat, and 0.2 % corrupt (cut in the middle).
Each import runs in its own process (peak RSS is that process's), into a fresh SQLite file and a
fresh database on a private PostgreSQL server (tests/aggregate/postgres.py; Unix socket only).
Prints import time, the ratio to the size ten times smaller, peak RSS, the coverage report's time
and all reports' time, and the readiness report's (12 PCs per unit, each run carrying a PC id),
per backend and size. Targets: ≤ 11× per tenfold, ≤ 300 MB, coverage and readiness on 1M events ≤ 5 s each.
Each figure is the median of --repeat runs (each into a fresh database).
--baseline DIR also imports with the kfield in DIR (a checkout of an earlier commit, e.g. made with
`git worktree add` or `git archive`), run for run alternately with this one on the same generated
logs, so that a before/after comparison sees the same machine load; each row ends with the load average.
Usage: python benchmarks/aggregate.py [--sizes 10000,100000,1000000] [--backends sqlite,postgres] [--repeat 3]
                                      [--baseline DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kfield.core import pcid  # noqa: E402
from kfield.visit import communes, store  # noqa: E402

SCHOOLS = ("NTU", "UKH", "CĐ Kỹ thuật Công nghệ Nha Trang", "CĐ Y tế Khánh Hòa", "ĐH Thông tin Liên lạc",
           "ĐH Tôn Đức Thắng PH", "CĐ Du lịch Nha Trang", "ĐH Khánh Hòa Pháp chế")
SYSTEMS = ("network", "pc", "signing", "eoffice", "pakn", "kpi", "dvc", "vneid", "scan", "printer")
PLACES = ("healthy", "gateway", "dns", "isp_uplink", "cable_wifi", "one_service", "this_pc")
CHECKS = [f"{a}{n:03d}" for a in ("PC", "LAN", "NET", "SIGN", "SEC") for n in range(1, 5)] + ["SIGN006"]
PCS_PER_UNIT = 12

CHILD = """
import json, resource, sys, time
from pathlib import Path
from kfield.aggregate import db as dbmod, reports
from kfield.aggregate.importer import Importer
url, folder, quarantine = sys.argv[1:4]
database = dbmod.connect(url)
t0 = time.perf_counter()
summary = Importer(database, Path(quarantine)).run([folder])
t1 = time.perf_counter()
reports.build(database, "coverage")
t2 = time.perf_counter()
for name in reports.NAMES:
    reports.build(database, name)
t3 = time.perf_counter()
reports.build(database, "readiness")
t4 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"import": t1 - t0, "coverage": t2 - t1, "reports": t3 - t2, "readiness": t4 - t3, "rss": rss,
                  "summary": {k: v for k, v in summary.to_dict().items() if k != "issues"}}))
"""


def generate(folder: Path, events: int, seed: int = 7) -> int:
    rnd = random.Random(seed)
    units = communes.all_units()
    members = [(f"Sinh viên {i:03d}", SCHOOLS[i % len(SCHOOLS)]) for i in range(162)]
    main, second, written = folder / "stick-a", folder / "stick-b", 0
    main.mkdir(parents=True)
    second.mkdir()
    start = dt.datetime(2026, 10, 1, 1, 0, tzinfo=dt.timezone.utc)
    chat = zipfile.ZipFile(folder / "chat.zip", "w", zipfile.ZIP_DEFLATED)
    number = 0
    while written < events:
        number += 1
        unit, (name, school) = rnd.choice(units), rnd.choice(members)
        when = start + dt.timedelta(minutes=rnd.randrange(0, 60 * 24 * 30))
        lines = [json.dumps(e, ensure_ascii=False) + "\n" for e in _visit(rnd, unit, name, school, when)]
        written += len(lines)
        body = "".join(lines)
        path = main / f"{number:07d}.jsonl"
        if rnd.random() < 0.002:
            body = body[: len(body) // 2]                       # a stick pulled out mid-copy
        path.write_text(body, encoding="utf-8")
        if rnd.random() < 0.05:
            shutil.copy(path, second / path.name)
        if rnd.random() < 0.02:
            chat.writestr(f"nhat-ky/{path.name}", body)
    chat.close()
    return written


def _visit(rnd: random.Random, unit, name: str, school: str, when: dt.datetime) -> list[dict]:
    visit = store.new_id(when)
    minute = [0]

    def event(kind: str, data: dict) -> dict:
        minute[0] += rnd.randrange(1, 12)
        return store.make_event(kind, visit, data, when + dt.timedelta(minutes=minute[0]))

    out = [event("start", {"commune_code": unit.code, "commune": unit.name, "members": [name], "school": school,
                           "team": "T", "province": 56})]
    out[0]["visit"] = visit
    out[0]["sha256"] = store.checksum(out[0])
    for _ in range(6):
        out.append(event("task", {"task": "lan", "system": rnd.choice(SYSTEMS)}))
        out.append(event("note", {"text": "Đã kiểm tra máy văn thư, cài lại chứng thư số"}))
    for _ in range(4):
        problem = event("problem", {"text": "Không ký được văn bản", "system": rnd.choice(SYSTEMS),
                                    "outcome": "pending"})
        out.append(problem)
        out.append(event("problem", {"problem": problem["id"], "outcome": rnd.choice(("fixed", "escalated"))}))
    out.append(event("train", {"topic": "VNeID", "officials": rnd.randrange(1, 20)}))
    results = [{"check_id": c, "status": rnd.choice(("ok", "ok", "ok", "fail", "skip")),
                "summary": {"key": "x", "params": {}}} for c in CHECKS]
    pc = rnd.randrange(PCS_PER_UNIT)
    out.append(event("check_run", {"profile": "commune-office", "results": results, "hostname": f"may-{pc:02d}",
                                   "pc_id": pcid.pc_id(f"{unit.code}-{pc}", f"may-{pc:02d}"),
                                   "verdict": {"place": rnd.choice(PLACES)}}))
    out.append(event("end", {}))
    return out


def run_import(url: str, folder: Path, quarantine: Path, root: Path = ROOT) -> dict:
    """One import in its own process, with the kfield found in `root` (`python -c` looks there first)."""
    done = subprocess.run([sys.executable, "-c", CHILD, url, str(folder), str(quarantine)],
                          capture_output=True, text=True, cwd=root, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier kfield to compare with")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = args.backends.split(",")
    versions = {"": ROOT, **({" (baseline)": args.baseline.resolve()} if args.baseline else {})}
    server = _postgres() if "postgres" in backends else None
    print("| backend | events | files | import s | × previous size | peak RSS MB | coverage s | all reports s | "
          "readiness s | new / dup / quarantined |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    try:
        with tempfile.TemporaryDirectory(prefix="kfield-bench-") as tmp:
            for size in sizes:
                folder = Path(tmp) / str(size)
                t0 = time.perf_counter()
                events = generate(folder, size)
                print(f"<!-- generated {events} events in {time.perf_counter() - t0:.1f} s -->", flush=True)
                for backend in backends:
                    runs: dict[str, list[dict]] = {label: [] for label in versions}
                    for attempt in range(args.repeat):
                        for label, root in versions.items():       # alternately: the same load for both
                            url = (str(Path(tmp) / f"{size}-{attempt}.sqlite3") if backend == "sqlite"
                                   else server.new_database())
                            quarantine = Path(tmp) / f"quarantine-{size}-{backend}-{attempt}{label.strip()}"
                            runs[label].append(run_import(url, folder, quarantine, root))
                            _drop(url)
                    for label, done in runs.items():
                        _row(backend + label, events, folder, _median(done))
                shutil.rmtree(folder)
    finally:
        if server:
            server.stop()


def _median(runs: list[dict]) -> dict:
    middle = sorted(runs, key=lambda r: r["import"])[len(runs) // 2]
    return {**middle, **{k: statistics.median(r[k] for r in runs) for k in ("coverage", "reports", "readiness", "rss")}}


def _drop(url: str) -> None:
    """Free the disk a run used (a million events take about a gigabyte in either database)."""
    if url.startswith("postgresql://"):
        import psycopg

        from urllib.parse import urlsplit

        name = urlsplit(url).path.strip("/")
        with psycopg.connect(url.replace(f"/{name}?", "/postgres?"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name}")
        return
    for suffix in ("", "-wal", "-shm"):
        Path(url + suffix).unlink(missing_ok=True)


PREVIOUS: dict[str, float] = {}


def _row(backend: str, events: int, folder: Path, f: dict) -> None:
    before = PREVIOUS.get(backend)
    ratio = f"{f['import'] / before:.1f}" if before else "—"
    PREVIOUS[backend] = f["import"]
    s = f["summary"]
    files = sum(1 for _ in folder.rglob("*.jsonl"))
    print(f"| {backend} | {events:,} | {files:,} | {f['import']:.1f} | {ratio} | {f['rss']:.0f} | {f['coverage']:.2f} "
          f"| {f['reports']:.2f} | {f['readiness']:.2f} | {s['new']:,} / {s['duplicate']:,} / {s['quarantined']} |"
          f" <!-- load {' '.join(f'{x:.2f}' for x in os.getloadavg())} -->", flush=True)


def _postgres():
    from tests.aggregate.postgres import Server

    return Server().start()


if __name__ == "__main__":
    main()
