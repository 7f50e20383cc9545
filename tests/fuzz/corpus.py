"""A bounded, seeded mutation corpus of damaged and hostile inputs: visit logs, zips and databases.

Each case is built from a seed alone (the same seed gives the same bytes), so a failure found by
the suite or by benchmarks/fuzz.py is replayed with `case(seed)`. A case also says which records
must survive: the original lines that are still whole in the mutated bytes, the events of a clean
sibling folder imported alongside, the members of a zip that hostile entries were only added to.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kfield.visit import store

T0 = dt.datetime(2026, 11, 24, 1, tzinfo=dt.timezone.utc)

# Values put into fields (with a valid checksum): wrong types, bounds, NUL, surrogates, nesting.
VALUES = (None, 0, -1, 10**30, 1.5, True, "", "\x00", "a\ud800b", [], {}, "x" * 300, [1, "a"], {"a": {"b": []}},
          ["Lan", 3], "2026-13-45T99:00:00+00:00", "\x1b[2J<script>alert(1)</script>", "\r=1+1", "fixed")

# Whole lines no kfield writes: deep nesting, non-finite numbers, bad UTF-8, binary, giant numbers.
HOSTILE_LINES = (b"[" * 100_000, b"{" * 50_000, b'{"province": Infinity}', b'{"x": NaN}', b'{"x": -1e999}',
                 b'{"n": 1' + b"0" * 5000 + b"}", b"\xff\xfe\x00\x01", b"\x00" * 64, b'"just a string"', b"[]",
                 b'{"id": "\\ud800"}', b"null", b'{"a":' * 70 + b"1" + b"}" * 70)


@dataclass
class Case:
    kind: str
    seed: int
    data: bytes                                   # the log, the zip or the database file
    must_keep: set[str] = field(default_factory=set)   # event ids that must be read/imported
    sibling: list[dict] = field(default_factory=list)  # a clean log imported alongside (zips, databases)
    mutation: str = ""


def good_visit(rng: random.Random, code: int = 22333, events: int = 10) -> list[dict]:
    start_at = T0 + dt.timedelta(days=rng.randint(0, 300), seconds=rng.randint(0, 86_000))
    visit = store.new_id(start_at)
    start = store.make_event("start", visit, {"commune_code": code, "commune": "Phường Bắc Nha Trang",
                                              "members": ["Trần Thị Bình", "Lê Văn Cường"], "school": "NTU",
                                              "team": "Tổ 5", "province": 56}, start_at)
    start["id"] = visit
    start["sha256"] = store.checksum(start)
    out = [start]
    for i in range(1, events):
        out.append(store.make_event(*_event(rng, i), start_at + dt.timedelta(minutes=i)))
        out[-1]["visit"] = visit
        out[-1]["sha256"] = store.checksum(out[-1])
    out.append(store.make_event("end", visit, {}, start_at + dt.timedelta(hours=3)))
    return out


def _event(rng: random.Random, i: int):
    kind = rng.choice(("note", "problem", "task", "train", "check_run"))
    data = {"note": {"text": f"Ghi chú {i}: phòng một cửa mất mạng"},
            "problem": {"text": f"Sự cố {i}", "system": "signing", "outcome": rng.choice(("fixed", "pending"))},
            "task": {"task": "internet", "system": "network"},
            "train": {"topic": "VNeID", "officials": rng.randint(0, 40)},
            "check_run": {"profile": "office", "hostname": "PC-01", "started": "2026-11-24T08:00:00+00:00",
                          "results": [{"check_id": c, "status": rng.choice(("ok", "fail")),
                                       "summary": {"key": "x", "params": {}}} for c in ("PC001", "LAN002")],
                          "verdict": {"place": "isp_uplink"}}}[kind]
    return kind, "v", data


def checksum(event: dict) -> str:
    """store.checksum, also over lone surrogates (a hostile writer can compute it; kfield never has to)."""
    import hashlib

    body = {k: v for k, v in event.items() if k != "sha256"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def line(event: dict) -> bytes:
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def log_bytes(events: list[dict]) -> bytes:
    return b"".join(line(e) + b"\n" for e in events)


# ---- visit logs -------------------------------------------------------------------------------

def log_case(seed: int) -> Case:
    rng = random.Random(seed)
    events = good_visit(rng, events=rng.randint(3, 14))
    lines = [line(e) for e in events]
    names = []
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(tuple(_LOG_MUTATIONS))
        lines = _LOG_MUTATIONS[name](rng, lines)
        names.append(name)
    raw = b"\n".join(lines) + (b"\n" if rng.random() < 0.9 else b"")
    return Case("log", seed, raw, intact_ids(raw, events), mutation="+".join(names))


def intact_ids(raw: bytes, events: list[dict]) -> set[str]:
    """Ids of the original events whose line is still whole (a line of its own, byte for byte)."""
    original = {line(e): e["id"] for e in events}
    pieces = (piece.rstrip(b"\r") for piece in raw.split(b"\n"))    # a CRLF editor's line is still whole
    return {original[piece] for piece in pieces if piece in original}


def _refield(rng: random.Random, lines: list[bytes]) -> list[bytes]:
    """One field of one event gets a wrong value (or goes missing); the checksum is made valid."""
    at = rng.randrange(len(lines))
    try:
        event = json.loads(lines[at])
    except (ValueError, RecursionError):
        return lines
    if not isinstance(event, dict):
        return lines
    target = event["data"] if rng.random() < 0.7 and isinstance(event.get("data"), dict) else event
    keys = [k for k in target if k != "sha256"] or ["x"]
    key = rng.choice(keys + ["extra"])
    if rng.random() < 0.2:
        target.pop(key, None)
    else:
        target[key] = rng.choice(VALUES)
    event["sha256"] = checksum(event)
    return lines[:at] + [json.dumps(event).encode()] + lines[at + 1:]      # ASCII: \ud800 stays an escape


def _flip(rng, lines):
    at = rng.randrange(len(lines))
    chunk = bytearray(lines[at])
    if chunk:
        chunk[rng.randrange(len(chunk))] ^= 1 << rng.randrange(8)
    return lines[:at] + [bytes(chunk)] + lines[at + 1:]


def _cut(rng, lines):
    at = rng.randrange(len(lines))
    return lines[:at] + [lines[at][:rng.randrange(len(lines[at]) + 1)]] + lines[at + 1:]


def _join(rng, lines):
    if len(lines) < 2:
        return lines
    at = rng.randrange(len(lines) - 1)
    return lines[:at] + [lines[at] + lines[at + 1]] + lines[at + 2:]


_LOG_MUTATIONS = {
    "refield": _refield,
    "flip": _flip,
    "cut": _cut,
    "join": _join,
    "hostile": lambda rng, lines: _insert(rng, lines, rng.choice(HOSTILE_LINES)),
    "garbage": lambda rng, lines: _insert(rng, lines, rng.randbytes(rng.randint(1, 300))),
    "duplicate": lambda rng, lines: _insert(rng, lines, rng.choice(lines)),
    "drop": lambda rng, lines: [x for i, x in enumerate(lines) if i != rng.randrange(len(lines))] or lines,
    "no_start": lambda rng, lines: lines[1:] or lines,
    "crlf": lambda rng, lines: [x + b"\r" for x in lines],
}


def _insert(rng, lines, extra: bytes):
    at = rng.randrange(len(lines) + 1)
    return lines[:at] + [extra] + lines[at:]


# ---- zips -------------------------------------------------------------------------------------

def zip_case(seed: int) -> Case:
    rng = random.Random(seed)
    visits = [good_visit(rng, 22333 + i, rng.randint(3, 8)) for i in range(rng.randint(1, 3))]
    sibling = good_visit(rng, 22366, 5)
    members = {f"visits/{v[0]['id']}.jsonl": log_bytes(v) for v in visits}
    if rng.random() < 0.3:
        inner = good_visit(rng, 22400, 4)
        members["chat/inner.zip"] = _zip({f"visits/{inner[0]['id']}.jsonl": log_bytes(inner)})
        visits.append(inner)
    if rng.random() < 0.5:
        name = rng.choice(tuple(_ADDED))
        data = _ADDED[name](rng, members)
        keep = {e["id"] for v in visits for e in v}
        return Case("zip", seed, data, keep, sibling, mutation=f"added:{name}")
    name = rng.choice(tuple(_DAMAGE))
    return Case("zip", seed, _DAMAGE[name](rng, _zip(members)), set(), sibling, mutation=f"damaged:{name}")


def _zip(members: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2026, 11, 24, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = (0o120777 << 16)
            archive.writestr(info, data)
    return buffer.getvalue()


def _with(members, extra: dict[str, bytes], links=()) -> bytes:
    return _zip({**members, **extra}, links)


_ADDED = {   # hostile entries added to a good archive: the good members must still be imported
    "traversal": lambda rng, m: _with(m, {rng.choice(("../../etc/x.jsonl", "/abs.jsonl", "C:/w.jsonl",
                                                      "a/../../b.jsonl")): b"{}\n"}),
    "link": lambda rng, m: _with(m, {"visits/shadow.jsonl": b"/etc/shadow"}, links=("visits/shadow.jsonl",)),
    "bomb": lambda rng, m: _with(m, {"visits/big.jsonl": b"\x00" * rng.choice((3, 8)) * 2**20}),
    "deep": lambda rng, m: _with(m, {"a.zip": _zip({"b.zip": _zip({"c.zip": _zip({"x.jsonl": b"{}\n"})})})}),
    "garbage_member": lambda rng, m: _with(m, {"visits/junk.jsonl": rng.randbytes(2000)}),
    "bad_inner_zip": lambda rng, m: _with(m, {"chat/bad.zip": b"PK\x03\x04" + rng.randbytes(500)}),
    "hostile_log": lambda rng, m: _with(m, {"visits/hostile.jsonl": b"\n".join(HOSTILE_LINES[:6]) + b"\n"}),
}


def _flip_zip(rng, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def _eocd(rng, raw: bytes) -> bytes:
    data = bytearray(raw)
    at = data.rfind(b"PK\x05\x06")
    field_at = at + rng.choice((8, 10, 12, 16))
    width = 2 if field_at < at + 12 else 4
    data[field_at:field_at + width] = rng.choice((0, 1, 0xFFFF, 0xFFFFFFFF, rng.randrange(2**16))).to_bytes(
        8, "little")[:width]
    return bytes(data)


def _overlap(rng, raw: bytes) -> bytes:
    start, end = raw.find(b"PK\x01\x02"), raw.rfind(b"PK\x05\x06")
    entry_end = raw.find(b"PK\x01\x02", start + 4)
    entry = raw[start:entry_end if 0 < entry_end < end else end]
    copies = rng.choice((2, 50, 400))
    tail = bytearray(raw[end:])
    count = int.from_bytes(tail[10:12], "little") + copies
    tail[8:10] = tail[10:12] = min(count, 0xFFFF).to_bytes(2, "little")
    tail[12:16] = (end - start + len(entry) * copies).to_bytes(4, "little")
    return raw[:end] + entry * copies + bytes(tail)


_DAMAGE = {   # the archive itself damaged: the sibling folder's events must still be imported
    "flip": _flip_zip,
    "truncate": lambda rng, raw: raw[:rng.randrange(len(raw))],
    "eocd": _eocd,
    "overlap": _overlap,
    "prefix": lambda rng, raw: rng.randbytes(rng.randint(1, 100)) + raw,
    "not_a_zip": lambda rng, raw: b"PK\x05\x06" + rng.randbytes(rng.randint(0, 40)),
}


# ---- databases -------------------------------------------------------------------------------

def db_case(seed: int, base: bytes) -> Case:
    """`base` is a SQLite database file that holds imported events (see base_database)."""
    rng = random.Random(seed)
    sibling = good_visit(rng, 22366, 6)
    name = rng.choice(tuple(_DB_DAMAGE))
    return Case("db", seed, _DB_DAMAGE[name](rng, base), set(), sibling, mutation=name)


def base_database(folder: Path) -> bytes:
    from kfield.aggregate import db as dbmod
    from kfield.aggregate.importer import Importer

    rng = random.Random(0)
    (folder / "stick").mkdir(parents=True)
    for i in range(12):
        events = good_visit(rng, 22333 + i, 8)
        (folder / "stick" / f"{events[0]['id']}.jsonl").write_bytes(log_bytes(events))
    database = dbmod.connect(str(folder / "base.sqlite3"))
    Importer(database, folder / "q").run([folder / "stick"])
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.execute("PRAGMA journal_mode=DELETE")
    database.close()
    return (folder / "base.sqlite3").read_bytes()


def _flip_pages(rng, raw: bytes) -> bytes:
    data = bytearray(raw)
    page = 16384
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(data)) if rng.random() < 0.5 else rng.randrange(len(data) // page) * page + rng.randrange(
            200)
        data[at] ^= 1 << rng.randrange(8)
    return bytes(data)


def _sql(statements: str):
    def apply(rng, raw: bytes) -> bytes:
        import os
        import tempfile

        fd, name = tempfile.mkstemp(suffix=".sqlite3")
        try:
            os.write(fd, raw)
            os.close(fd)
            conn = sqlite3.connect(name)
            conn.executescript(statements)
            conn.commit()
            conn.close()
            return Path(name).read_bytes()
        finally:
            Path(name).unlink(missing_ok=True)
    return apply


_DB_DAMAGE = {
    "flip": _flip_pages,
    "truncate": lambda rng, raw: raw[:rng.randrange(len(raw))],
    "zero_page": lambda rng, raw: raw[:16384 * (n := rng.randrange(1, max(2, len(raw) // 16384)))] + bytes(16384)
    + raw[16384 * (n + 1):],
    "header": lambda rng, raw: rng.randbytes(100) + raw[100:],
    "garbage": lambda rng, raw: rng.randbytes(rng.randint(0, 50_000)),
    "wrong_columns": _sql("DROP TABLE visits; CREATE TABLE visits (id TEXT PRIMARY KEY, name TEXT);"),
    "newer_version": _sql("UPDATE meta SET value = '2' WHERE key = 'schema';"),
    "dropped_table": _sql("DROP TABLE problems;"),
    "text_in_numbers": _sql("UPDATE visits SET commune_code = 'x', started_s = 'y';"),
    "rows_deleted": _sql("DELETE FROM events WHERE rowid % 3 = 0;"),
}
