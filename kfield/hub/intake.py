"""One batch of visit-log lines from one device into the database, in one transaction.

Lines go through the importer's own reader (`importer.decode`: strict JSON, checksum, schema, the
rows each event makes) and its de-duplication (`Importer.add_event`, `flush`), so the hub and
`logs import` store exactly the same things. On top, the hub checks who sends: a visit belongs to
the device that sent its `start` event, whose first member must be the device's member and whose
school must be the device's school; every other event must belong to a visit of that device.
The answer is committed before it is returned: acknowledged means stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kfield.aggregate.db import Database
from kfield.aggregate.importer import Importer, decode
from kfield.hub.tokens import Device

STATUSES = ("stored", "duplicate", "conflict", "refused")
# refused: json, checksum, torn, fields (damaged, as logs import says), not_yours, unknown_visit


class OverQuota(Exception):
    """The device's events for today would pass the daily limit: nothing of the batch is stored."""


@dataclass(frozen=True)
class Answer:
    line: int
    id: str
    status: str
    reason: str = ""

    def to_dict(self) -> dict:
        return {"line": self.line, "id": self.id, "status": self.status, **({"reason": self.reason} if self.reason else {})}


def accept(db: Database, device: Device, data: bytes, daily: int, now: dt.datetime | None = None) -> list[Answer]:
    day = (now or dt.datetime.now(dt.timezone.utc)).date().isoformat()
    importer = Importer(db, Path("."), batch=10**9)     # one flush per batch; nothing here is quarantined
    importer.outcomes = {}
    importer.begin()
    try:
        answers, claims = _read(db, importer, device, data)
        _count(db, device, day, sum(1 for a in answers if a.id), daily)
        importer.flush()
        db.executemany("INSERT INTO hub_visits (visit, device) VALUES (?,?) ON CONFLICT DO NOTHING",
                       [(visit, device.id) for visit in claims])
    except BaseException:
        db.rollback()
        raise
    importer.commit()
    return [a if a.status else Answer(a.line, a.id, importer.outcomes[a.id]) for a in answers]


def _read(db: Database, importer: Importer, device: Device, data: bytes) -> tuple[list[Answer], set[str]]:
    owners: dict[str, str | None] = {}
    claims: set[str] = set()
    answers = []
    for number, event, derived, reason, line in decode(data):
        if not reason:
            reason = _whose(db, owners, claims, device, event)
        if reason:
            answers.append(Answer(number, "", "refused", reason.partition(":")[0]))
            continue
        answers.append(Answer(number, event["id"], importer.add_event(f"hub:{device.id}", event, derived, line)))
    return answers, claims


def _whose(db: Database, owners: dict, claims: set, device: Device, event: dict) -> str:
    visit = event["visit"]
    if visit not in owners:
        found = db.query("SELECT device FROM hub_visits WHERE visit = ?", (visit,))
        owners[visit] = found[0][0] if found else None
    owner = owners[visit]
    if owner is not None:
        return "" if owner == device.id else "not_yours"
    if event["type"] != "start":
        return "unknown_visit"
    data = event["data"]
    members = data.get("members") or []
    if not members or members[0] != device.member or (data.get("school") or "") != device.school:
        return "not_yours"
    owners[visit] = device.id
    claims.add(visit)
    return ""


def _count(db: Database, device: Device, day: str, events: int, daily: int) -> None:
    found = db.query("SELECT events FROM hub_usage WHERE device = ? AND day = ?", (device.id, day))
    used = found[0][0] if found else 0
    if used + events > daily:
        raise OverQuota(used)
    db.execute("INSERT INTO hub_usage (device, day, events) VALUES (?,?,?) ON CONFLICT (device, day) "
               "DO UPDATE SET events = hub_usage.events + excluded.events", (device.id, day, events))
