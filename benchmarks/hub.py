"""The team hub under load: events per second accepted, p95 push latency, the hub's memory.

Starts a real `kfield hub serve` (uvicorn over TLS on a loopback port, its own process) on a fresh
SQLite file or a fresh database on a private PostgreSQL server (tests/aggregate/postgres.py), enrols
--members devices, then every member pushes --visits visits (about 25 events each: start, tasks,
notes, problems, training, a check run, end), --batch lines a request, from --clients threads at once,
each member over its own keep-alive connection. Latency is one request's, from send to answer
(committed before it is answered). The hub's RSS is sampled every 50 ms. Nothing leaves loopback.
Usage: python benchmarks/hub.py [--backends sqlite,postgres] [--members 162] [--visits 4] [--batch 100]
                                [--clients 32]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kfield.aggregate import db as dbmod  # noqa: E402
from kfield.hub import client, tls, tokens  # noqa: E402
from kfield.visit import store  # noqa: E402

T0 = dt.datetime(2026, 11, 3, 1, 0, tzinfo=dt.timezone.utc)


def visit_events(member: str, school: str, start: dt.datetime, code: int) -> list[dict]:
    visit = store.new_id(start)
    at = lambda minutes: start + dt.timedelta(minutes=minutes)      # noqa: E731
    events = [store.make_event("start", visit, {"commune_code": code, "commune": f"Xã {code}", "members": [member],
                                                "school": school, "team": "T", "province": 56}, at(0))]
    for n in range(8):
        events.append(store.make_event("task", visit, {"task": "eoffice", "system": "eoffice"}, at(1 + n)))
        events.append(store.make_event("note", visit, {"text": f"ghi chú {n} về máy tính và mạng"}, at(2 + n)))
    for n in range(4):
        events.append(store.make_event("problem", visit, {"text": f"sự cố {n}", "system": "signing",
                                                          "outcome": "fixed" if n % 2 else "pending"}, at(20 + n)))
    events.append(store.make_event("train", visit, {"topic": "VNeID", "officials": 6}, at(60)))
    results = [{"check_id": f"PC{n:03d}", "status": "ok" if n % 5 else "fail",
                "summary": {"key": "check.summary", "params": {}}} for n in range(1, 21)]
    events.append(store.make_event("check_run", visit, {"results": results, "verdict": {"place": "gateway"}}, at(70)))
    events.append(store.make_event("end", visit, {}, at(180)))
    return events


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_hub(folder: Path, url: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "KFIELD_DATA_DIR": str(folder), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "kfield", "hub", "serve", "--bind", "127.0.0.1", "--port",
                                str(port), "--db", url, "--rate", "1000000"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the hub did not start")


def sample_rss(pid: int, stop: threading.Event, peak: list[int]) -> None:
    import psutil

    process = psutil.Process(pid)
    while not stop.is_set():
        try:
            peak[0] = max(peak[0], process.memory_info().rss)
        except psutil.Error:
            return
        time.sleep(0.05)


def run(backend: str, args) -> dict:
    work = Path(tempfile.mkdtemp(prefix="kfield-hub-bench-"))
    server = None
    if backend == "postgres":
        from tests.aggregate.postgres import Server

        server = Server().start()
        url = server.new_database()
    else:
        url = str(work / "hub.sqlite3")
    (work / "hub").mkdir()
    process, port = start_hub(work / "hub", url)
    try:
        return measure(url, port, work, process.pid, args)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(20)
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def measure(url: str, port: int, work: Path, pid: int, args) -> dict:
    database = dbmod.connect(url)
    tokens.create_tables(database)
    members = [(f"Thành viên {n:03d}", f"Trường {n % 8}") for n in range(args.members)]
    codes = {m: tokens.invite(database, "student", m, s)[1] for m, s in members}
    database.close()
    fingerprint = tls.normal(tls.fingerprint(work / "hub" / "hub" / "hub-cert.pem"))
    hub_url = f"https://127.0.0.1:{port}"
    joined = {m: client.join(hub_url, codes[m], fingerprint) for m, _ in members}
    bodies = {}
    for n, (member, school) in enumerate(members):
        events = [e for v in range(args.visits)
                  for e in visit_events(member, school, T0 + dt.timedelta(days=v, minutes=n), 22333 + (n + v) % 65)]
        lines = [json.dumps(e, ensure_ascii=False).encode() + b"\n" for e in events]
        bodies[member] = [b"".join(lines[i:i + args.batch]) for i in range(0, len(lines), args.batch)]
    latencies: list[float] = []

    def push(member: str) -> int:
        connection = client.Connection(hub_url, fingerprint, 120)
        headers = {"Authorization": f"Bearer {joined[member].token}", "Content-Type": "application/x-ndjson"}
        stored = 0
        try:
            for body in bodies[member]:
                began = time.perf_counter()
                status, _, answer = connection.request("POST", "/v1/events", body, headers)
                latencies.append(time.perf_counter() - began)
                assert status == 200, (status, answer)
                stored += answer["counts"]["stored"]
        finally:
            connection.close()
        return stored

    stop, peak = threading.Event(), [0]
    sampler = threading.Thread(target=sample_rss, args=(pid, stop, peak), daemon=True)
    sampler.start()
    began = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        stored = sum(pool.map(push, [m for m, _ in members]))
    elapsed = time.perf_counter() - began
    stop.set()
    sampler.join()
    latencies.sort()
    return {"events": stored, "seconds": round(elapsed, 2), "events_per_s": round(stored / elapsed),
            "requests": len(latencies), "p50_ms": round(statistics.median(latencies) * 1000),
            "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000), "hub_peak_rss_mb": round(peak[0] / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--members", type=int, default=162)
    parser.add_argument("--visits", type=int, default=4)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    print(f"{args.members} members x {args.visits} visits, {args.batch} lines a request, {args.clients} at once; "
          f"load {os.getloadavg()[0]:.1f}")
    print("| backend | events | s | events/s | requests | p50 ms | p95 ms | hub peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for backend in args.backends.split(","):
        r = run(backend, args)
        print(f"| {backend} | {r['events']:,} | {r['seconds']} | {r['events_per_s']:,} | {r['requests']} | "
              f"{r['p50_ms']} | {r['p95_ms']} | {r['hub_peak_rss_mb']} |", flush=True)


if __name__ == "__main__":
    main()
