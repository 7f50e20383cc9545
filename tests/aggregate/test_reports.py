"""The review's reports against SQLite and a real PostgreSQL: same numbers from both."""

from __future__ import annotations

import datetime as dt

import pytest

from kfield.aggregate import reports
from kfield.aggregate.importer import Importer
from tests.aggregate import logs

NHA_TRANG = 22333


@pytest.fixture
def filled(db, tmp_path):
    """Three visits: two to one ward by NTU, one by another school a week later, one still open."""
    day2 = logs.T0 + dt.timedelta(days=7)
    logs.write(tmp_path / "s", logs.visit(problems=(("signing", "fixed"), ("eoffice", "escalated")), officials=5))
    logs.write(tmp_path / "s", logs.visit(members=("An",), problems=(("signing", "pending"),), officials=0,
                                          verdict="dns", failing=("NET001", "LAN003"), hours=2))
    logs.write(tmp_path / "s", logs.visit(code=_other_unit(), name="Xã ?", members=("Chi",), school="UKH",
                                          start=day2, problems=(), officials=12, verdict="healthy", failing=(),
                                          ended=False))
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    return db


def _other_unit() -> int:
    from kfield.visit import communes

    return next(u.code for u in communes.all_units() if u.code != NHA_TRANG)


def test_coverage_lists_every_unit_unvisited_first(filled):
    table = reports.build(filled, "coverage")
    assert len(table.rows) == 65
    assert all(r[3] == 0 for r in table.rows[:63]) and all(r[3] > 0 for r in table.rows[63:])
    ward = next(r for r in table.rows if r[0] == NHA_TRANG)
    assert ward[3:8] == (2, "2026-11-20", 1, 1, 1)
    assert table.totals[1] == 65 and table.totals[3] == 3


def test_a_visit_to_a_code_outside_the_province_is_listed_not_lost(db, tmp_path):
    logs.write(tmp_path / "s", logs.visit(code=99999, name="Xã Lạ"))
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    table = reports.build(db, "coverage")
    assert len(table.rows) == 66 and table.rows[-1][0] == 99999 and table.rows[-1][8] is False


def test_systems_count_problems_by_latest_outcome(filled):
    rows = {r[0]: r[1:] for r in reports.build(filled, "systems").rows}
    assert rows == {"signing": (2, 1, 0, 1), "eoffice": (1, 0, 1, 0)}


def test_faults_rank_verdicts_and_failing_checks_per_unit(filled):
    rows = [r[2:] for r in reports.build(filled, "faults").rows if r[0] == NHA_TRANG]
    assert ("check", 1, "LAN003", 2) in rows and ("check", 2, "NET001", 1) in rows
    assert {r[2] for r in rows if r[0] == "verdict"} == {"gateway", "dns"}     # healthy is not a fault


def test_schools_and_members_count_visits_hours_and_officials(filled):
    schools = {r[0]: r[1:] for r in reports.build(filled, "schools").rows}
    assert schools["NTU"] == (2, 1, 5.0, 5, 1)
    assert schools["UKH"] == (1, 1, 0.0, 12, 0)            # still open: no hours yet
    members = {r[0]: r[1:] for r in reports.build(filled, "members").rows}
    assert members["An"] == (2, 1, 5.0, 5, 1) and members["Bình"] == (1, 1, 3.0, 0, 0)   # a companion: no credit


def test_period_filters_on_the_vietnam_day(filled):
    week2 = reports.Period(dt.date(2026, 11, 27), dt.date(2026, 11, 27))
    assert reports.build(filled, "schools", week2).rows == (("UKH", 1, 1, 0.0, 12, 0),)
    assert reports.build(filled, "systems", reports.Period(end=dt.date(2026, 11, 19))).rows == ()


def test_headline_numbers(filled):
    assert reports.headline(filled, reports.Period()) == {"units": 65, "visited": 2, "visits": 3, "open": 1,
                                                          "escalated": 1, "fixed": 1, "officials": 17}


def test_could_not_check_is_never_ranked_among_failures(db, tmp_path):
    """Three runs where SEC003 could not check (status error) and one where LAN003 failed: the failure
    is rank 1 of the failing checks; the error is listed after, as "could not check", ranked apart."""
    from kfield.formats import tables

    summary = {"key": "check.summary", "params": {}}
    for day in range(3):
        start = logs.T0 + dt.timedelta(days=day)
        events = [e for e in logs.visit(start=start, failing=()) if e["type"] != "check_run"]
        results = [{"check_id": "SEC003", "status": "error", "summary": summary}]
        results += [{"check_id": "LAN003", "status": "fail", "summary": summary}] if day == 0 else []
        events.append(logs.event("check_run", events[0]["visit"], {"results": results, "verdict": {"place": "dns"}},
                                 70, start))
        logs.write(tmp_path / "s", events)
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    table = reports.build(db, "faults")
    rows = [r[2:] for r in table.rows if r[0] == NHA_TRANG]
    assert [r for r in rows if r[0] == "check"] == [("check", 1, "LAN003", 1)]
    assert rows[-1] == ("unchecked", 1, "SEC003", 3) and [r[0] for r in rows] == ["check", "verdict", "unchecked"]
    shown = tables.body(table, "vi")
    assert shown[-1][2] == "sự cố phần mềm" and tables.body(table, "en")[-1][2] == "error"
