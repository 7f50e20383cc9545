"""Append-only JSON Lines, one event per line: nothing acknowledged is ever lost.

append() takes a file lock (two kfield processes never interleave), writes one line, flushes
and fsyncs before it returns — the caller reports success only after that. A new file's
directory is fsynced too, so the file itself survives a power cut. Each line carries a
schema version and a SHA-256 of its content. read() keeps every good line; a torn last line
(the process died mid-write) or a damaged line is reported, never fatal.

Reading is bounded and strict: one line at a time (scan() streams a file; a line above MAX_LINE
is skipped in blocks, never held), JSON nested at most MAX_DEPTH deep, no NaN/Infinity or numbers
out of range, no NUL or lone surrogate in any string; then the checksum; then the declared schema
(kfield/visit/events.py). A line failing any of these is damaged with a reason, never an exception.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import io
import itertools
import json
import math
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kfield.core.errors import KfieldError
from kfield.core.files import READ_FLAGS, open_regular  # noqa: F401 - the one opener, kfield.core.files
from kfield.core.result import Message
from kfield.visit import events

SCHEMA_VERSION = 1


MAX_LINE = 16 * 2**20         # bytes in one line (a check report with every evidence is ~50 KB)
MAX_DEPTH = 64                # nesting of lists and objects in one event (kfield writes at most ~8)


class UnreadableLog(KfieldError):
    """A visit log that exists but cannot be opened (permissions, a device error)."""


class StorageError(KfieldError):
    """The data folder cannot take the event (read-only, full, missing, not writable): nothing was
    written, and every event acknowledged before is still on disk."""


@dataclass(frozen=True)
class Damage:
    line: int
    reason: str                   # "torn" (an unfinished last line), "json", "checksum", "fields"
    detail: str = ""              # what exactly (for logs and --json): "data.outcome: missing"


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
    return hashlib.sha256(_CANONICAL.encode(body).encode()).hexdigest()


# json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")), made once, not per event
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def make_event(kind: str, visit: str, data: dict[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
    moment = now or dt.datetime.now(dt.timezone.utc)
    event = {"id": new_id(moment), "time": moment.isoformat(timespec="seconds"), "type": kind,
             "v": SCHEMA_VERSION, "visit": visit, "data": data}
    event["sha256"] = checksum(event)
    return events.check(event)


def append(path: Path, event: dict[str, Any]) -> None:
    """Write one event; a data folder that cannot take it (read-only, full, missing, no permission)
    raises StorageError and leaves every earlier line as it was."""
    with writing(path.parent):
        _append(path, event)


@contextlib.contextmanager
def writing(folder: Path):
    """An OSError while writing into `folder` becomes a StorageError (one line, exit 2)."""
    try:
        yield
    except OSError as exc:
        raise StorageError("visit.storage", path=str(folder), reason=os_reason(exc)) from None


def os_reason(exc: OSError) -> Message:
    """What went wrong, as a catalogue sentence (no errno text reaches a person): what the errno
    means here, where the data folder or a log is concerned, else the general sentence."""
    key = _HERE.get(exc.errno or 0)
    if key:
        return Message(key, {})
    from kfield.core.oserrors import reason

    return reason(exc)


_HERE = {errno.EINVAL: "os.not_a_file", errno.ELOOP: "os.not_a_file", errno.ENOENT: "os.missing",
         errno.ENOTDIR: "os.not_a_folder", errno.EEXIST: "os.not_a_folder"}


def _append(path: Path, event: dict[str, Any]) -> None:
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
    """Every good event of the log and every damaged line (all events in memory: `scan` streams)."""
    return _collect(scan(path))


def parse(raw: bytes) -> Log:
    return _collect(lines(raw))


def _collect(numbered) -> Log:
    events, damage = [], []
    for number, event, reason, _ in numbered:
        if reason:
            damage.append(damaged(number, reason))
        else:
            events.append(event)
    return Log(tuple(events), tuple(damage))


def damaged(number: int, reason: str) -> Damage:
    code, _, detail = reason.partition(":")
    return Damage(number, code, detail.strip())


def scan(path: Path):
    """(line number, event or None, "" or why it is damaged, the line's bytes) per non-blank line,
    read one line at a time: memory is bounded by MAX_LINE, not by the file. No file, no lines."""
    yield from _numbered(_raw_lines_of(path, missing_ok=True))


def pick(path: Path, numbers):
    """The good events on the given lines (ascending line numbers), read again one line at a time:
    the other lines are passed over, not parsed (a line damaged since is left out)."""
    wanted = iter(numbers)
    target = next(wanted, None)
    for number, (chunk, _) in enumerate(_raw_lines_of(path), start=1):
        if target is None:
            return
        if number == target:
            event, reason = parse_line(chunk) if chunk is not None else (None, "json")
            if not reason:
                yield event
            target = next(wanted, None)


def _raw_lines_of(path: Path, missing_ok: bool = False):
    try:
        handle = _open_regular(path)
    except OSError as exc:
        if missing_ok and isinstance(exc, FileNotFoundError):
            return
        raise UnreadableLog("visit.log_unreadable", path=str(path), reason=os_reason(exc)) from None
    with handle:
        yield from _raw_lines(handle)


def _open_regular(path: Path):
    """A log opened for reading: never through a link, never blocking on a FIFO, never a device."""
    handle = open_regular(path)
    if handle is None:
        raise OSError(errno.EINVAL, "not a regular file")
    return handle


def lines(raw: bytes):
    """(line number, event or None, "" or the reason it is damaged, the line's bytes) per non-blank line.
    The reason is a code, optionally followed by ": " and a detail ("fields: data.outcome: missing")."""
    return _numbered(_raw_lines(io.BytesIO(raw)))    # the same reader as a file's (BytesIO shares the bytes)


def _raw_lines(handle):
    """(line bytes or None when longer than MAX_LINE, ended by a newline) per line of an open file;
    the rest of an over-long line is skipped a block at a time, never held."""
    while True:
        chunk = handle.readline(MAX_LINE + 1)
        if not chunk:
            return
        if chunk.endswith(b"\n"):
            yield chunk[:-1], True
            continue
        if len(chunk) <= MAX_LINE:
            yield chunk, False          # the last line, unfinished
            return
        yield None, _skip_rest(handle)


def _skip_rest(handle) -> bool:
    while True:
        block = handle.readline(2**20)
        if not block or block.endswith(b"\n"):
            return bool(block)


def _numbered(raw_lines):
    for number, (chunk, ended) in enumerate(raw_lines, start=1):
        if chunk is None:
            yield number, None, "json: line longer than {} bytes".format(MAX_LINE), b""
            continue
        if not chunk.strip():
            continue
        event, reason = parse_line(chunk)
        yield number, event, ("torn" if reason and not ended else reason), chunk


def parse_line(chunk: bytes) -> tuple[dict | None, str]:
    """The event on one line, or None and why not: "json" (not bounded, strict JSON: too long, too
    deep, NaN/Infinity, NUL or a lone surrogate), "checksum", or "fields" (the schema refuses it)."""
    if len(chunk) > MAX_LINE:
        return None, f"json: line longer than {MAX_LINE} bytes"
    try:
        event = _decode(chunk.decode("utf-8"))
    except RecursionError:
        return None, "json: nested too deep"
    except (UnicodeDecodeError, ValueError) as exc:
        return None, f"json: {str(exc)[:80]}"
    why = _unsafe(chunk, event)
    if why:
        return None, f"json: {why}"
    if not isinstance(event, dict) or event.get("sha256") != checksum(event):
        return None, "checksum"
    why = events.problem(event)
    return (None, f"fields: {why}") if why else (event, "")


def _decode(text: str):
    """json.loads(text, parse_constant=_no_constant, parse_float=_finite), with one decoder made once
    (json.loads builds a new one per call when given options)."""
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text[:20]} is out of range")
    return number


_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)


def _unsafe(chunk: bytes, value) -> str:
    """Nesting beyond MAX_DEPTH, or NUL / a lone surrogate in any string or key. Deep nesting needs
    more than MAX_DEPTH brackets and those characters need \\u escapes, so most lines are passed
    on counting bytes alone."""
    if chunk.count(b"[") + chunk.count(b"{") > MAX_DEPTH and _depth(chunk) > MAX_DEPTH:
        return f"nested deeper than {MAX_DEPTH}"
    if b"\\u" in chunk and any(map(events.bad_text, _strings(value))):
        return "NUL or lone surrogate"
    return ""


_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_NOT_BRACKET = bytes(c for c in range(256) if c not in _STEP)


def _depth(chunk: bytes) -> int:
    """The deepest nesting of a line that decoded: its brackets outside strings, counted in C. The
    line is valid JSON, so once escaped backslashes and escaped quotes are gone, every other quote
    opens or closes a string."""
    outside = b"".join(chunk.replace(b"\\\\", b"").replace(b'\\"', b"").split(b'"')[::2])
    skeleton = outside.translate(None, _NOT_BRACKET)
    return max(itertools.accumulate(map(_STEP.__getitem__, skeleton)), default=0)


def _strings(value):
    """Every string and key inside a decoded value (iterative: the nesting was bounded first)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack += item.keys()
            stack += item.values()
        elif isinstance(item, list):
            stack += item
