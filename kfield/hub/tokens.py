"""Who may send and read: one-time enrolment codes, per-device tokens, revocation.

Everything lives in the hub's aggregation database (tables `hub_*`, next to kfield's own), so a
batch and the visits it claims commit together. Only SHA-256 hashes of codes and tokens are kept:
both are 128-bit random secrets, so a fast hash is enough (nobody can guess one to test against it).
A token reads "<device id>.<secret>": the id finds the row, the secret's hash must match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from kfield.aggregate.db import Database
from kfield.core.errors import UsageError

TABLES = """
CREATE TABLE IF NOT EXISTS hub_devices (id TEXT PRIMARY KEY, role TEXT NOT NULL, member TEXT NOT NULL,
  school TEXT NOT NULL, code_sha256 TEXT NOT NULL UNIQUE, token_sha256 TEXT, invited TEXT NOT NULL,
  expires TEXT NOT NULL, joined TEXT, revoked TEXT);
CREATE TABLE IF NOT EXISTS hub_visits (visit TEXT PRIMARY KEY, device TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_usage (device TEXT NOT NULL, day TEXT NOT NULL, events INTEGER NOT NULL,
  PRIMARY KEY (device, day))
"""
ROLES = ("student", "lecturer")
CODE_DAYS = 7                     # an enrolment code not used within a week expires


@dataclass(frozen=True)
class Device:
    id: str
    role: str
    member: str
    school: str


def create_tables(db: Database) -> None:
    for statement in filter(str.strip, TABLES.split(";")):
        db.execute(statement)


def invite(db: Database, role: str, member: str, school: str, now: dt.datetime | None = None) -> tuple[str, str]:
    """(device id, one-time code) for a new device of `member` (a lecturer: a reading role)."""
    moment = now or _now()
    device, code = secrets.token_hex(4), _code()
    db.execute("INSERT INTO hub_devices (id, role, member, school, code_sha256, invited, expires) VALUES (?,?,?,?,?,?,?)",
               (device, role, member, school, _hash(normal_code(code)), moment.isoformat(), (moment + dt.timedelta(days=CODE_DAYS)).isoformat()))
    return device, code


def join(db: Database, code: str, now: dt.datetime | None = None) -> tuple[Device, str]:
    """The code exchanged for a token, once; a used, expired, revoked or unknown code is refused."""
    moment = (now or _now()).isoformat()
    found = db.query("SELECT id, role, member, school FROM hub_devices WHERE code_sha256 = ? AND token_sha256 IS NULL "
                     "AND revoked IS NULL AND expires > ?", (_hash(normal_code(code)), moment))
    if not found:
        raise UsageError("hub.code_refused")
    device = Device(*found[0])
    secret = secrets.token_urlsafe(24)
    db.execute("UPDATE hub_devices SET token_sha256 = ?, joined = ? WHERE id = ? AND token_sha256 IS NULL",
               (_hash(secret), moment, device.id))
    return device, f"{device.id}.{secret}"


def authenticate(db: Database, token: str) -> Device | None:
    device, _, secret = token.partition(".")
    if not secret or len(token) > 200:
        return None
    found = db.query("SELECT id, role, member, school, token_sha256 FROM hub_devices WHERE id = ? AND revoked IS NULL "
                     "AND token_sha256 IS NOT NULL", (device,))
    if not found or not hmac.compare_digest(found[0][4], _hash(secret)):
        return None
    return Device(*found[0][:4])


def revoke(db: Database, who: str, now: dt.datetime | None = None) -> int:
    """Revoke a device by its id, or every device of a member by name; how many were revoked."""
    moment = (now or _now()).isoformat()
    cursor = db.execute("UPDATE hub_devices SET revoked = ? WHERE revoked IS NULL AND (id = ? OR member = ?)",
                        (moment, who, who))
    return cursor.rowcount


def listing(db: Database) -> list[tuple]:
    return db.query("SELECT id, role, member, school, invited, joined, revoked FROM hub_devices ORDER BY invited")


def normal_code(code: str) -> str:
    """A code as typed: case and the dashes and spaces between its groups do not matter."""
    return "".join(c for c in code.upper() if c.isalnum())


_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"     # no 0/O, 1/I: read aloud or copied from a screen


def _code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(25))     # 125 bits, five groups of five
    return "-".join(raw[i:i + 5] for i in range(0, 25, 5))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
