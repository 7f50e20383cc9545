"""One event whose time leaves the calendar in Vietnam's time zone costs nothing else: it is refused
with its reason, the good logs beside it are stored, listed and exported (real commands, real files)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kfield.cli import run
from kfield.visit import events, store
from tests.aggregate import logs

OFF_THE_CALENDAR = ("9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T20:00:00-05:00")


@pytest.mark.parametrize("moment", OFF_THE_CALENDAR)
def test_a_time_that_cannot_be_shown_in_any_zone_is_refused_with_its_reason(moment):
    event = store.make_event("note", "v1", {"text": "x"})
    event["time"] = moment
    event["sha256"] = store.checksum(event)
    assert not events.accepts(event)
    assert "outside the calendar" in events.explain(event)


def test_the_calendar_edges_that_can_be_shown_are_kept():
    for moment in ("9999-12-30T00:00:00+00:00", "0001-01-02T00:00:00+00:00", "2026-11-24T17:15:30+07:00"):
        event = store.make_event("note", "v1", {"text": "x"})
        event["time"] = moment
        event["sha256"] = store.checksum(event)
        assert events.accepts(event), moment


def _bad(kind: str, moment: str) -> list[dict]:
    visit = logs.visit()
    target = next(e for e in visit if e["type"] == kind)
    target["time"] = moment
    target["sha256"] = store.checksum(target)
    return visit


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_fifty_good_logs_and_two_bad_events_import_list_and_export(tmp_path, monkeypatch, capsys, lang):
    folder = tmp_path / "data" / "visits"
    good = [logs.visit(start=logs.T0.replace(day=1 + i % 28, hour=i % 20)) for i in range(50)]
    for visit in good:
        logs.write(folder, visit)
    logs.write(folder, _bad("start", OFF_THE_CALENDAR[0]))
    logs.write(folder, _bad("problem", OFF_THE_CALENDAR[1]))
    monkeypatch.setenv("KFIELD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KFIELD_NO_PROGRESS", "1")
    database = tmp_path / "agg.sqlite3"
    assert run(["logs", "import", str(folder), "--db", str(database), "--format", "json", "--lang", lang]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["quarantined"] == 2
    with sqlite3.connect(database) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM events")}
    assert {e["id"] for visit in good for e in visit} <= stored                     # every good event kept
    assert not {OFF_THE_CALENDAR[0], OFF_THE_CALENDAR[1]} & {
        row[0] for row in sqlite3.connect(database).execute("SELECT time FROM events")}
    for args in (["visit", "list"], ["export", "--all", "-f", "csv"], ["export", "--all", "-f", "xlsx", "-o",
                 str(tmp_path / "all.xlsx")], ["report", "all", "--db", str(database)]):
        assert run([*args, "--lang", lang]) == 0, args
    out, err = capsys.readouterr()
    assert out.count("\n") > 50 and "Traceback" not in err


def test_a_link_planted_at_a_quarantine_name_is_never_followed(tmp_path, monkeypatch):
    import hashlib

    folder = tmp_path / "stick"
    path = logs.write(folder, _bad("start", OFF_THE_CALENDAR[0]), name="cut.jsonl")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    quarantine = tmp_path / "data" / "quarantine"
    quarantine.mkdir(parents=True)
    victim = tmp_path / "victim"
    (quarantine / f"{digest[:16]}-cut.jsonl").symlink_to(victim)
    (quarantine / f"{digest[:16]}-cut.jsonl.reason.txt").symlink_to(victim)
    monkeypatch.setenv("KFIELD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KFIELD_NO_PROGRESS", "1")
    assert run(["logs", "import", str(folder), "--db", str(tmp_path / "agg.sqlite3")]) == 1
    assert not victim.exists()
    assert sorted(p.name for p in quarantine.iterdir()) == [f"{digest[:16]}-cut.jsonl", f"{digest[:16]}-cut.jsonl.reason.txt"]
