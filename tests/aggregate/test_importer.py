"""Import into SQLite and a real PostgreSQL: idempotence, conflicts, quarantine, batches."""

from __future__ import annotations

import json
import zipfile

import pytest

from kfield.aggregate.importer import Importer
from kfield.visit import store
from tests.aggregate import logs


def run(db, tmp_path, *paths, batch=5000):
    return Importer(db, tmp_path / "quarantine", batch=batch).run(paths)


def test_first_import_stores_every_event(db, tmp_path):
    logs.write(tmp_path / "stick", logs.visit())
    summary = run(db, tmp_path, tmp_path / "stick")
    assert (summary.files, summary.events, summary.new, summary.duplicate, summary.conflict) == (1, 5, 5, 0, 0)
    assert db.query("SELECT COUNT(*) FROM events") == [(5,)]


def test_the_same_logs_twice_are_stored_once(db, tmp_path):
    logs.write(tmp_path / "stick", logs.visit())
    run(db, tmp_path, tmp_path / "stick")
    again = run(db, tmp_path, tmp_path / "stick")
    assert (again.new, again.duplicate, again.conflict) == (0, 5, 0)
    assert db.query("SELECT COUNT(*) FROM events") == [(5,)]
    assert db.query("SELECT COUNT(*) FROM visits") == [(1,)]


def test_the_same_file_twice_in_one_import_is_a_duplicate(db, tmp_path):
    events = logs.visit()
    logs.write(tmp_path / "a", events)
    logs.write(tmp_path / "b", events)
    summary = run(db, tmp_path, tmp_path / "a", tmp_path / "b")
    assert (summary.new, summary.duplicate) == (5, 5)


def test_same_id_with_other_content_is_a_conflict_and_is_not_overwritten(db, tmp_path):
    events = logs.visit()
    logs.write(tmp_path / "a", events)
    run(db, tmp_path, tmp_path / "a")
    changed = dict(events[1], data={**events[1]["data"], "outcome": "escalated"})
    changed["sha256"] = store.checksum(changed)
    logs.write(tmp_path / "b", [changed])
    summary = run(db, tmp_path, tmp_path / "b")
    assert (summary.new, summary.conflict) == (0, 1)
    assert summary.issues[0].kind == "conflict" and summary.issues[0].detail == events[1]["id"]
    assert db.query("SELECT outcome FROM problems") == [("fixed",)]
    assert db.query("SELECT id, new_sha256 FROM conflicts") == [(events[1]["id"], changed["sha256"])]


def test_conflict_inside_one_batch_is_reported(db, tmp_path):
    events = logs.visit()
    changed = dict(events[1], data={**events[1]["data"], "text": "other"})
    changed["sha256"] = store.checksum(changed)
    logs.write(tmp_path / "a", events)
    logs.write(tmp_path / "b", [changed])
    summary = run(db, tmp_path, tmp_path / "a", tmp_path / "b")
    assert (summary.new, summary.conflict) == (5, 1)
    assert db.query("SELECT id, stored_sha256, new_sha256 FROM conflicts") == [
        (events[1]["id"], events[1]["sha256"], changed["sha256"])]


def test_torn_and_damaged_files_are_quarantined_and_their_good_events_kept(db, tmp_path):
    events = logs.visit()
    path = logs.write(tmp_path / "stick", events)
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text[1] = text[1].replace('"p', '"X', 1)                  # checksum no longer matches
    path.write_text("".join(text) + '{"id": "torn', encoding="utf-8")
    summary = run(db, tmp_path, tmp_path / "stick")
    assert summary.new == 4 and summary.quarantined == 1 and summary.damaged_lines == 2
    assert "2:checksum" in summary.issues[0].detail and "6:torn" in summary.issues[0].detail
    saved = list((tmp_path / "quarantine").iterdir())
    assert len(saved) == 2 and any(p.name.endswith(".reason.txt") for p in saved)
    assert db.query("SELECT COUNT(*) FROM quarantine") == [(1,)]


def test_a_file_that_is_not_a_log_is_quarantined_and_the_import_goes_on(db, tmp_path):
    (tmp_path / "stick").mkdir()
    (tmp_path / "stick" / "photo.jsonl").write_bytes(b"\xff\xd8\xff\xe0 JFIF \x00\x01\n")
    logs.write(tmp_path / "stick", logs.visit())
    summary = run(db, tmp_path, tmp_path / "stick")
    assert summary.quarantined == 1 and summary.new == 5


def test_an_event_with_impossible_fields_is_a_damaged_line(db, tmp_path):
    events = logs.visit()
    bad = dict(events[1], data={"text": "x", "system": "pc", "outcome": "maybe"})
    bad["sha256"] = store.checksum(bad)
    logs.write(tmp_path / "stick", [events[0], bad])
    summary = run(db, tmp_path, tmp_path / "stick")
    assert summary.new == 1 and summary.issues[0].detail == "2:fields"


def test_a_later_problem_event_wins_whatever_the_import_order(db, tmp_path):
    events = logs.visit(problems=(("signing", "pending"),))
    update = logs.event("problem", events[0]["visit"], {"problem": events[1]["id"], "outcome": "escalated"}, 30)
    logs.write(tmp_path / "late", [update])
    logs.write(tmp_path / "early", events)
    run(db, tmp_path, tmp_path / "late")
    run(db, tmp_path, tmp_path / "early")
    assert db.query("SELECT system, outcome, text FROM problems") == [("signing", "escalated", "p0")]


def test_small_batches_give_the_same_result(db, tmp_path):
    for index in range(7):
        logs.write(tmp_path / "stick", logs.visit(code=22333 + index))
    summary = run(db, tmp_path, tmp_path / "stick", batch=4)
    assert summary.new == 35
    assert db.query("SELECT COUNT(*) FROM visits") == [(7,)]


def test_zip_from_chat_is_imported_without_extracting(db, tmp_path):
    events = logs.visit()
    archive = tmp_path / "logs.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"An/visits/{events[0]['visit']}.jsonl", "".join(json.dumps(e) + "\n" for e in events))
        z.writestr("../../etc/cron.d/evil.jsonl", "x")
    summary = run(db, tmp_path, archive)
    assert summary.new == 5 and summary.refused == 1
    assert summary.issues[0].kind == "refused" and "traversal" in summary.issues[0].detail
    assert not (tmp_path.parent / "etc").exists()


def test_ctrl_c_keeps_the_written_batches_and_a_second_run_finishes(db, tmp_path):
    for index in range(6):
        logs.write(tmp_path / "stick", logs.visit(code=22333 + index))
    files = []

    def interrupt_on_the_fourth_file(weight):
        files.append(weight)
        if len(files) == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Importer(db, tmp_path / "q", interrupt_on_the_fourth_file, batch=5).run([tmp_path / "stick"])
    kept = db.query("SELECT COUNT(*) FROM events")[0][0]
    assert kept in (15, 20)                  # whole batches of 5 only: the fourth file's events were pending
    again = run(db, tmp_path, tmp_path / "stick")
    assert (again.new, again.duplicate, again.conflict) == (30 - kept, kept, 0)


@pytest.mark.parametrize("hostile", [b"[" * 100_000, b'{"province": Infinity}', b'{"a": "\\ud800"}', b"\x00" * 50])
def test_a_hostile_line_costs_no_good_event_of_any_file(db, tmp_path, hostile):
    first, second = logs.visit(), logs.visit(code=22366, name="Xã Cam Lâm")
    logs.write(tmp_path / "stick", first, name="a.jsonl")
    path = logs.write(tmp_path / "stick", second, name="b.jsonl")
    path.write_bytes(path.read_bytes() + hostile + b"\n")
    summary = run(db, tmp_path, tmp_path / "stick")
    assert summary.new == len(first) + len(second) and summary.quarantined == 1 and summary.damaged_lines == 1
    assert summary.issues[0].detail == f"{len(second) + 1}:json"          # the code only: the CLI renders it
    assert db.query("SELECT COUNT(*) FROM events") == [(len(first) + len(second),)]


def test_a_quarantine_copy_is_bounded_and_says_what_it_left_out(db, tmp_path, monkeypatch):
    from kfield.aggregate import importer

    monkeypatch.setattr(importer, "QUARANTINE_FILE", 4096)
    monkeypatch.setattr(importer, "QUARANTINE_TOTAL", 6000)
    (tmp_path / "stick").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "stick" / f"{name}.jsonl").write_bytes(b"not json\n" * 10_000)     # 90 KB each
    summary = run(db, tmp_path, tmp_path / "stick")
    assert summary.quarantined == 3
    copies = sorted((tmp_path / "quarantine").glob("*.jsonl"))
    assert sorted(p.stat().st_size for p in copies) == [0, 6000 - 4096, 4096]
    reasons = [p.read_text(encoding="utf-8") for p in (tmp_path / "quarantine").glob("*.reason.txt")]
    assert sorted(r.split("\n")[2].split(",")[0] for r in reasons) == sorted(
        ["saved 4096 of 90000 bytes", "saved 1904 of 90000 bytes", "saved 0 of 90000 bytes"])
