"""The review's reports, computed in the database: coverage, systems, faults, schools, members.

Each returns a Table. Dates filter on the visit's start day in Vietnam time (UTC+7), inclusive.
Cancelled visits (a `cancel` event: practice or mistaken) count nowhere. A visit counts once for
each member present; its trainings, officials trained and fixed problems count once, credited to
the member who recorded the visit (the first member, whose laptop wrote the log), never to each
companion; a totals row counts distinct visits, units and problems, not a sum of the rows above.
Coverage lists every unit of the province from `vietnam-provinces`, visited or not; a visit
filed under a code that is not one of them is listed after them, marked, rather than lost.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kfield.aggregate.db import Database
from kfield.core.table import Table
from kfield.visit import communes

NAMES = ("coverage", "systems", "faults", "schools", "members", "readiness", "pcs")
_PEOPLE = ("visits", "units", "hours", "officials_trained", "fixed")
COLUMNS = {
    "coverage": ("code", "unit", "kind", "visits", "last_visit", "open", "escalated", "fixed", "in_province"),
    "systems": ("system", "problems", "fixed", "escalated", "pending"),
    "faults": ("code", "unit", "kind", "rank", "item", "count"),
    "schools": ("school", *_PEOPLE),
    "members": ("member", *_PEOPLE),
    # readiness and pcs add one column per readiness item (labelled by the rules file) between these
    "readiness": ("code", "unit", "pcs", "last_place"),
    "pcs": ("code", "unit", "pc_id", "host", "os", "first_check", "last_check", "open_problems"),
}
TOP = 5


@dataclass(frozen=True)
class Period:
    start: dt.date | None = None
    end: dt.date | None = None

    def where(self, alias: str = "v") -> tuple[str, list]:
        """An SQL condition on the visit's day (always true when no dates are given)."""
        parts = [f"{alias}.commune_code IS NOT NULL",
                 f"NOT EXISTS (SELECT 1 FROM cancellations x WHERE x.visit = {alias}.id)"]
        params: list = []
        if self.start:
            parts.append(f"{alias}.day >= ?")
            params.append(self.start.isoformat())
        if self.end:
            parts.append(f"{alias}.day <= ?")
            params.append(self.end.isoformat())
        return " AND ".join(parts), params


def build(db: Database, name: str, period: Period = Period(), province: int = communes.KHANH_HOA,
          rules: Path | None = None) -> Table:
    if name == "coverage":
        return coverage(db, period, province)
    if name in ("readiness", "pcs"):
        return _readiness(db, name, period, province, rules)
    return {"systems": systems, "faults": faults, "schools": schools, "members": members}[name](db, period)


def _readiness(db: Database, name: str, period: Period, province: int, rules: Path | None) -> Table:
    from kfield.aggregate import readiness as ready

    items = ready.load(rules or ready.RULES_FILE)
    pcs = ready.pcs_in(db, period)
    if name == "pcs":
        return ready.pcs_table(pcs, ready.open_problems_by_pc(db, period), items)
    return ready.readiness_table(pcs, communes.all_units(province), ready.last_places(db, period), items)


def coverage(db: Database, period: Period, province: int = communes.KHANH_HOA) -> Table:
    where, params = period.where()
    visits = {code: (count, last) for code, count, last in db.query(
        f"SELECT v.commune_code, COUNT(*), MAX(v.day) FROM visits v WHERE {where} GROUP BY v.commune_code", params)}
    outcome = _by_commune_outcome(db, where, params)
    units = communes.all_units(province)
    known = {u.code for u in units}
    extra = [communes.Commune(code, "?", "?") for code in sorted(set(visits) - known)]
    rows = []
    for unit in units + extra:
        count, last = visits.get(unit.code, (0, ""))
        problems = outcome.get(unit.code, {})
        rows.append((unit.code, unit.name, unit.kind, count, last or "", problems.get("pending", 0),
                     problems.get("escalated", 0), problems.get("fixed", 0), unit.code in known))
    rows.sort(key=lambda r: (not r[8], r[3] > 0, r[1]))   # units of the province first, unvisited first
    totals = ("", len(units), "", sum(r[3] for r in rows), "", *(sum(r[i] for r in rows) for i in (5, 6, 7)), "")
    return Table("coverage", COLUMNS["coverage"], tuple(rows), totals)


def _by_commune_outcome(db: Database, where: str, params: list) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for code, outcome, count in db.query(
            f"SELECT v.commune_code, p.outcome, COUNT(*) FROM problems p JOIN visits v ON v.id = p.visit "
            f"WHERE {where} GROUP BY v.commune_code, p.outcome", params):
        out[code][outcome] = count
    return out


def systems(db: Database, period: Period) -> Table:
    where, params = period.where()
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for system, outcome, count in db.query(
            f"SELECT CASE WHEN p.system = '' THEN 'other' ELSE p.system END, p.outcome, COUNT(*) FROM problems p "
            f"JOIN visits v ON v.id = p.visit WHERE {where} GROUP BY 1, 2", params):
        counts[system][outcome] = count
    rows = [(system, sum(c.values()), c.get("fixed", 0), c.get("escalated", 0), c.get("pending", 0))
            for system, c in counts.items()]
    rows.sort(key=lambda r: (-r[1], r[0]))
    totals = ("", *(sum(r[i] for r in rows) for i in range(1, 5)))
    return Table("systems", COLUMNS["systems"], tuple(rows), totals)


FAULT_KINDS = ("check", "verdict", "unchecked")      # the order per unit: "could not check" never among failures


def faults(db: Database, period: Period) -> Table:
    """Per commune, the most frequent failing checks and diagnose verdicts (top five of each), then the
    checks that could not check (status error), ranked apart: an error is not a failure."""
    where, params = period.where()
    found: dict[tuple[int, str], list[tuple[str, int]]] = defaultdict(list)
    for code, item, count in db.query(
            f"SELECT v.commune_code, c.verdict, COUNT(*) FROM check_runs c JOIN visits v ON v.id = c.visit "
            f"WHERE {where} AND c.verdict NOT IN ('', 'healthy') GROUP BY 1, 2", params):
        found[(code, "verdict")].append((item, count))
    for code, status, item, count in db.query(
            f"SELECT v.commune_code, f.status, f.check_id, COUNT(*) FROM check_failures f JOIN visits v ON v.id = f.visit "
            f"WHERE {where} GROUP BY 1, 2, 3", params):
        found[(code, "check" if status == "fail" else "unchecked")].append((item, count))
    names = {**_unit_names(db), **{u.code: u.name for u in communes.all_units(communes.KHANH_HOA)}}
    rows = []
    for (code, kind), items in sorted(found.items(), key=lambda i: (i[0][0], FAULT_KINDS.index(i[0][1]))):
        for rank, (item, count) in enumerate(sorted(items, key=lambda i: (-i[1], i[0]))[:TOP], start=1):
            rows.append((code, names.get(code, "?"), kind, rank, item, count))
    return Table("faults", COLUMNS["faults"], tuple(rows))


def schools(db: Database, period: Period) -> Table:
    return _people(db, period, "schools", lambda school, members: school)


def members(db: Database, period: Period) -> Table:
    return _people(db, period, "members", lambda school, members: (json.loads(members or "[]") or [""])[0])


_HOURS = "CASE WHEN v.ended_s IS NOT NULL AND v.started_s IS NOT NULL THEN v.ended_s - v.started_s ELSE 0 END"


def _people(db: Database, period: Period, name: str, credited) -> Table:
    """Visits, units visited, hours on site (ended visits), officials trained and problems fixed, per
    school or member; `credited(school, members)` names who a visit's trainings and fixes count for."""
    where, params = period.where()
    key, join = ("v.school", "") if name == "schools" else ("m.member", "JOIN visit_members m ON m.visit = v.id")
    base = db.query(f"SELECT {key}, COUNT(*), COUNT(DISTINCT v.commune_code), SUM({_HOURS}) "
                    f"FROM visits v {join} WHERE {where} GROUP BY {key}", params)
    per_visit = _per_visit(db, where, params)           # asked once: the rows and the totals share it
    trained, fixed = _credits(db, where, params, credited, per_visit)
    rows = [(who or "—", count, units, round((seconds or 0) / 3600, 1), trained.get(who or "", 0),
             fixed.get(who or "", 0)) for who, count, units, seconds in base]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return Table(name, COLUMNS[name], tuple(rows), _totals(db, where, params, per_visit))


def _per_visit(db: Database, where: str, params: list) -> tuple[list[tuple], list[tuple]]:
    """(visit, officials trained) and (visit, problems fixed), one row per visit that has any."""
    trained = db.query(f"SELECT t.visit, SUM(t.officials) FROM trainings t JOIN visits v ON v.id = t.visit "
                       f"WHERE {where} GROUP BY t.visit", params)
    fixed = db.query(f"SELECT p.visit, COUNT(*) FROM problems p JOIN visits v ON v.id = p.visit "
                     f"WHERE {where} AND p.outcome = 'fixed' GROUP BY p.visit", params)
    return trained, fixed


def _credits(db: Database, where: str, params: list, credited, per_visit) -> tuple[dict[str, int], dict[str, int]]:
    """Officials trained and problems fixed per person credited, each visit's counted once."""
    who = {visit: credited(school or "", members) for visit, school, members in db.query(
        f"SELECT v.id, v.school, v.members FROM visits v WHERE {where}", params)}
    trained: dict[str, int] = defaultdict(int)
    fixed: dict[str, int] = defaultdict(int)
    for visit, officials in per_visit[0]:
        trained[who[visit]] += int(officials or 0)
    for visit, count in per_visit[1]:
        fixed[who[visit]] += int(count)
    return trained, fixed


def _totals(db: Database, where: str, params: list, per_visit) -> tuple:
    """Distinct visits, distinct units, hours of those visits, officials trained and problems fixed."""
    (visits, units, seconds), = db.query(
        f"SELECT COUNT(*), COUNT(DISTINCT v.commune_code), SUM({_HOURS}) FROM visits v WHERE {where}", params)
    trained = sum(int(o or 0) for _, o in per_visit[0])
    fixed = sum(int(c) for _, c in per_visit[1])
    return ("", visits, units, round((seconds or 0) / 3600, 1), trained, fixed)


def _unit_names(db: Database) -> dict[int, str]:
    return dict(db.query("SELECT commune_code, MAX(commune) FROM visits WHERE commune_code IS NOT NULL "
                         "GROUP BY commune_code"))


def visit_count(db: Database, period: Period) -> int:
    """Visits counted in the period (cancelled ones never)."""
    where, params = period.where()
    (count,), = db.query(f"SELECT COUNT(*) FROM visits v WHERE {where}", params)
    return int(count)


def headline(db: Database, period: Period, province: int = communes.KHANH_HOA) -> dict[str, int]:
    """The dashboard's first line: units visited of all, visits, open and escalated problems, officials."""
    where, params = period.where()
    units = {u.code for u in communes.all_units(province)}
    visited = {c for (c,) in db.query(f"SELECT DISTINCT v.commune_code FROM visits v WHERE {where}", params)}
    (visits,), = db.query(f"SELECT COUNT(*) FROM visits v WHERE {where}", params)
    outcome = dict(db.query(f"SELECT p.outcome, COUNT(*) FROM problems p JOIN visits v ON v.id = p.visit "
                            f"WHERE {where} GROUP BY p.outcome", params))
    (officials,), = db.query(f"SELECT COALESCE(SUM(t.officials), 0) FROM trainings t JOIN visits v ON v.id = t.visit "
                             f"WHERE {where}", params)
    return {"units": len(units), "visited": len(units & visited), "visits": visits,
            "open": outcome.get("pending", 0), "escalated": outcome.get("escalated", 0),
            "fixed": outcome.get("fixed", 0), "officials": int(officials)}
