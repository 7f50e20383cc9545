"""The readiness view against SQLite and a real PostgreSQL, on hand-built logs (tests/aggregate/pcs.py).

Every expected number below was computed by hand from the runs written there (see each assert's
comment): a PC counts once per item, judged on its first and on its latest run in the period;
a skip, an error or a check that did not run is "unknown", never ready.
"""

from __future__ import annotations

import json

import pytest

from kfield.aggregate import readiness, reports
from kfield.aggregate.importer import Importer
from kfield.core import pcid
from kfield.core.errors import ProfileError
from kfield.core.table import Change
from tests.aggregate import logs
from tests.aggregate.pcs import BAC_NHA_TRANG, CAM_RANH, DAY, OLD_HOST, PC1, PC2, PC4, write_campaign


@pytest.fixture
def filled(db, tmp_path):
    write_campaign(tmp_path / "s")
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    return db


def _row(table, code):
    return dict(zip(table.columns, next(r for r in table.rows if r[0] == code)))


def test_readiness_counts_each_pc_on_its_first_and_latest_run(filled):
    table = reports.build(filled, "readiness")
    assert len(table.rows) == 65 and table.columns[:3] == ("code", "unit", "pcs")
    ward = _row(table, BAC_NHA_TRANG)
    # PC1 signing: R1 SIGN001 fail → no; R3 all ok → yes.   PC2: SIGN003 fail → no, no.
    assert ward["pcs"] == 2 and ward["signing_ready"] == Change(0, 1, 0, 0)
    # PC1 Windows 7 (PC001 fail) yes → yes; PC2 ok → no.
    assert ward["os_unsupported"] == Change(1, 1, 0, 0)
    # PC1 SEC003 skip → unknown, then ok → yes; PC2 ok → yes.
    assert ward["av_ok"] == Change(1, 2, 1, 0)
    # PC1 ok (R1) → ok (R3; R2's fail is neither first nor latest); PC2 warn (Domain only) counts as on.
    assert ward["firewall_on"] == Change(2, 2, 0, 0)
    # PC1 PC004 fail → yes, then ok → no; PC2 PC003 skip + PC004 ok → unknown both times.
    assert ward["critical"] == Change(1, 0, 1, 1)
    assert ward["last_place"].code == "healthy"                       # R3 is later than R1's "gateway"


def test_checks_that_did_not_run_are_unknown_and_old_runs_count_by_host(filled):
    cam_ranh = _row(reports.build(filled, "readiness"), CAM_RANH)
    # PC4 ran no signing check → unknown; the old run has all four ok → yes (its id from the host name).
    assert cam_ranh["pcs"] == 2 and cam_ranh["signing_ready"] == Change(1, 1, 1, 1)
    assert cam_ranh["firewall_on"] == Change(1, 1, 1, 1) and cam_ranh["last_place"] == ""


def test_totals_and_unchecked_units(filled):
    table = reports.build(filled, "readiness")
    assert table.totals[1:4] == (65, 4, Change(1, 2, 1, 1))
    assert sum(1 for r in table.rows if r[2] == 0) == 63 and all(r[2] == 0 for r in table.rows[:63])


def test_the_period_moves_the_first_run(filled):
    later = reports.Period(start=(logs.T0 + 2 * DAY).date())
    ward = _row(reports.build(filled, "readiness", later), BAC_NHA_TRANG)
    # only the day-2 visit: PC1 alone, first R2 (SIGN ok, firewall fail), latest R3.
    assert ward["pcs"] == 1 and ward["signing_ready"] == Change(1, 1, 0, 0)
    assert ward["firewall_on"] == Change(0, 1, 0, 0)


def test_pcs_lists_each_pc_with_before_and_after(filled):
    table = reports.build(filled, "pcs")
    rows = {r[2]: dict(zip(table.columns, r)) for r in table.rows}
    assert set(rows) == {PC1, PC2, PC4, pcid.pc_id(None, OLD_HOST)}
    pc1 = rows[PC1]
    assert (pc1["code"], pc1["host"], pc1["os"]) == (BAC_NHA_TRANG, "ubnd-01", "Windows 7")
    assert pc1["first_check"] < pc1["last_check"] and pc1["first_check"].startswith("2026-11-20")
    assert (pc1["signing_ready"].before.code, pc1["signing_ready"].after.code) == ("no", "yes")
    assert pc1["av_ok"].before.code == "unknown"


def test_json_rows_carry_numbers_before_and_after(filled):
    from kfield.formats import tables

    out = json.loads(tables.to_json([reports.build(filled, "readiness")], {}))["reports"]["readiness"]
    ward = next(r for r in out["rows"] if r["code"] == BAC_NHA_TRANG)
    assert {k: ward[k] for k in ("pcs", "signing_ready", "signing_ready_before", "critical_unknown")} == \
        {"pcs": 2, "signing_ready": 1, "signing_ready_before": 0, "critical_unknown": 1}
    assert ward["last_place"] == "healthy" and ward["unit"] == "Phường Bắc Nha Trang"


def test_console_says_before_and_after_in_words(filled):
    from kfield.formats import tables

    text = tables.console([reports.build(filled, "pcs")], "vi")
    assert "Sẵn sàng ký số" in text and "không → có" in text and "chưa rõ → có" in text


def test_a_rules_file_error_cites_file_line_column(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nitems:\n  - id: x\n    title: {vi: X, en: X}\n    all: {NOPE999: [ok]}\n",
                   encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        readiness.load(bad)
    assert f"{bad}:5:" in str(caught.value)


def test_items_say_whether_yes_is_good_and_tables_carry_it(tmp_path, filled):
    """`good: false` items (OS past end of support, disk or memory critical) colour "yes" as bad; a
    value that is not true/false is refused at its line."""
    assert {i.id: i.good for i in readiness.load()} == {"signing_ready": True, "os_unsupported": False,
                                                        "av_ok": True, "firewall_on": True, "critical": False}
    assert reports.build(filled, "pcs").polarity["os_unsupported"] is False
    assert reports.build(filled, "readiness").polarity["firewall_on"] is True
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nitems:\n  - id: x\n    title: {vi: X, en: X}\n    good: maybe\n    all: {PC001: [ok]}\n",
                   encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        readiness.load(bad)
    assert f"{bad}:5:" in str(caught.value)


def test_the_bundled_rules_judge_as_documented():
    items = {i.id: i for i in readiness.load()}
    assert set(items) == {"signing_ready", "os_unsupported", "av_ok", "firewall_on", "critical"}
    assert items["signing_ready"].judge({"SIGN001": "ok", "SIGN003": "ok", "SIGN004": "ok", "SIGN006": "ok"}) \
        is readiness.Answer.YES
    assert items["signing_ready"].judge({"SIGN001": "ok", "SIGN003": "ok", "SIGN004": "skip", "SIGN006": "ok"}) \
        is readiness.Answer.UNKNOWN
    assert items["critical"].judge({"PC003": "error", "PC004": "fail"}) is readiness.Answer.YES
    assert items["critical"].judge({"PC003": "ok", "PC004": "ok"}) is readiness.Answer.NO


def test_a_cancelled_visit_counts_nowhere(db, tmp_path):
    write_campaign(tmp_path / "s")
    day2 = next(p for p in (tmp_path / "s").iterdir() if "T010000" in p.name and p.name.startswith("20261122"))
    visit_id = day2.name.removesuffix(".jsonl")
    logs.write(tmp_path / "c", [logs.event("cancel", visit_id, {"reason": "tập dượt"}, 200, logs.T0)], "cancel.jsonl")
    Importer(db, tmp_path / "q").run([tmp_path / "s", tmp_path / "c"])
    ward = _row(reports.build(db, "readiness"), BAC_NHA_TRANG)
    # without the day-2 visit: PC1 has only R1 (first = latest), PC2 its one run; the verdict is R1's.
    assert ward["pcs"] == 2 and ward["signing_ready"] == Change(0, 0, 0, 0)
    assert ward["last_place"].code == "gateway"


def test_a_database_from_before_pc_ids_gains_them_from_its_stored_events(tmp_path):
    import sqlite3

    from kfield.aggregate import db as dbmod

    path = tmp_path / "old.sqlite3"
    database = dbmod.connect(str(path))
    write_campaign(tmp_path / "s")
    Importer(database, tmp_path / "q").run([tmp_path / "s"])
    database.close()
    raw = sqlite3.connect(path)                    # as an older kfield left it: no PC columns, no values
    for column in ("pc_id", "host", "os", "statuses"):
        raw.execute(f"ALTER TABLE check_runs DROP COLUMN {column}")
    raw.commit()
    raw.close()
    again = dbmod.connect(str(path))
    try:
        assert _row(reports.build(again, "readiness"), BAC_NHA_TRANG)["signing_ready"] == Change(0, 1, 0, 0)
    finally:
        again.close()


def test_a_later_network_only_run_keeps_what_the_full_check_said(db, tmp_path):
    from tests.aggregate.pcs import R3, _visit

    network_only = {"LAN001": "ok", "LAN003": "fail", "NET009": "skip"}     # a `kfield diagnose` run
    logs.write(tmp_path / "s", _visit(BAC_NHA_TRANG, "Phường Bắc Nha Trang", "An", "NTU", logs.T0,
                                      [(R3, PC1, "ubnd-01"), (network_only, PC1, "ubnd-01", "gateway")]))
    Importer(db, tmp_path / "q").run([tmp_path / "s"])
    ward = _row(reports.build(db, "readiness"), BAC_NHA_TRANG)
    # R3 alone says signing yes, firewall on, not critical; the diagnose run changes none of it.
    assert ward["signing_ready"] == Change(1, 1, 0, 0) and ward["firewall_on"] == Change(1, 1, 0, 0)
    assert ward["last_place"].code == "gateway"
    pc1 = dict(zip(*(lambda t: (t.columns, t.rows[0]))(reports.build(db, "pcs"))))
    assert pc1["os"] == "Windows 7" and pc1["first_check"] < pc1["last_check"]


def test_which_link_of_the_signing_chain_broke():
    item = next(i for i in readiness.load() if i.id == "signing_ready")
    ready = {"SIGN001": "ok", "SIGN003": "ok", "SIGN004": "ok", "SIGN006": "ok"}
    assert item.broken(ready) == () and item.judge(ready) is readiness.Answer.YES
    # a timestamp server that gives no timestamp: not ready although the four conditions hold
    assert item.broken({**ready, "NET008": "fail"}) == ("tsa",) and item.judge({**ready, "NET008": "fail"}) is readiness.Answer.NO
    both = {**ready, "SIGN003": "fail", "SIGN006": "warn", "SIGN007": "fail"}
    assert item.broken(both) == ("service", "token", "browser")     # chain order
    assert item.broken({**ready, "SIGN009": "fail"}) == ("ocsp",) and item.broken({**ready, "SIGN009": "warn"}) == ()


def test_pcs_and_readiness_name_the_link_in_words(filled):
    from kfield.formats import tables

    pcs = reports.build(filled, "pcs")
    rows = {r[2]: dict(zip(pcs.columns, r)) for r in pcs.rows}
    assert rows[PC2]["signing_ready_why"].code == "token"           # SIGN003 fail (and SIGN004 warn, later in the chain)
    assert rows[PC1]["signing_ready_why"] == "" and rows[PC4]["signing_ready_why"] == ""
    ward = _row(reports.build(filled, "readiness"), BAC_NHA_TRANG)
    assert ward["signing_ready_why"].code == "token"
    shown = tables.console([pcs], "vi")
    assert "Sẵn sàng ký số: khâu hỏng" in shown and "không nhận USB token" in shown
    out = json.loads(tables.to_json([pcs], {}))["reports"]["pcs"]["rows"]
    assert {r["pc_id"]: r["signing_ready_why"] for r in out}[PC2] == "token"


def test_a_why_link_naming_an_unknown_check_cites_its_place(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nitems:\n  - id: x\n    title: {vi: X, en: X}\n    all: {SIGN001: [ok]}\n"
                   "    why:\n      - link: token\n        when: {NOPE999: [fail]}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        readiness.load(bad)
    assert f"{bad}:8:" in str(caught.value)
