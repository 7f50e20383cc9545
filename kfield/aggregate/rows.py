"""Facts derived from one event, as rows for the report tables; a malformed event raises.

Events are checked against the declared schema (kfield/visit/events.py) first (by store.lines, or
here with checked=False): an event whose
fields cannot make its rows (a start without a commune code, a problem with an unknown outcome,
officials that are not a number) is a damaged line, quarantined with its file, never half-imported.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from kfield.core import pcid
from kfield.formats.when import VIETNAM      # report days are Vietnam days (UTC+7, no daylight saving)
from kfield.visit.events import problem
from kfield.visit.model import OUTCOMES

BAD = (KeyError, TypeError, ValueError, AttributeError)
STATUSES = ("ok", "warn", "fail", "skip", "error")

# Facts written once per new event (the events key already makes each event derived once): plain
# appends, which the database takes as one stream (COPY on PostgreSQL), not a statement per row.
APPEND = {
    "train": ("trainings", ("event", "visit", "topic", "officials")),
    "task": ("tasks", ("event", "visit", "task", "system")),
    "check_run": ("check_runs", ("event", "visit", "time", "verdict", "pc_id", "host", "os", "statuses")),
    "failure": ("check_failures", ("event", "visit", "check_id", "status")),
}
_START_COLUMNS = ("province", "commune_code", "commune", "school", "team", "members", "started", "started_s", "day")
SQL = {
    "start": f"INSERT INTO visits (id, {', '.join(_START_COLUMNS)}) VALUES ({','.join('?' * 10)}) "
             f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _START_COLUMNS)}",
    "end": "INSERT INTO visits (id, ended, ended_s) VALUES (?,?,?) "
           "ON CONFLICT (id) DO UPDATE SET ended = excluded.ended, ended_s = excluded.ended_s",
    "member": "INSERT INTO visit_members (visit, member) VALUES (?,?) ON CONFLICT DO NOTHING",
    "problem": "INSERT INTO problems (visit, problem, system, outcome, text, event) VALUES (?,?,?,?,?,?) "
               "ON CONFLICT (visit, problem) DO UPDATE SET "
               "outcome = CASE WHEN excluded.event > problems.event THEN excluded.outcome ELSE problems.outcome END, "
               "system = CASE WHEN excluded.system <> '' AND (excluded.event > problems.event OR problems.system = '') "
               "THEN excluded.system ELSE problems.system END, "
               "text = CASE WHEN excluded.text <> '' AND (excluded.event > problems.event OR problems.text = '') "
               "THEN excluded.text ELSE problems.text END, "
               "event = CASE WHEN excluded.event > problems.event THEN excluded.event ELSE problems.event END",
    "cancel": "INSERT INTO cancellations (visit, time, reason) VALUES (?,?,?) ON CONFLICT (visit) DO NOTHING",
}


def envelope(event: dict[str, Any], checked: bool = True) -> dt.datetime:
    """The event's moment; ValueError if the schema refuses the event (`checked`: store.lines, the
    importer's reader, checked it already)."""
    why = None if checked else problem(event)
    if why:
        raise ValueError(why)
    return dt.datetime.fromisoformat(event["time"])


def derive(event: dict[str, Any], checked: bool = True) -> list[tuple[str, tuple]]:
    moment = envelope(event, checked)
    return _DERIVE.get(event["type"], lambda e, d, m: [])(event, event["data"], moment)


def _start(event, data, moment) -> list[tuple[str, tuple]]:
    members = [str(m) for m in data.get("members") or []]
    row = (event["visit"], int(data.get("province", 56)), int(data["commune_code"]), str(data["commune"]),
           str(data.get("school") or ""), str(data.get("team") or ""), json.dumps(members, ensure_ascii=False),
           event["time"], moment.timestamp(), moment.astimezone(VIETNAM).date().isoformat())
    return [("start", row), *(("member", (event["visit"], m)) for m in dict.fromkeys(members))]


def _problem(event, data, moment) -> list[tuple[str, tuple]]:
    if data["outcome"] not in OUTCOMES:
        raise ValueError("outcome")
    return [("problem", (event["visit"], str(data.get("problem") or event["id"]), str(data.get("system") or ""),
                         data["outcome"], str(data.get("text") or ""), event["id"]))]


def _train(event, data, moment) -> list[tuple[str, tuple]]:
    officials = int(data["officials"])
    if officials < 0:
        raise ValueError("officials")
    return [("train", (event["id"], event["visit"], str(data["topic"]), officials))]


def _check_run(event, data, moment) -> list[tuple[str, tuple]]:
    verdict = data.get("verdict")
    place = str(verdict.get("place", "")) if isinstance(verdict, dict) else ""
    results = [r for r in data.get("results") or [] if isinstance(r, dict)]
    statuses = {str(r["check_id"]): str(r["status"]) for r in results if r.get("status") in STATUSES}
    failures = {check: status for check, status in statuses.items() if status in ("fail", "error")}
    host = str(data.get("hostname") or "")
    pc = str(data.get("pc_id") or "") or pcid.pc_id(None, host)     # runs from before PC ids: by host name
    row = (event["id"], event["visit"], event["time"], place, pc, host, _os(results),
           json.dumps(statuses, separators=(",", ":"), sort_keys=True))
    return [("check_run", row),
            *(("failure", (event["id"], event["visit"], check, status)) for check, status in failures.items())]


def _os(results: list[dict]) -> str:
    """The OS name PC001 measured ("Windows 10 Pro"), "" when it did not run."""
    for result in results:
        if result.get("check_id") == "PC001":
            named = [m.get("value") for m in result.get("evidence") or [] if isinstance(m, dict) and m.get("name") == "os"]
            return str(named[0]) if named else ""
    return ""


_DERIVE = {
    "start": _start,
    "end": lambda e, d, m: [("end", (e["visit"], e["time"], m.timestamp()))],
    "problem": _problem,
    "train": _train,
    "task": lambda e, d, m: [("task", (e["id"], e["visit"], str(d["task"]), str(d.get("system") or "")))],
    "check_run": _check_run,
    "cancel": lambda e, d, m: [("cancel", (e["visit"], e["time"], str(d.get("reason") or "")))],
}
