"""The visit log store: checksums, torn and damaged lines, concurrent writers, and kill -9."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path


from kfield.visit import store

APPENDER = [sys.executable, str(Path(__file__).with_name("appender.py"))]
ROOT = str(Path(__file__).resolve().parents[2])


def env():
    return {**os.environ, "PYTHONPATH": ROOT}


def writer(path: Path, tag: str) -> subprocess.Popen:
    """An appender that has finished starting (its startup time depends on the machine's load)."""
    child = subprocess.Popen(APPENDER + [str(path), tag], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env())
    assert child.stderr.readline().strip() == "ready"
    return child


def test_append_and_read_back_with_checksums(tmp_path):
    path = tmp_path / "v.jsonl"
    events = [store.make_event("note", "v1", {"text": f"Ghi chú {i}"}) for i in range(5)]
    for event in events:
        store.append(path, event)
    log = store.read(path)
    assert log.events == tuple(events) and log.damage == ()
    assert all(e["v"] == store.SCHEMA_VERSION and len(e["sha256"]) == 64 for e in log.events)


def test_ids_sort_by_time():
    import datetime as dt

    early = store.new_id(dt.datetime(2026, 11, 24, 8, tzinfo=dt.timezone.utc))
    late = store.new_id(dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc))
    assert early < late


def test_a_torn_last_line_is_reported_and_the_rest_kept(tmp_path):
    path = tmp_path / "v.jsonl"
    for i in range(3):
        store.append(path, store.make_event("note", "v1", {"text": str(i)}))
    whole = path.read_bytes()
    path.write_bytes(whole[:-25])                      # died in the middle of the last line
    log = store.read(path)
    assert [e["data"]["text"] for e in log.events] == ["0", "1"] and log.damage == (store.Damage(3, "torn"),)
    store.append(path, store.make_event("note", "v1", {"text": "3"}))   # the next append is not swallowed
    log = store.read(path)
    assert [e["data"]["text"] for e in log.events] == ["0", "1", "3"] and [(d.line, d.reason) for d in log.damage] == [(3, "json")]


def test_a_changed_line_fails_its_checksum(tmp_path):
    path = tmp_path / "v.jsonl"
    store.append(path, store.make_event("note", "v1", {"text": "thật"}))
    store.append(path, store.make_event("note", "v1", {"text": "sau"}))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("thật", "giả")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log = store.read(path)
    assert [e["data"]["text"] for e in log.events] == ["sau"] and log.damage == (store.Damage(1, "checksum"),)


def test_concurrent_writers_never_interleave(tmp_path):
    path = tmp_path / "v.jsonl"
    children = [writer(path, f"w{i}") for i in range(4)]
    deadline = time.monotonic() + 20   # a second is enough on a quiet machine; under load the lock
    while time.monotonic() < deadline and len(writers_in(path)) < 4:   # is not fair within one
        time.sleep(0.2)
    acked = []
    for child in children:
        child.terminate()
        out, _ = child.communicate(timeout=10)
        acked += out.split()
    log = store.read(path)
    assert log.damage == ()                                   # every line whole: the lock held
    assert set(acked) <= {e["id"] for e in log.events}
    assert len(writers_in(path)) == 4


def writers_in(path: Path) -> set[str]:
    """The writers whose events the log holds."""
    return {e["data"]["text"].split()[0].split("-")[0] for e in store.read(path).events} if path.exists() else set()


KILLS = 200


def test_kill_minus_9_loses_nothing_acknowledged(tmp_path):
    """SIGKILL a writer at random moments, KILLS times; every id it printed (after fsync) must
    be read back, and the file must always load."""
    path, rng, acked = tmp_path / "v.jsonl", random.Random(5), []
    for round_ in range(KILLS):
        child = writer(path, f"k{round_}")
        time.sleep(rng.uniform(0.0, 0.06))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        acked += out.split()
        log = store.read(path)                               # loads after every crash
        assert all(d.reason in ("torn", "json") for d in log.damage)
    ids = {e["id"] for e in store.read(path).events}
    missing = [a for a in acked if a not in ids]
    assert not missing, f"{len(missing)} acknowledged events lost"
    assert len(acked) > KILLS // 4   # the writers did get to write


def test_pick_parses_only_the_lines_asked_for_and_leaves_out_a_damaged_one(tmp_path):
    log = tmp_path / "v.jsonl"
    good = [store.make_event("note", "v1", {"text": str(i)}) for i in range(4)]
    body = [json.dumps(e, ensure_ascii=False) for e in good]
    body.insert(2, "")                                    # a blank line still counts as a line
    body[3] = body[3].replace('"2"', '"two"')              # checksum no longer matches
    log.write_text("\n".join(body) + "\n", encoding="utf-8")
    assert [e["data"]["text"] for e in store.pick(log, [1, 4, 5])] == ["0", "3"]
    assert list(store.pick(log, [])) == []
    assert [e["data"]["text"] for e in store.pick(log, [2, 99])] == ["1"]
