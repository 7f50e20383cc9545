"""Faults with real processes: the hub killed with SIGKILL mid-push, the client killed mid-batch,
the hub down (the reason in words, nothing lost), and 162 members pushing at once. After each,
the hub's reports equal those of a zip import of the same logs: nothing acknowledged lost,
nothing counted twice."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from kfield.aggregate import db as dbmod
from tests.aggregate import logs
from tests.hub.conftest import ROOT, lines_of, post, report_rows, zip_import_rows

pytestmark = pytest.mark.slow


def many_visits(who, count: int) -> int:
    for day in range(count):
        who.visit(logs.T0 + dt.timedelta(days=day // 3, hours=day % 3 * 3), code=22333 + day % 7)
    return count * 5


def stored(hub) -> int:
    database = dbmod.connect(hub.db_url)
    try:
        return database.query("SELECT COUNT(*) FROM events")[0][0]
    finally:
        database.close()


def test_the_hub_killed_mid_push_loses_nothing_acknowledged(hub_db, start_hub, laptop, tmp_path):
    hub = start_hub(hub_db)
    an = laptop("An")
    total = many_visits(an, 60)
    assert an.enrol(hub).returncode == 0
    push = subprocess.Popen([sys.executable, "-m", "kfield", "--lang", "en", "logs", "push", "--batch", "2",
                             "--attempts", "1"], env=an.env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    while stored(hub) < 40:
        time.sleep(0.05)
    hub.kill()
    _, err = push.communicate(timeout=60)
    assert push.returncode == 1 and "will send the" in err, err
    cursors = json.loads((an.folder / "outbox" / "cursors.json").read_text())
    acknowledged = sum((an.folder / "visits" / name).read_bytes()[:c["offset"]].count(b"\n") for name, c in cursors.items())
    assert 40 <= acknowledged <= stored(hub) and acknowledged < total
    waiting = json.loads(an.kfield("logs", "status", "--format", "json").stdout)["waiting"]
    assert waiting == total - acknowledged
    hub.start()
    done = an.kfield("logs", "push", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["duplicate"] <= 2       # at most the batch in flight was sent twice
    assert stored(hub) == total
    assert report_rows(hub_db) == zip_import_rows(tmp_path, [an.folder / "visits"])


def test_the_client_killed_mid_batch_resends_and_counts_once(start_hub, laptop, tmp_path):
    hub = start_hub(str(tmp_path / "hub.sqlite3"))
    an = laptop("An")
    total = many_visits(an, 60)
    an.enrol(hub)
    for _ in range(3):
        push = subprocess.Popen([sys.executable, "-m", "kfield", "logs", "push", "--batch", "3"], env=an.env(),
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        start = stored(hub)
        while stored(hub) < min(total, start + 20) and push.poll() is None:
            time.sleep(0.02)
        os.kill(push.pid, signal.SIGKILL)
        push.wait(10)
    done = json.loads(an.kfield("logs", "push", "--format", "json").stdout)
    assert done["waiting"] == 0 and stored(hub) == total
    assert report_rows(hub.db_url) == zip_import_rows(tmp_path, [an.folder / "visits"])


def test_no_hub_says_so_in_words_and_keeps_everything_queued(start_hub, laptop, tmp_path):
    hub = start_hub(str(tmp_path / "hub.sqlite3"))
    an = laptop("An")
    many_visits(an, 7)
    an.enrol(hub)
    hub.kill()
    started = time.monotonic()
    done = an.kfield("logs", "push", "--attempts", "3", "--max-wait", "1", lang="vi")
    assert done.returncode == 1
    assert "Không có kết nối tới máy chủ của tổ: sẽ gửi 35 sự kiện sau" in done.stderr, done.stderr
    assert 1.5 < time.monotonic() - started < 20            # two waits, each capped at a second
    english = an.kfield("logs", "push", "--attempts", "1")
    assert "No connection to the hub: will send the 35 events later" in english.stderr
    status = an.kfield("logs", "status", lang="vi").stdout
    assert "Đang chờ gửi: 35 sự kiện" in status and "không gửi được: Không có kết nối tới máy chủ của tổ" in status
    hub.start()
    assert json.loads(an.kfield("logs", "push", "--format", "json").stdout)["stored"] == 35
    status = an.kfield("logs", "status").stdout
    assert "Last sent:" in status and "did not get through" not in status and "Waiting to be sent: 0 events" in status


def test_visit_end_pushes_in_the_background(start_hub, laptop, tmp_path):
    hub = start_hub(str(tmp_path / "hub.sqlite3"))
    an = laptop("An")
    assert an.kfield("member", "set", "--name", "An", "--school", "NTU").returncode == 0
    an.enrol(hub)
    assert an.kfield("visit", "start", "--commune", "Bắc Nha Trang").returncode == 0
    started = time.monotonic()
    assert an.kfield("visit", "end").returncode == 0
    assert time.monotonic() - started < 10
    deadline = time.monotonic() + 30
    while stored(hub) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stored(hub) == 2


def test_162_members_pushing_at_once(hub_db, start_hub, tmp_path):
    hub = start_hub(hub_db)
    members = [f"Thành viên {n:03d}" for n in range(162)]
    joined = {m: hub.join(m) for m in members}
    sent = {m: [logs.visit(members=(m,), start=logs.T0 + dt.timedelta(minutes=n), code=22333 + n % 9)
                for n in range(2)] for m in members}

    def member(name):
        connection = hub.connection(timeout=60)
        try:
            answers = [post(connection, joined[name].token, lines_of(events)) for events in sent[name]]
        finally:
            connection.close()
        return [line["status"] for status, _, answer in answers for line in answer["lines"]]

    with ThreadPoolExecutor(48) as pool:
        statuses = [s for result in pool.map(member, members) for s in result]
    assert statuses == ["stored"] * 162 * 10
    folder = tmp_path / "as-zips"
    for name, visits in sent.items():
        for events in visits:
            logs.write(folder, events)
    assert report_rows(hub_db) == zip_import_rows(tmp_path, [folder])
