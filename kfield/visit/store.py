"""Append-only JSON Lines, one event per line: nothing acknowledged is ever lost.

append() takes a file lock (two kfield processes never interleave), writes one line, flushes
and fsyncs before it returns — the caller reports success only after that. A new file's
directory is fsynced too, so the file itself survives a power cut. Each line carries a
schema version and a SHA-256 of its content. read() keeps every good line; a torn last line
(the process died mid-write) or a damaged line is reported, never fatal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Damage:
    line: int
    reason: str                   # "torn" (an unfinished last line), "json", "checksum"


@dataclass(frozen=True)
class Log:
    events: tuple[dict, ...]
    damage: tuple[Damage, ...] = field(default_factory=tuple)


def new_id(now: dt.datetime | None = None) -> str:
    """Sortable by time to the microsecond: 20261124T171530.123456Z-4f9a2c."""
    moment = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{moment}-{secrets.token_hex(3)}"


def checksum(event: dict[str, Any]) -> str:
    body = {k: v for k, v in event.items() if k != "sha256"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def make_event(kind: str, visit: str, data: dict[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
    moment = now or dt.datetime.now(dt.timezone.utc)
    event = {"id": new_id(moment), "time": moment.isoformat(timespec="seconds"), "type": kind,
             "v": SCHEMA_VERSION, "visit": visit, "data": data}
    event["sha256"] = checksum(event)
    return event


def append(path: Path, event: dict[str, Any]) -> None:
    from filelock import FileLock

    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
    with FileLock(str(path) + ".lock", timeout=30):
        created = not path.exists()
        _repair_tail(path)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        if created:
            _fsync_dir(path.parent)


def _repair_tail(path: Path) -> None:
    """A line torn by a crash must not swallow the next event: end it with a newline first."""
    try:
        with open(path, "rb+") as handle:
            if handle.seek(0, os.SEEK_END) == 0:
                return
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                handle.write(b"\n")
                handle.flush()
                os.fsync(handle.fileno())
    except FileNotFoundError:
        pass


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; NTFS journals the entry
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path: Path) -> Log:
    return parse(path.read_bytes() if path.exists() else b"")


def parse(raw: bytes) -> Log:
    events, damage = [], []
    for number, event, reason, _ in lines(raw):
        if reason:
            damage.append(Damage(number, reason))
        else:
            events.append(event)
    return Log(tuple(events), tuple(damage))


def lines(raw: bytes):
    """(line number, event or None, "" or the reason it is damaged, the line's bytes) per non-blank line."""
    chunks = raw.split(b"\n")
    for number, chunk in enumerate(chunks, start=1):
        if not chunk.strip():
            continue
        event, reason = parse_line(chunk)
        yield number, event, ("torn" if reason and number == len(chunks) else reason), chunk   # torn: no newline


def parse_line(chunk: bytes) -> tuple[dict | None, str]:
    try:
        event = json.loads(chunk.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, "json"
    if not isinstance(event, dict) or event.get("sha256") != checksum(event):
        return None, "checksum"
    return event, ""
