"""The aggregation database: SQLite in the data folder, or a shared PostgreSQL server (psycopg 3).

One schema, written once with a few words that differ by dialect. `events` keeps every imported
event whole (id, content hash, where it came from); the other tables are facts derived from the
new events as they arrive (visits, problems with their latest outcome, trainings, check runs and
their failures, cancelled visits), so the reports are plain GROUP BY queries that stay fast at a million events.
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
import functools
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
CREATE TABLE IF NOT EXISTS cancellations (visit {key} PRIMARY KEY, time {key} NOT NULL, reason TEXT NOT NULL){tail};
CREATE TABLE IF NOT EXISTS meta (key {key} PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS visits_commune ON visits (commune_code);
CREATE INDEX IF NOT EXISTS visits_day ON visits (day);
"""

EVENT_COLUMNS = ("id", "visit", "type", "time", "sha256", "body", "source")
SCHEMA_VERSION = "1"             # in meta: a database a newer kfield changed is not written into
# Columns added within schema version 1: a database made by an older kfield gains them on open.
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
        self.append("events", EVENT_COLUMNS, rows)

    def append(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        """Plain inserts: on PostgreSQL one COPY stream (executemany sends a statement per row)."""
        if self.dialect == "postgres":
            if rows:
                with self.conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            return
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})", rows)

    def close(self) -> None:
        self.conn.close()


def default_path() -> Path:
    from kfield.core.paths import data_dir

    return data_dir() / "aggregate.sqlite3"


def connect(url: str | None = None) -> Database:
    """`postgresql://…` → PostgreSQL; `sqlite:///path`, a path or nothing → SQLite. The tables are
    created if missing, then checked: a file that is not a database, tables with other columns or
    a newer schema version end in a domain error before anything is written."""
    url = url or ""
    if url.startswith(("postgresql://", "postgres://")):
        database = _postgres(url)
    else:
        path = Path(url[len("sqlite:///"):] if url.startswith("sqlite:///") else url) if url else default_path()
        database = _sqlite(path)
    try:
        with reported(database, "agg.db.open", where=database.where):
            _check_columns(database)       # before CREATE: an index on a missing column would fail first
            _create(database)
            _check_version(database)
            _check_numbers(database)
    except BaseException:
        database.close()
        raise
    return database


def verify(database: Database) -> None:
    """Before an import writes: SQLite's quick_check must say "ok" (a damaged file is not written
    into, which would spread the damage)."""
    if database.dialect != "sqlite":
        return                         # the server checks its own pages
    with reported(database, "agg.db.open", where=database.where):
        found = [row[0] for row in database.query("PRAGMA quick_check(5)")]
    if found != ["ok"]:
        raise UsageError("agg.db.corrupt", where=database.where)   # SQLite's English page list helps no one here


def _check_columns(database: Database) -> None:
    """Every table that exists has the columns kfield writes (a missing table is created)."""
    for table, columns in _expected_columns().items():
        present = _columns(database, table)
        added = {name for name, _ in ADDED_COLUMNS.get(table, ())}
        missing = [c for c in columns if present and c not in present and c not in added]
        if missing:
            raise UsageError("agg.db.schema", where=database.where, table=table, columns=", ".join(missing))


def _check_version(database: Database) -> None:
    version = database.query("SELECT value FROM meta WHERE key = ?", ("schema",))
    if not version:
        database.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", ("schema", SCHEMA_VERSION))
    elif version[0][0] != SCHEMA_VERSION:
        raise UsageError("agg.db.version", where=database.where, found=str(version[0][0])[:20], expected=SCHEMA_VERSION)


def _check_numbers(database: Database) -> None:
    """SQLite stores any value in any column: text where a number belongs (a hand-edited or hostile
    file) would break every report, so such a database is refused (PostgreSQL enforces types)."""
    if database.dialect != "sqlite":
        return
    for table, column in _numeric_columns():
        if database.query(f"SELECT 1 FROM {table} WHERE typeof({column}) NOT IN ('integer', 'real', 'null') LIMIT 1"):
            raise UsageError("agg.db.schema", where=database.where, table=table, columns=column)


def _numeric_columns() -> list[tuple[str, str]]:
    return [(table, name) for table, columns in _declared().items() for name, kind in columns
            if kind in ("INTEGER", "DOUBLE PRECISION")]


def _columns(database: Database, table: str) -> set[str]:
    if database.dialect == "sqlite":
        return {row[1] for row in database.query(f"PRAGMA table_info({table})")}
    return {row[0] for row in database.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?",
        (table,))}


def _expected_columns() -> dict[str, tuple[str, ...]]:
    return {table: tuple(name for name, _ in columns) for table, columns in _declared().items()}


@functools.lru_cache(maxsize=1)
def _declared() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each table's (column, declared type), read from SCHEMA itself (created in an in-memory SQLite once)."""
    import sqlite3

    memory = sqlite3.connect(":memory:")
    try:
        memory.executescript(SCHEMA.format(key="TEXT", tail=""))
        tables = [row[0] for row in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: tuple((row[1], row[2]) for row in memory.execute(f"PRAGMA table_info({t})")) for t in tables}
    finally:
        memory.close()


def _sqlite(path: Path) -> Database:
    import sqlite3

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=60)
        conn.execute("PRAGMA page_size=16384")           # a new file only: fewer, shallower index pages
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-98304")    # 96 MB: most of the id index stays in memory at a million events
    except (OSError, sqlite3.Error) as exc:
        raise UsageError("agg.db.open", where=str(path), reason=driver_reason(exc)) from None
    except UnicodeDecodeError:                       # a damaged header: the journal mode read back is not text
        raise UsageError("agg.db.damaged", where=str(path)) from None
    return Database(conn, "sqlite", str(path))


def _postgres(url: str) -> Database:
    try:
        import psycopg
    except ImportError:
        raise UsageError("agg.db.no_psycopg") from None
    try:
        conn = psycopg.connect(url, connect_timeout=10, autocommit=True)
    except psycopg.Error as exc:
        raise UsageError("agg.db.open", where=_public(url), reason=driver_reason(exc)) from None
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
            database.conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            for statement in statements:
                database.conn.execute(statement)
    _add_columns(database)


# Two lecturers' first imports into a fresh database at once: CREATE TABLE IF NOT EXISTS is not safe
# against itself (both see no table, one fails on pg_type's unique index), so the statements run
# one creator at a time under this transaction-scoped advisory lock (an arbitrary constant: "kfield").
SCHEMA_LOCK = 0x6B6669656C64


def _add_columns(database: Database) -> None:
    """Columns a newer kfield derives (PC id, host, OS, check statuses) added to an older database,
    and the check runs already imported derived again from their stored events."""
    missing = [(table, name, kind) for table, columns in ADDED_COLUMNS.items()
               for name, kind in columns if name not in _columns(database, table)]
    if not missing:
        return
    database.begin()
    try:
        for table, name, kind in missing:
            database.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
        _rederive_check_runs(database)
    except BaseException:
        database.rollback()
        raise
    database.commit()


def _rederive_check_runs(database: Database) -> None:
    """Fill the new columns from the stored events (kept whole, as the laptops wrote them); a run the
    current schema refuses keeps its row with the new columns empty."""
    import json

    from kfield.aggregate.rows import BAD, derive

    updates = []
    for (body,) in database.query("SELECT body FROM events WHERE type = 'check_run'"):
        try:
            row = next(row for kind, row in derive(json.loads(body)) if kind == "check_run")
        except (*BAD, StopIteration):
            continue
        updates.append((*row[4:], row[0]))
    database.execute("CREATE INDEX check_runs_event ON check_runs (event)")   # for this one pass only
    database.executemany("UPDATE check_runs SET pc_id = ?, host = ?, os = ?, statuses = ? WHERE event = ?", updates)
    database.execute("DROP INDEX check_runs_event")


@contextlib.contextmanager
def readable(database: Database):
    """Values read back that do not parse — stored JSON that is not JSON, a day that is not a date,
    a text that is not UTF-8: a flipped byte inside a row, which quick_check does not see — mean the
    file is damaged, and a report made from it would show wrong numbers: one domain error instead."""
    try:
        yield
    except ValueError:                  # json.JSONDecodeError, UnicodeDecodeError and date parsing are ValueErrors
        raise UsageError("agg.db.damaged", where=database.where) from None


@contextlib.contextmanager
def reported(database: Database, key: str = "agg.db.failed", **params: str):
    """A driver error (server gone, disk full, locked file, not a database) as one domain error;
    the transaction in flight was rolled back by whoever opened it, and what was committed before stays."""
    if database.dialect == "postgres":
        from psycopg import Error
    else:
        from sqlite3 import Error
    try:
        yield
    except Error as exc:
        raise UsageError(key, reason=driver_reason(exc), **params) from None


# SQLite's result codes (sqlite3.Error.sqlite_errorname) and PostgreSQL's SQLSTATE classes, as the
# sentences a person reads: the drivers' own text is English, and the line is in the user's language.
SQLITE_REASONS = {"SQLITE_BUSY": "agg.driver.busy", "SQLITE_LOCKED": "agg.driver.busy",
                  "SQLITE_FULL": "os.ENOSPC", "SQLITE_READONLY": "os.EROFS", "SQLITE_CANTOPEN": "agg.driver.cantopen",
                  "SQLITE_NOTADB": "agg.driver.notadb", "SQLITE_CORRUPT": "agg.driver.corrupt",
                  "SQLITE_IOERR": "os.EIO", "SQLITE_PERM": "os.EACCES", "SQLITE_AUTH": "os.EACCES",
                  "SQLITE_NOMEM": "agg.driver.memory", "SQLITE_TOOBIG": "agg.driver.toobig"}
SQLSTATE_REASONS = {"28": "agg.driver.auth", "3D": "agg.driver.no_database", "08": "agg.driver.connection",
                    "53": "agg.driver.server_full", "57": "agg.driver.server_stopped", "42": "agg.driver.schema",
                    "23": "agg.driver.conflict", "40": "agg.driver.busy", "55": "agg.driver.busy",
                    "22": "agg.driver.value", "XX": "agg.driver.corrupt"}
# libpq reports failures to connect without an SQLSTATE: told apart by the words it always uses.
CONNECT_REASONS = (("connection refused", "os.ECONNREFUSED"), ("timeout expired", "os.ETIMEDOUT"),
                   ("password authentication failed", "agg.driver.auth"), ("no password supplied", "agg.driver.auth"),
                   ("does not exist", "agg.driver.no_database"), ("no such file or directory", "agg.driver.no_server"),
                   ("could not translate host name", "agg.driver.no_host"), ("name or service not known", "agg.driver.no_host"),
                   ("no route to host", "os.EHOSTUNREACH"), ("network is unreachable", "os.ENETUNREACH"),
                   ("server closed the connection", "agg.driver.connection"), ("invalid", "agg.driver.bad_url"))


def driver_reason(exc: BaseException):
    """What a database driver's error means, as a catalogue message (never the driver's English)."""
    from kfield.core.result import Message

    if isinstance(exc, OSError):
        from kfield.core.oserrors import reason

        return reason(exc)
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        key = SQLITE_REASONS.get("_".join(name.split("_")[:2]))      # SQLITE_IOERR_WRITE → SQLITE_IOERR
        return Message(key, {}) if key else Message("agg.driver.other", {"code": getattr(exc, "sqlite_errorcode", 0)})
    state = getattr(exc, "sqlstate", None)
    if isinstance(state, str) and state[:2] in SQLSTATE_REASONS:
        return Message(SQLSTATE_REASONS[state[:2]], {})
    words = str(exc).lower()
    found = next((key for phrase, key in CONNECT_REASONS if phrase in words), None)
    return Message(found or "agg.driver.other", {} if found else {"code": state or 0})
