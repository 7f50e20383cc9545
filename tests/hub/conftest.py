"""A real hub for the tests: `kfield hub serve` in its own process, over TLS on a loopback port.

Each test gets its own data folders (the hub's, and one per simulated laptop), its own database
(SQLite, or a fresh database on the real PostgreSQL fixture) and its own port. The hub process is
stopped by its recorded PID in a `finally`, killed with SIGKILL when a test asks for that.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kfield.aggregate import db as dbmod, reports
from kfield.aggregate.importer import Importer
from kfield.hub import client, tls, tokens
from tests.aggregate import logs
from tests.aggregate.conftest import pg_server  # noqa: F401  (the session's PostgreSQL server)

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Hub:
    def __init__(self, folder: Path, db_url: str, *options: str) -> None:
        self.folder, self.db_url, self.options = folder, db_url, options
        self.port, self.process = free_port(), None
        self.url = f"https://127.0.0.1:{self.port}"

    def start(self) -> "Hub":
        env = {**os.environ, "KFIELD_DATA_DIR": str(self.folder), "PYTHONPATH": str(ROOT), "KFIELD_LANG": "en"}
        self.log = open(self.folder.parent / f"hub-{self.port}.log", "ab")
        self.process = subprocess.Popen([sys.executable, "-m", "kfield", "hub", "serve", "--bind", "127.0.0.1",
                                         "--port", str(self.port), "--db", self.db_url, *self.options],
                                        env=env, stdout=self.log, stderr=self.log, cwd=ROOT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder.parent / f"hub-{self.port}.log").read_text()[-2000:])
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the hub did not start")
        self.fingerprint = tls.normal(tls.fingerprint(self.folder / "hub" / "hub-cert.pem"))
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "log", None):
            self.log.close()

    def invite(self, member: str, school: str = "NTU", role: str = "student") -> str:
        database = dbmod.connect(self.db_url)
        try:
            tokens.create_tables(database)
            return tokens.invite(database, role, member, school)[1]
        finally:
            database.close()

    def join(self, member: str, school: str = "NTU", role: str = "student") -> client.Joined:
        return client.join(self.url, self.invite(member, school, role), self.fingerprint)

    def connection(self, timeout: float = 10.0) -> client.Connection:
        return client.Connection(self.url, self.fingerprint, timeout)


@pytest.fixture(params=["sqlite", "postgres"])
def hub_db(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "hub.sqlite3")
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def start_hub(tmp_path):
    started = []

    def start(db_url: str, *options: str) -> Hub:
        folder = tmp_path / f"hub-data-{len(started)}"
        folder.mkdir()
        hub = Hub(folder, db_url, *options).start()
        started.append(hub)
        return hub
    yield start
    for hub in started:
        hub.stop()


class Laptop:
    """A student's laptop: its own data folder, visit logs written as kfield writes them."""

    def __init__(self, folder: Path, member: str, school: str = "NTU") -> None:
        self.folder, self.member, self.school = folder, member, school
        (folder / "visits").mkdir(parents=True, exist_ok=True)

    def visit(self, start: dt.datetime = logs.T0, **kwargs) -> list[dict]:
        events = logs.visit(members=(self.member, "Bình"), school=self.school, start=start, **kwargs)
        logs.write(self.folder / "visits", events)
        return events

    def enrol(self, hub: Hub) -> subprocess.CompletedProcess:
        """`kfield hub join URL CODE --fingerprint F`, the real command."""
        return self.kfield("hub", "join", hub.url, hub.invite(self.member, self.school), "--fingerprint", hub.fingerprint)

    def env(self) -> dict:
        return {**os.environ, "KFIELD_DATA_DIR": str(self.folder), "KFIELD_CONFIG_DIR": str(self.folder / "config"),
                "PYTHONPATH": str(ROOT)}

    def kfield(self, *args: str, lang: str = "en", timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "kfield", "--lang", lang, *args], env=self.env(), cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def laptop(tmp_path):
    made = []

    def make(member: str, school: str = "NTU") -> Laptop:
        made.append(Laptop(tmp_path / f"laptop-{len(made)}", member, school))
        return made[-1]
    return make


def report_rows(db_url: str) -> list:
    database = dbmod.connect(db_url)
    try:
        return [reports.build(database, name).rows for name in reports.NAMES]
    finally:
        database.close()


def zip_import_rows(tmp_path: Path, folders: list[Path]) -> list:
    """The reports a lecturer gets by importing the same logs from zips (folders here) instead."""
    url = str(tmp_path / f"zip-{time.monotonic_ns()}.sqlite3")
    database = dbmod.connect(url)
    try:
        Importer(database, tmp_path / "quarantine").run(folders)
    finally:
        database.close()
    return report_rows(url)


def post(connection: client.Connection, token: str, body: bytes) -> tuple[int, dict, dict]:
    return connection.request("POST", "/v1/events", body, {"Authorization": f"Bearer {token}",
                                                            "Content-Type": "application/x-ndjson"})


def lines_of(events: list[dict]) -> bytes:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events).encode()
