"""The laptop's side: join a hub, and the outbox that drains the visit logs into it.

The visit logs themselves are the queue: nothing about how events are written changes. For each
log file the outbox keeps a cursor (`outbox/cursors.json` in the data folder): the bytes the hub
has answered for, with the file's identity (device, inode and a hash of its first bytes); a file
that is not the one the cursor was made for is sent again from the start, which the hub answers
with duplicates. Only whole lines are sent (an unfinished last line waits). A batch the hub
answered is acknowledged (stored, duplicate, conflict or refused with a reason); the cursor moves
only then, and is written atomically, so a push killed at any moment resends at most one batch.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import os
import random
import socket
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from kfield.core.errors import KfieldError, UsageError

HEAD = 256                       # bytes of a file's start that identify it
BATCH_LINES = 500
BATCH_BYTES = 2**20


class HubUnreachable(KfieldError):
    """The hub did not answer or asked to wait: what is queued stays queued (exit 1)."""

    exit_code = 1


@dataclass(frozen=True)
class Joined:
    url: str
    fingerprint: str              # lowercase hex SHA-256 of the certificate ("" for plain HTTP on loopback)
    token: str
    device: str
    member: str
    role: str


def outbox_dir() -> Path:
    from kfield.core.paths import data_dir

    return data_dir() / "outbox"


def load_joined() -> Joined | None:
    try:
        return Joined(**json.loads((outbox_dir() / "hub.json").read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (ValueError, TypeError):
        raise UsageError("hub.joined_damaged", path=str(outbox_dir() / "hub.json")) from None


def save_joined(joined: Joined) -> Path:
    path = outbox_dir() / "hub.json"
    _write_atomic(path, json.dumps(vars(joined), indent=2).encode(), private=True)
    return path


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port); plain HTTP only to a loopback address."""
    parts = urlsplit(url.strip())
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if parts.scheme not in ("https", "http") or not host:
        raise UsageError("hub.bad_url", url=url)
    if parts.scheme == "http" and not _loopback(host):
        raise UsageError("hub.plain_http", url=url)
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Connection:
    """One keep-alive connection to the hub; on HTTPS the certificate must have the pinned fingerprint
    (none pinned: it is read, for `join` to pin)."""

    def __init__(self, url: str, fingerprint: str = "", timeout: float = 10.0) -> None:
        self.scheme, self.host, self.port = check_url(url)
        self.fingerprint, self.timeout, self.conn = fingerprint, timeout, None
        self.seen = ""

    def _open(self):
        if self.scheme == "http":
            conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            conn.connect()
            return conn
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE    # trust is the pinned fingerprint
        conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=context)
        conn.connect()
        self.seen = hashlib.sha256(conn.sock.getpeercert(binary_form=True)).hexdigest()
        if self.fingerprint and self.seen != self.fingerprint:
            conn.close()
            from kfield.hub.tls import pretty

            raise UsageError("hub.fingerprint_mismatch", seen=pretty(self.seen), pinned=pretty(self.fingerprint))
        return conn

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> tuple[int, dict, dict]:
        """(status, headers, JSON answer); OSError / http.client errors when the hub is not reachable."""
        reused = self.conn is not None
        if self.conn is None:
            self.conn = self._open()
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
            raw = response.read(8 * 2**20)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.close()
            if not reused:
                raise
            return self.request(method, path, body, headers)     # the hub closed an idle connection: once more
        except BaseException:
            self.close()
            raise
        try:
            answer = json.loads(raw) if raw else {}
        except ValueError:
            answer = {}
        return response.status, {k.lower(): v for k, v in response.getheaders()}, answer if isinstance(answer, dict) else {}

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


TRANSIENT = (OSError, http.client.HTTPException, socket.timeout)


def join(url: str, code: str, fingerprint: str = "", timeout: float = 15.0) -> Joined:
    from kfield.hub.tls import normal

    connection = Connection(url, normal(fingerprint), timeout)
    try:
        status, _, answer = connection.request("POST", "/v1/join", json.dumps({"code": code}).encode(),
                                               {"Content-Type": "application/json"})
    except TRANSIENT as exc:
        raise UsageError("hub.join_unreachable", url=url) from None
    finally:
        connection.close()
    if status != 200 or not isinstance(answer.get("token"), str):
        raise UsageError("hub.code_refused")
    return Joined(url.rstrip("/"), connection.seen, answer["token"], str(answer.get("device", "")),
                  str(answer.get("member", "")), str(answer.get("role", "")))


def note_attempt(why: str = "") -> None:
    """The last push's time and, if it failed, why (a catalogue key): `logs status` shows them."""
    import datetime as dt

    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    state = {**load_state(), "last_try": now, "why": why}
    if not why:
        state["last_sent"] = now
    _write_atomic(outbox_dir() / "state.json", json.dumps(state).encode())


def load_state() -> dict:
    try:
        state = json.loads((outbox_dir() / "state.json").read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


# --- cursors -------------------------------------------------------------------------------------


@dataclass
class Cursor:
    offset: int = 0
    dev: int = 0
    ino: int = 0
    head: str = ""
    head_len: int = 0
    refused: dict = field(default_factory=dict)      # reason → lines the hub refused


def load_cursors() -> dict[str, Cursor]:
    try:
        raw = json.loads((outbox_dir() / "cursors.json").read_text(encoding="utf-8"))
        return {name: Cursor(**value) for name, value in raw.items()}
    except FileNotFoundError:
        return {}
    except (ValueError, TypeError, AttributeError):
        return {}                    # a damaged cursor file: everything is sent again, the hub de-duplicates


def save_cursors(cursors: dict[str, Cursor]) -> None:
    _write_atomic(outbox_dir() / "cursors.json", json.dumps({k: vars(v) for k, v in cursors.items()}).encode())


def _identity(handle, cursor: Cursor | None) -> Cursor:
    """The cursor if it was made for this file, else a fresh one."""
    info = os.fstat(handle.fileno())
    handle.seek(0)
    head = handle.read(HEAD)
    fresh = Cursor(0, info.st_dev, info.st_ino, hashlib.sha256(head).hexdigest(), len(head))
    if cursor is None or (cursor.dev, cursor.ino) != (info.st_dev, info.st_ino) or cursor.offset > info.st_size:
        return fresh
    if hashlib.sha256(head[:cursor.head_len]).hexdigest() != cursor.head:
        return fresh
    if cursor.head_len < HEAD and len(head) > cursor.head_len:          # the file grew: identify it by more
        cursor.head, cursor.head_len = fresh.head, fresh.head_len
    return cursor


def logs() -> list[Path]:
    from kfield.visit.visits import visits_dir

    folder = visits_dir()
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".jsonl" and not p.is_symlink())
    except FileNotFoundError:
        return []


def _open(path: Path):
    from kfield.visit.store import open_regular

    try:
        return open_regular(path)
    except OSError:
        return None


def waiting() -> dict[str, int]:
    """Log file name → whole lines not yet answered by the hub."""
    cursors, found = load_cursors(), {}
    for path in logs():
        handle = _open(path)
        if handle is None:
            continue
        with handle:
            cursor = _identity(handle, cursors.get(path.name))
            handle.seek(cursor.offset)
            found[path.name] = sum(1 for line in handle if line.endswith(b"\n") and line.strip())
    return found


def next_batch(handle, offset: int, lines: int, size: int) -> tuple[bytes, int]:
    """(whole lines from `offset`, at most `lines` of them and `size` bytes; bytes to skip when the
    first line alone is larger than `size`)."""
    handle.seek(offset)
    chunk = handle.read(size)
    end = chunk.rfind(b"\n")
    if end < 0:
        if len(chunk) < size:
            return b"", 0                 # nothing whole yet
        skipped = len(chunk)              # a line longer than a batch: it cannot go to the hub
        while True:
            block = handle.read(2**20)
            if not block:
                return b"", 0             # and it is not even finished: wait
            cut = block.find(b"\n")
            if cut >= 0:
                return b"", skipped + cut + 1
            skipped += len(block)
    batch, cut = chunk[:end + 1], -1
    for _ in range(lines):
        cut = batch.find(b"\n", cut + 1)
        if cut < 0:
            return batch, 0
    return batch[:cut + 1], 0


# --- push ----------------------------------------------------------------------------------------


@dataclass
class Pushed:
    batches: int = 0
    stored: int = 0
    duplicate: int = 0
    conflict: int = 0
    refused: int = 0
    too_big: int = 0
    waiting: int = 0

    def to_dict(self) -> dict:
        return dict(vars(self))


@dataclass
class Backoff:
    """Waits between attempts: 1, 2, 4… seconds with jitter, never more than `cap`."""

    attempts: int = 4
    base: float = 1.0
    cap: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, asked: float = 0.0) -> float:
        return min(self.cap, max(asked, self.base * 2**attempt) * random.uniform(0.8, 1.0))


def push(joined: Joined, backoff: Backoff = Backoff(), timeout: float = 10.0, lines: int = BATCH_LINES,
         size: int = BATCH_BYTES, observer: Callable[[Pushed], None] | None = None) -> Pushed:
    """Send every whole line the hub has not answered; HubUnreachable (with what still waits) when
    the hub cannot be reached after the attempts."""
    connection = Connection(joined.url, joined.fingerprint, timeout)
    done = Pushed()
    cursors = load_cursors()
    try:
        for path in logs():
            _push_file(connection, joined, path, cursors, done, backoff, lines, size, observer)
    except HubUnreachable as unreachable:
        why = unreachable.message.params["why"]
        raise HubUnreachable("hub.push.later", count=sum(waiting().values()), why=why) from None
    finally:
        connection.close()
    done.waiting = sum(waiting().values())
    return done


def _push_file(connection, joined, path, cursors, done, backoff, lines, size, observer) -> None:
    handle = _open(path)
    if handle is None:
        return
    with handle:
        cursor = _identity(handle, cursors.get(path.name))
        cursors[path.name] = cursor
        while True:
            batch, skip = next_batch(handle, cursor.offset, lines, size)
            if skip:
                cursor.offset += skip
                done.too_big += 1
                save_cursors(cursors)
                continue
            if not batch:
                return
            answer, taken = _send(connection, joined, batch, backoff)
            cursor.offset += taken
            _count(answer, done, cursor)
            save_cursors(cursors)
            if observer:
                observer(done)


def _send(connection, joined, batch, backoff) -> tuple[dict, int]:
    """(the hub's answer, bytes it answered for); halves a batch the hub finds too large."""
    headers = {"Authorization": f"Bearer {joined.token}", "Content-Type": "application/x-ndjson"}
    attempt = 0
    while True:
        try:
            status, answer_headers, answer = connection.request("POST", "/v1/events", batch, headers)
        except TRANSIENT:
            status, answer_headers, answer = 0, {}, {}
        if status == 200 and isinstance(answer.get("lines"), list):
            return answer, len(batch)
        if status == 401:
            raise UsageError("hub.push.token_refused")
        if status == 403:
            raise UsageError("hub.push.not_student")
        if status == 413 and batch.count(b"\n") > 1:
            half = batch.count(b"\n") // 2
            batch = b"".join(batch.splitlines(keepends=True)[:half])
            continue
        if attempt + 1 >= backoff.attempts:
            raise HubUnreachable("hub.push.later", count=0, why=WHY.get(status, "hub.why.server"))
        asked = answer_headers.get("retry-after", "")
        backoff.sleep(backoff.delay(attempt, float(asked) if asked.isdigit() else 0.0))
        attempt += 1


WHY = {0: "hub.why.network", 429: "hub.why.busy", 408: "hub.why.slow"}    # else the hub's own error (5xx)


def _count(answer: dict, done: Pushed, cursor: Cursor) -> None:
    done.batches += 1
    for line in answer["lines"]:
        status = line.get("status") if isinstance(line, dict) else None
        if status in ("stored", "duplicate", "conflict", "refused"):
            setattr(done, status, getattr(done, status) + 1)
        if status == "refused":
            reason = str(line.get("reason", ""))[:40]
            cursor.refused[reason] = cursor.refused.get(reason, 0) + 1


def _write_atomic(path: Path, data: bytes, private: bool = False) -> None:
    """The hub's own small files (the join, the outbox state and cursors): whole, or the old one kept."""
    from kfield.core import atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.replace(path, data, mode=0o600 if private else 0o644)
