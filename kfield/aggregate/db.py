"""The aggregation database: SQLite in the data folder, or a shared PostgreSQL server (psycopg 3).

One schema, written once with a few words that differ by dialect. `events` keeps every imported
event whole (id, content hash, where it came from); the other tables are facts derived from the
new events as they arrive (visits, problems with their latest outcome, trainings, check runs and
their failures), so the reports are plain GROUP BY queries that stay fast at a million events.
Ids and times are compared as bytes (PostgreSQL columns use the "C" collation): an event id sorts
by time, and a later problem event must win whatever the server's locale. Ids are random in arrival
order, so every index is written at random places on each insert, and rewritten pages grow with the
table: only `events` (idempotence) and the tables that are updated in place (visits, problems, visit
members) have keys; the facts written once per new event (trainings, tasks, check runs and failures)
are plain appends — the events key already guarantees each event is derived once. On SQLite the
keyed fact tables are WITHOUT ROWID (one B-tree each, not a table plus its key index).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from kfield.core.errors import UsageError

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (id {key} PRIMARY KEY, visit {key} NOT NULL, type TEXT NOT NULL,
  time {key} NOT NULL, sha256 TEXT NOT NULL, body TEXT NOT NULL, source TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conflicts (id {key} NOT NULL, stored_sha256 TEXT NOT NULL, new_sha256 TEXT NOT NULL,
  source TEXT NOT NULL, seen TEXT NOT NULL, PRIMARY KEY (id, new_sha256)){tail};
CREATE TABLE IF NOT EXISTS quarantine (sha256 TEXT PRIMARY KEY, origin TEXT NOT NULL, reason TEXT NOT NULL,
  saved_as TEXT NOT NULL, seen TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS visits (id {key} PRIMARY KEY, province INTEGER, commune_code INTEGER, commune TEXT,
  school TEXT, team TEXT, members TEXT, started {key}, started_s DOUBLE PRECISION, day {key},
  ended {key}, ended_s DOUBLE PRECISION){tail};
CREATE TABLE IF NOT EXISTS visit_members (visit {key} NOT NULL, member TEXT NOT NULL, PRIMARY KEY (visit, member)){tail};
CREATE TABLE IF NOT EXISTS problems (visit {key} NOT NULL, problem {key} NOT NULL, system TEXT NOT NULL,
  outcome TEXT NOT NULL, text TEXT NOT NULL, event {key} NOT NULL, PRIMARY KEY (visit, problem)){tail};
CREATE TABLE IF NOT EXISTS trainings (event {key} NOT NULL, visit {key} NOT NULL, topic TEXT NOT NULL,
  officials INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tasks (event {key} NOT NULL, visit {key} NOT NULL, task TEXT NOT NULL,
  system TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS check_runs (event {key} NOT NULL, visit {key} NOT NULL, time {key} NOT NULL,
  verdict TEXT NOT NULL, pc_id TEXT NOT NULL DEFAULT '', host TEXT NOT NULL DEFAULT '', os TEXT NOT NULL DEFAULT '',
  statuses TEXT NOT NULL DEFAULT '{{}}');
CREATE TABLE IF NOT EXISTS check_failures (event {key} NOT NULL, visit {key} NOT NULL, check_id TEXT NOT NULL,
  status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS visits_commune ON visits (commune_code);
CREATE INDEX IF NOT EXISTS visits_day ON visits (day);
"""

EVENT_COLUMNS = ("id", "visit", "type", "time", "sha256", "body", "source")
# Columns added after the first release: a database made by an older kfield gains them on open.
ADDED_COLUMNS = {"check_runs": (("pc_id", "TEXT NOT NULL DEFAULT ''"), ("host", "TEXT NOT NULL DEFAULT ''"),
                                ("os", "TEXT NOT NULL DEFAULT ''"), ("statuses", "TEXT NOT NULL DEFAULT '{}'"))}


@dataclass
class Database:
    conn: Any
    dialect: str                      # "sqlite" or "postgres"
    where: str                        # shown to the user: a file path or host/dbname (no password)

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.dialect == "postgres" else text

    def execute(self, text: str, params: Sequence = ()):
        return self.conn.execute(self.sql(text), params)

    def query(self, text: str, params: Sequence = ()) -> list[tuple]:
        return list(self.execute(text, params).fetchall())

    def executemany(self, text: str, rows: Iterable[Sequence]) -> None:
        rows = list(rows)
        if rows:
            self.conn.cursor().executemany(self.sql(text), rows)

    def begin(self) -> None:
        """A transaction for import batches; on PostgreSQL, imports by several lecturers take turns."""
        if self.dialect == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn.execute("BEGIN")
            self.conn.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def stored_hashes(self, ids: list[str]) -> dict[str, str]:
        """id → sha256 of those of `ids` already stored."""
        found: dict[str, str] = {}
        ids = sorted(ids)                    # neighbouring keys: each index page is read once per batch
        if self.dialect == "postgres":
            found.update(self.query("SELECT id, sha256 FROM events WHERE id = ANY(?)", (ids,)))
            return found
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            found.update(self.query(f"SELECT id, sha256 FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def insert_events(self, rows: list[tuple]) -> None:
        if self.dialect == "postgres":
            with self.conn.cursor().copy(f"COPY events ({', '.join(EVENT_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        self.executemany(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({','.join('?' * 7)})", rows)

    def close(self) -> None:
        self.conn.close()


def default_path() -> Path:
    from kfield.core.paths import data_dir

    return data_dir() / "aggregate.sqlite3"


def connect(url: str | None = None) -> Database:
    """`postgresql://…` → PostgreSQL; `sqlite:///path`, a path or nothing → SQLite."""
    url = url or ""
    if url.startswith(("postgresql://", "postgres://")):
        database = _postgres(url)
    else:
        path = Path(url[len("sqlite:///"):] if url.startswith("sqlite:///") else url) if url else default_path()
        database = _sqlite(path)
    _create(database)
    return database


def _sqlite(path: Path) -> Database:
    import sqlite3

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=60)
        conn.execute("PRAGMA page_size=16384")           # a new file only: fewer, shallower index pages
        conn.execute("PRAGMA journal_mode=WAL")
    except (OSError, sqlite3.Error) as exc:
        raise UsageError("agg.db.open", where=str(path), reason=str(exc)) from None
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-98304")        # 96 MB: most of the id index stays in memory at a million events
    return Database(conn, "sqlite", str(path))


def _postgres(url: str) -> Database:
    try:
        import psycopg
    except ImportError:
        raise UsageError("agg.db.no_psycopg") from None
    try:
        conn = psycopg.connect(url, connect_timeout=10, autocommit=True)
    except psycopg.Error as exc:
        raise UsageError("agg.db.open", where=_public(url), reason=str(exc).strip().splitlines()[0]) from None
    return Database(conn, "postgres", _public(url))


def _public(url: str) -> str:
    """The URL without its password."""
    from urllib.parse import urlsplit

    from urllib.parse import parse_qs

    parts = urlsplit(url)
    host = parts.hostname or parse_qs(parts.query).get("host", ["localhost"])[0]
    return f"postgresql://{parts.username + '@' if parts.username else ''}{host}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def _create(database: Database) -> None:
    postgres = database.dialect == "postgres"
    key, tail = ('TEXT COLLATE "C"', "") if postgres else ("TEXT", " WITHOUT ROWID")
    statements = [s.strip() for s in SCHEMA.format(key=key, tail=tail).split(";") if s.strip()]
    if database.dialect == "sqlite":
        database.conn.executescript(";\n".join(statements) + ";")
    else:
        with database.conn.transaction():
            for statement in statements:
                database.conn.execute(statement)
    _add_columns(database)


def _add_columns(database: Database) -> None:
    """Columns a newer kfield derives (PC id, host, OS, check statuses) added to an older database,
    and the check runs already imported derived again from their stored events."""
    added = False
    for table, columns in ADDED_COLUMNS.items():
        have = set(_columns(database, table))
        for name, kind in columns:
            if name not in have:
                database.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
                added = True
    if added:
        _rederive_check_runs(database)


def _rederive_check_runs(database: Database) -> None:
    """Fill the new columns from the stored events (kept whole, as the laptops wrote them)."""
    import json

    from kfield.aggregate.rows import SQL, derive

    rows = []
    for (body,) in database.query("SELECT body FROM events WHERE type = 'check_run'"):
        rows += [row for kind, row in derive(json.loads(body)) if kind == "check_run"]
    database.execute("DELETE FROM check_runs")
    database.executemany(SQL["check_run"], rows)


def _columns(database: Database, table: str) -> list[str]:
    if database.dialect == "sqlite":
        return [row[1] for row in database.query(f"PRAGMA table_info({table})")]
    return [name for (name,) in database.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()",
        (table,))]


@contextlib.contextmanager
def reported(database: Database):
    """A driver error (server gone, disk full, locked file) as one domain error; the transaction in
    flight was rolled back by whoever opened it, and what was committed before stays."""
    if database.dialect == "postgres":
        from psycopg import Error
    else:
        from sqlite3 import Error
    try:
        yield
    except Error as exc:
        raise UsageError("agg.db.failed", reason=str(exc).strip().splitlines()[0]) from None
