"""The outbox drains into a real hub (uvicorn over TLS on loopback) on SQLite and PostgreSQL:
what `logs push` sends is what a zip import of the same logs gives, once."""

from __future__ import annotations

import datetime as dt
import json

from tests.aggregate import logs
from tests.hub.conftest import report_rows, zip_import_rows

DAY = dt.timedelta(days=1)


def test_push_stores_once_and_reports_equal_a_zip_import(hub_db, start_hub, laptop, tmp_path):
    hub = start_hub(hub_db)
    an, chi = laptop("An"), laptop("Chi", "KHU")
    an.visit(); an.visit(logs.T0 + DAY, code=22334, name="Phường Nam Nha Trang")
    chi.visit(logs.T0 + 2 * DAY, problems=(("network", "escalated"),))
    for who in (an, chi):
        joined = who.enrol(hub)
        assert joined.returncode == 0, joined.stderr
        assert (who.folder / "outbox" / "hub.json").stat().st_mode & 0o777 == 0o600
        pushed = who.kfield("logs", "push", "--format", "json", "--batch", "3")
        assert pushed.returncode == 0, pushed.stderr
    first = json.loads(pushed.stdout)
    assert (first["stored"], first["waiting"], first["batches"]) == (5, 0, 2)
    assert report_rows(hub_db) == zip_import_rows(tmp_path, [an.folder / "visits", chi.folder / "visits"])

    again = json.loads(an.kfield("logs", "push", "--format", "json").stdout)
    assert again["batches"] == 0                       # the cursor says everything was answered
    (an.folder / "outbox" / "cursors.json").unlink()   # a lost cursor: everything is sent again
    replay = json.loads(an.kfield("logs", "push", "--format", "json").stdout)
    assert (replay["stored"], replay["duplicate"]) == (0, 10)
    assert report_rows(hub_db) == zip_import_rows(tmp_path, [an.folder / "visits", chi.folder / "visits"])


def test_status_says_what_waits_and_push_resumes_after_new_events(hub_db, start_hub, laptop):
    hub = start_hub(hub_db)
    an = laptop("An")
    an.visit()
    assert an.enrol(hub).returncode == 0
    status = json.loads(an.kfield("logs", "status", "--format", "json").stdout)
    assert (status["waiting"], status["hub"]) == (5, hub.url)
    assert "5 events" in an.kfield("logs", "status").stdout
    an.kfield("logs", "push")
    an.visit(logs.T0 + DAY)
    assert json.loads(an.kfield("logs", "status", "--format", "json").stdout)["waiting"] == 5
    pushed = json.loads(an.kfield("logs", "push", "--format", "json").stdout)
    assert (pushed["stored"], pushed["duplicate"], pushed["waiting"]) == (5, 0, 0)


def test_an_unfinished_last_line_waits_for_its_end(hub_db, start_hub, laptop):
    hub = start_hub(hub_db)
    an = laptop("An")
    events = an.visit()
    path = an.folder / "visits" / f"{events[0]['visit']}.jsonl"
    whole = path.read_bytes()
    path.write_bytes(whole[:-40])                       # the last event half-written
    an.enrol(hub)
    assert json.loads(an.kfield("logs", "push", "--format", "json").stdout)["stored"] == 4
    path.write_bytes(whole)
    assert json.loads(an.kfield("logs", "push", "--format", "json").stdout)["stored"] == 1
