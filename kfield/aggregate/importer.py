"""`kfield logs import`: visit logs from folders, sticks and zips into the aggregation database.

Idempotent: an event is stored once, by its id; the same id with the same content hash again is a
duplicate, with a different hash a conflict — recorded, never overwritten. A file with a torn,
unreadable or malformed line is copied to the quarantine folder with the reasons, and its good
events are still imported (a student's acknowledged work is not lost because one line is bad).
Events are written 10,000 at a time (sorted by id), 200,000 to a transaction, so memory stays flat
however many files there are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kfield.aggregate import rows, sources
from kfield.aggregate.db import Database
from kfield.core import atomic
from kfield.core.errors import KfieldError
from kfield.visit import store

BATCH = 10_000
QUARANTINE_FILE = 1 * 2**20     # bytes of one damaged file kept as evidence
QUARANTINE_TOTAL = 64 * 2**20   # bytes one import writes into the quarantine folder at most
COMMIT_EVERY = 20           # batches per transaction: fewer commits, far fewer index pages rewritten
ISSUE_KINDS = ("quarantined", "refused", "conflict")


@dataclass(frozen=True)
class Issue:
    kind: str               # quarantined, refused, conflict
    origin: str
    detail: str


@dataclass
class Summary:
    files: int = 0
    events: int = 0
    new: int = 0
    duplicate: int = 0
    conflict: int = 0
    quarantined: int = 0
    refused: int = 0
    damaged_lines: int = 0
    issues: list[Issue] = field(default_factory=list)

    def to_dict(self) -> dict:
        counts = {k: getattr(self, k) for k in ("files", "events", "new", "duplicate", "conflict", "quarantined",
                                                "refused", "damaged_lines")}
        return {**counts, "issues": [vars(i) for i in self.issues]}


@dataclass
class _Pending:
    row: tuple                  # id, visit, type, time, sha256, the line as the laptop wrote it, source
    derived: list

    @property
    def sha(self) -> str:
        return self.row[4]


class Importer:
    def __init__(self, db: Database, quarantine_dir: Path, observer: Callable[[int], None] | None = None,
                 batch: int = BATCH) -> None:
        self.db, self.quarantine_dir, self.observer, self.batch_size = db, quarantine_dir, observer, batch
        self.summary = Summary()
        self.pending: dict[str, _Pending] = {}
        self.quarantined: list[tuple] = []     # rows for the quarantine and conflicts tables, written with
        self.conflicts: list[tuple] = []       # the next batch
        self.batches = 0            # flushed since the last commit; a transaction is open when > 0
        self.quarantine_left = QUARANTINE_TOTAL
        self.outcomes: dict[str, str] | None = None   # event id → stored / duplicate / conflict, when asked for

    def run(self, paths, limits: sources.Limits = sources.Limits()) -> Summary:
        from kfield.aggregate.db import verify

        verify(self.db)             # a damaged database is not written into
        try:
            with _no_cycle_collection():
                self._walk(paths, limits)
        except KeyboardInterrupt:
            self.commit()           # the batches already written are whole: keep them
            raise
        return self.summary

    def _walk(self, paths, limits: sources.Limits) -> None:
        for item in sources.walk(paths, limits):
            if isinstance(item, sources.Refused):
                self.summary.refused += 1
                self.summary.issues.append(Issue("refused", item.origin, f"{item.reason}: {item.detail}".rstrip(": ")))
            else:
                self.add_file(item)
            if self.observer:
                self.observer(item.weight)
        self.flush()
        self.commit()

    def begin(self) -> None:
        """Open the transaction the next flush writes into now (the hub reads and writes its own
        tables in it, so a batch and what it claims commit together)."""
        if not self.batches:
            self.db.begin()
            self.batches = 1

    def commit(self) -> None:
        if self.batches:
            self.db.commit()
            self.batches = 0

    def add_file(self, item: sources.LogFile) -> None:
        self.summary.files += 1
        damage = []                 # (line number, reason: a code, then ": " and what exactly)
        for number, event, derived, reason, line in decode(item.data):
            if reason:
                damage.append((number, reason))
                continue
            self.add_event(item.origin, event, derived, line)
        if damage:
            self._quarantine(item, damage)

    def add_event(self, origin: str, event: dict, derived: list, line: bytes) -> str:
        """One decoded event: "" while it waits for the next flush, else "duplicate" or "conflict"
        against an event earlier in this import (`outcomes` says what the flush made of the others)."""
        self.summary.events += 1
        seen = self.pending.get(event["id"])
        if seen is None:
            row = (event["id"], event["visit"], event["type"], event["time"], event["sha256"],
                   line.decode("utf-8").strip(), origin)
            self.pending[event["id"]] = _Pending(row, derived)
            if len(self.pending) >= self.batch_size:
                self.flush()
            return ""
        if seen.sha == event["sha256"]:
            self.summary.duplicate += 1
            return "duplicate"
        self._conflict(event["id"], seen.sha, event["sha256"], origin)
        return "conflict"

    def flush(self) -> None:
        """Write the pending events; commit every COMMIT_EVERY batches (an interruption loses at most
        the uncommitted ones, and the next import finishes the job)."""
        if not (self.pending or self.quarantined or self.conflicts):
            return
        batch, self.pending = self.pending, {}
        if not self.batches:
            self.db.begin()
        try:
            self._write(batch)
        except BaseException:
            self.db.rollback()
            self.batches = 0
            raise
        self.batches += 1
        if self.batches >= COMMIT_EVERY:
            self.commit()

    def _write(self, batch: dict[str, _Pending]) -> None:
        stored = self.db.stored_hashes(list(batch))
        fresh = sorted((p for key, p in batch.items() if key not in stored), key=lambda p: p.row[0])
        for key, old in stored.items():
            if old == batch[key].sha:
                self.summary.duplicate += 1
            else:
                self._conflict(key, old, batch[key].sha, batch[key].row[6])
        if self.outcomes is not None:
            self.outcomes.update((key, "stored") for key in batch if key not in stored)
            self.outcomes.update((key, "duplicate" if old == batch[key].sha else "conflict") for key, old in stored.items())
        self.db.insert_events([p.row for p in fresh])
        derived = _by_kind(fresh)
        for kind, sql in rows.SQL.items():
            self.db.executemany(sql, derived[kind])
        for kind, (table, columns) in rows.APPEND.items():
            self.db.append(table, columns, derived[kind])
        self.db.executemany("INSERT INTO conflicts (id, stored_sha256, new_sha256, source, seen) VALUES (?,?,?,?,?) "
                            "ON CONFLICT DO NOTHING", self.conflicts)
        self.db.executemany("INSERT INTO quarantine (sha256, origin, reason, saved_as, seen) VALUES (?,?,?,?,?) "
                            "ON CONFLICT DO NOTHING", self.quarantined)
        self.quarantined, self.conflicts = [], []
        self.summary.new += len(fresh)

    def _conflict(self, key: str, old: str, new: str, origin: str) -> None:
        self.summary.conflict += 1
        self.summary.issues.append(Issue("conflict", origin, key))
        self.conflicts.append((key, old, new, origin, _now()))

    def _quarantine(self, item: sources.LogFile, damage: list[tuple[int, str]]) -> None:
        """Keep the evidence, bounded: the file up to QUARANTINE_FILE bytes (the rest is named in
        the reason), and nothing more once this import has written QUARANTINE_TOTAL bytes."""
        digest = hashlib.sha256(item.data).hexdigest()
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.origin.replace("\\", "/").split("/")[-1])
        target = self.quarantine_dir / f"{digest[:16]}-{name[-80:]}"
        codes = [f"{number}:{why.partition(':')[0]}" for number, why in damage]   # json, checksum, torn, fields
        reason = " ".join(codes[:20]) + (f" (+{len(codes) - 20})" if len(codes) > 20 else "")
        excerpt = item.data[:min(QUARANTINE_FILE, max(0, self.quarantine_left))]
        lines = "".join(f"line {number}: {why[:200]}\n" for number, why in damage[:100])
        note = f"{item.origin}\n{reason}\nsaved {len(excerpt)} of {len(item.data)} bytes, sha256 {digest}\n{lines}"
        saved = str(target)
        try:                    # through exclusive temporary files: a link at either name is never followed
            self.quarantine_dir.mkdir(parents=True, exist_ok=True)
            atomic.replace(target, excerpt)
            atomic.replace(target.with_name(target.name + ".reason.txt"), note)
            self.quarantine_left -= len(excerpt)
        except (OSError, KfieldError):
            saved = ""          # recorded as not saved (the database row's saved_as is empty); the import goes on
        self.quarantined.append((digest, item.origin, reason, saved, _now()))
        self.summary.quarantined += 1
        self.summary.damaged_lines += len(damage)
        self.summary.issues.append(Issue("quarantined", item.origin, reason))


def decode(data: bytes):
    """(line number, event, derived rows, "" or why the line is refused, the line's bytes) per
    non-blank line: the strict decoding, checksum and schema of store.lines, then the rows the event
    makes (an event whose fields cannot make them is refused as "fields"). `logs import` and the
    hub read every line through this."""
    for number, event, reason, line in store.lines(data):
        derived = None
        if not reason:
            try:
                derived = rows.derive(event)
            except rows.BAD:
                reason = "fields"
        yield number, event, derived, reason, line


def _by_kind(fresh: list[_Pending]) -> dict[str, list[tuple]]:
    """The derived rows of a batch sorted out by table in one pass, each table's in event order."""
    grouped: dict[str, list[tuple]] = {kind: [] for kind in (*rows.SQL, *rows.APPEND)}
    for pending in fresh:
        for kind, row in pending.derived:
            grouped[kind].append(row)
    return grouped


@contextlib.contextmanager
def _no_cycle_collection():
    """Parsed events, rows and batches hold no reference cycles, so reference counting frees them;
    the cyclic collector would only walk the pending batch over and over (a fifth of the import
    time at 100,000 events)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
