"""Counting, computed by hand: a visit once for each member present; trainings, officials trained and
fixed problems once per visit (credited to the member who recorded it); totals rows count distinct
things; a cancelled visit counts nowhere. Every test runs on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from kfield.aggregate import reports
from kfield.aggregate.importer import Importer
from kfield.visit import communes
from tests.aggregate import logs

A, B = 22333, 22366                                      # Phường Bắc Nha Trang, Phường Nha Trang
C = 22453                                                # Xã Cam Lâm: only a cancelled visit went there


def _visit(members, code, hours, problems=(), officials=(), school="NTU", day=0, ended=True, failing=()):
    start = logs.T0 + dt.timedelta(days=day)
    visit_id = logs.store.new_id(start)
    events = [logs.event("start", visit_id, {"commune_code": code, "commune": str(code), "members": list(members),
                                             "school": school, "team": "T1", "province": 56}, 0, start)]
    events += [logs.event("problem", visit_id, {"text": f"p{i}", "system": system, "outcome": outcome}, 5 + i, start)
               for i, (system, outcome) in enumerate(problems)]
    events += [logs.event("train", visit_id, {"topic": "Ký số", "officials": n}, 30 + i, start)
               for i, n in enumerate(officials)]
    results = [{"check_id": c, "status": "fail", "summary": {"key": "core.skip.requires", "params": {}}} for c in failing]
    events.append(logs.event("check_run", visit_id, {"results": results, "verdict": {"place": "healthy"}}, 40, start))
    if ended:
        events.append(logs.event("end", visit_id, {}, hours * 60, start))
    return events


@pytest.fixture
def field(db, tmp_path):
    """Five visits; the fourth (Chi's practice visit to Cam Lâm) is cancelled afterwards."""
    visits = [
        _visit(("An", "Bình", "Chi"), A, 3, (("signing", "fixed"), ("eoffice", "fixed"), ("network", "pending")), (4, 6)),
        _visit(("Bình", "An"), B, 2, (("pc", "fixed"),), (5,), day=1, failing=("LAN003",)),
        _visit(("An",), A, 1, day=2),
        _visit(("Chi", "An"), C, 4, (("signing", "fixed"),), (20,), day=3, failing=("SIGN001",)),
        _visit(("Dung",), B, 0, (("dvc", "escalated"),), (3,), school="UKH", day=4, ended=False),
    ]
    practice = visits[3]
    practice.append(logs.event("cancel", practice[0]["visit"], {"reason": "tập thử"}, 300, logs.T0 + dt.timedelta(days=3)))
    for events in visits:
        logs.write(tmp_path / "s", events)
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    return db


def test_members_count_each_visit_per_member_and_its_trainings_once(field):
    table = reports.build(field, "members")
    assert {r[0]: r[1:] for r in table.rows} == {
        "An": (3, 2, 6.0, 10, 2),      # present at visits 1–3; recorded 1 and 3: 4 + 6 officials, 2 fixed
        "Bình": (2, 2, 5.0, 5, 1),     # present at 1 and 2; recorded 2 only
        "Chi": (1, 1, 3.0, 0, 0),      # a companion at visit 1; her own visit was cancelled
        "Dung": (1, 1, 0.0, 3, 0),     # still open: no hours yet
    }
    assert table.totals == ("", 4, 2, 6.0, 18, 3)   # 4 visits, 2 units, 10 + 5 + 3 officials, 3 fixed


def test_schools_totals_are_distinct_things(field):
    table = reports.build(field, "schools")
    assert {r[0]: r[1:] for r in table.rows} == {"NTU": (3, 2, 6.0, 15, 3), "UKH": (1, 1, 0.0, 3, 0)}
    assert table.totals == ("", 4, 2, 6.0, 18, 3)    # units: A and B, not 2 + 1


def test_a_cancelled_visit_counts_nowhere(field):
    coverage = {r[0]: r for r in reports.build(field, "coverage").rows}
    assert (coverage[A][3], coverage[B][3], coverage[C][3]) == (2, 2, 0)
    assert coverage[C][5:8] == (0, 0, 0)
    systems = {r[0]: r[1:] for r in reports.build(field, "systems").rows}
    assert systems["signing"] == (1, 1, 0, 0)        # the cancelled visit's fixed signing problem is not counted
    assert reports.build(field, "systems").totals == ("", 5, 3, 1, 1)
    assert "SIGN001" not in {r[4] for r in reports.build(field, "faults").rows}
    assert reports.headline(field, reports.Period()) == {"units": 65, "visited": 2, "visits": 4, "open": 1,
                                                         "escalated": 1, "fixed": 3, "officials": 18}


def test_a_cancel_imported_later_takes_the_visit_out(db, tmp_path):
    events = _visit(("An",), A, 1, (("pc", "fixed"),), (7,))
    path = logs.write(tmp_path / "s", events)
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    assert reports.headline(db, reports.Period())["visits"] == 1
    cancel = logs.event("cancel", events[0]["visit"], {"reason": ""}, 90)
    logs.write(tmp_path / "s", [*events, cancel], name=path.name)
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    assert reports.headline(db, reports.Period()) == {"units": len(communes.all_units()), "visited": 0, "visits": 0,
                                                      "open": 0, "escalated": 0, "fixed": 0, "officials": 0}
    assert reports.build(db, "members").rows == () and reports.build(db, "members").totals == ("", 0, 0, 0.0, 0, 0)


def test_report_cells_name_systems_places_and_checks_in_the_reader_language(field):
    from kfield.formats import tables

    systems = tables.body(reports.build(field, "systems"), "vi")
    assert {row[0] for row in systems[:-1]} >= {"ký số", "quản lý văn bản và điều hành", "máy tính"}
    faults = tables.body(reports.build(field, "faults"), "vi")
    assert [row[2:5] for row in faults] == [["bước kiểm tra lỗi", 1, "LAN003 Cổng mặc định (router)"]]
    assert reports.build(field, "systems").rows[0][0] in ("signing", "eoffice", "pc", "network", "dvc")  # data: codes
