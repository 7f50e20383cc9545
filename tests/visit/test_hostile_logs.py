"""Damaged logs, hostile text and failing media, as a student meets them through the real commands:
one clear line and exit 2 (never an internal error), the good visits still listed and exported, and
every acknowledged event kept. Media faults use a real tmpfs (full) and a real read-only remount."""

import contextlib
import json
import os
import subprocess
import sys

import pytest

from kfield.visit import store


@pytest.fixture
def kf(tmp_path):
    env = {**os.environ, "KFIELD_DATA_DIR": str(tmp_path / "data"), "KFIELD_CONFIG_DIR": str(tmp_path / "config"),
           "KFIELD_NO_PROGRESS": "1", "XDG_STATE_HOME": str(tmp_path / "state")}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "kfield", *args], capture_output=True, text=True, env=env,
                              timeout=120, stdin=subprocess.DEVNULL)

    run.data = tmp_path / "data"
    assert run("member", "set", "--name", "Trần Thị Bình", "--school", "ĐH Khánh Hòa").returncode == 0
    return run


def _one_clear_line(done, code=2):
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "internal" not in done.stderr.lower()
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def _visit(kf, note="Phòng một cửa mất mạng"):
    assert kf("visit", "start", "--commune", "22366").returncode == 0
    assert kf("visit", "note", note).returncode == 0
    assert kf("visit", "end").returncode == 0


def test_a_damaged_log_is_named_and_the_good_visits_still_listed_and_exported(kf):
    _visit(kf)
    visits = kf.data / "visits"
    (visits / "20200101T000000.000000Z-dead00.jsonl").write_bytes(b"[" * 100_000 + b"\n")   # no start
    (visits / "20200102T000000.000000Z-dead01.jsonl").write_bytes(b'{"province": Infinity}\n')
    listed = kf("visit", "list", "--lang", "vi")
    assert listed.returncode == 0 and "22366" in listed.stdout
    assert len(listed.stderr.splitlines()) == 2 and "Traceback" not in listed.stderr
    exported = kf("export", "--all", "--format", "json")
    assert exported.returncode == 0 and len(json.loads(exported.stdout)["visits"]) == 1
    assert sorted(line.count("dead0") > 0 for line in exported.stderr.splitlines()) == [True, True]
    md = kf("export", "--all", "--format", "md", "--lang", "vi")     # five tables: the logs read five times
    assert md.returncode == 0 and "| 22366 |" in md.stdout and md.stdout.count("\n## ") == 5
    assert sorted(line.count("dead0") > 0 for line in md.stderr.splitlines()) == [True, True]   # named once each


def test_an_event_with_a_valid_checksum_but_wrong_fields_is_a_damaged_line_not_a_crash(kf):
    _visit(kf)
    path = next((kf.data / "visits").glob("*.jsonl"))
    bad = store.make_event("note", path.stem, {"text": "x"})
    bad["data"] = {"outcome": None, "members": 3}
    bad["type"] = "problem"
    bad["sha256"] = store.checksum(bad)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(bad) + "\n")
    for args in (("visit", "show"), ("visit", "list"), ("export", "--all", "--format", "xlsx", "--output",
                                                        str(kf.data.parent / "x.xlsx"))):
        done = kf(*args, "--lang", "en")
        assert done.returncode == 0 and "Traceback" not in done.stderr, (args, done.stderr)
    shown = kf("visit", "show", "--lang", "en")
    assert "line 4" in shown.stderr and "Phòng một cửa mất mạng" in shown.stdout


def test_visit_show_prints_terminal_escapes_as_text_and_markdown_has_no_live_html(kf):
    _visit(kf, note="\x1b]0;pwned\x07\x1b[2J<script>alert(1)</script>[x](javascript:alert(1))")
    shown = kf("visit", "show", "--lang", "vi").stdout
    assert "\x1b" not in shown and "\x07" not in shown and "\\x1b]0;pwned" in shown
    md = kf("export", "--all", "--format", "md").stdout
    assert "<script" not in md and "](javascript" not in md and "\x1b" not in md


@contextlib.contextmanager
def _tmpfs(where, size="256k"):
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root and mount(8) for a real tmpfs")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_ends_in_one_line_and_keeps_every_acknowledged_note(kf):
    with _tmpfs(kf.data):
        assert kf("visit", "start", "--commune", "22366").returncode == 0
        assert kf("visit", "note", "trước khi đầy").returncode == 0
        filler = kf.data / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k", "count=1000"], capture_output=True)
        _one_clear_line(kf("visit", "note", "x" * 20_000, "--lang", "vi"))
        _one_clear_line(kf("visit", "problem", "y" * 20_000, "--lang", "en"))
        filler.unlink()
        assert kf("visit", "note", "sau khi dọn").returncode == 0
        notes = json.loads(kf("visit", "show", "--json").stdout)["notes"]
        assert notes[0] == "trước khi đầy" and notes[-1] == "sau khi dọn"


def test_a_read_only_data_folder_ends_in_one_line_for_every_visit_command(kf):
    with _tmpfs(kf.data, "2m"):
        assert kf("visit", "start", "--commune", "22366").returncode == 0
        assert kf("visit", "note", "đã ghi").returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(kf.data)], check=True)
        for args in (("visit", "note", "không ghi được"), ("visit", "problem", "x"), ("visit", "end"),
                     ("visit", "train", "--topic", "VNeID", "--officials", "3")):
            _one_clear_line(kf(*args, "--lang", "vi"))
        shown = kf("visit", "show", "--json")
        assert shown.returncode == 0 and json.loads(shown.stdout)["notes"] == ["đã ghi"]
        subprocess.run(["mount", "-o", "remount,rw", str(kf.data)], check=True)


def test_a_read_only_data_folder_refuses_a_new_visit_in_one_line(kf):
    with _tmpfs(kf.data, "1m"):
        (kf.data / "visits").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(kf.data)], check=True)
        _one_clear_line(kf("visit", "start", "--commune", "22366", "--lang", "en"))
        subprocess.run(["mount", "-o", "remount,rw", str(kf.data)], check=True)


def test_a_data_folder_that_is_a_file_ends_in_one_line(kf):
    kf.data.parent.mkdir(exist_ok=True)
    kf.data.write_text("not a folder")
    done = kf("visit", "start", "--commune", "22366", "--lang", "vi")
    _one_clear_line(done)
    assert "có một tệp nằm ở chỗ của thư mục" in done.stderr


def test_input_the_schema_refuses_is_a_usage_error_and_nothing_is_written(kf):
    assert kf("visit", "start", "--commune", "22366").returncode == 0
    _one_clear_line(kf("visit", "note", os.fsdecode(b"\xff\xfe"), "--lang", "vi"))   # not UTF-8: surrogate escapes
    _one_clear_line(kf("visit", "train", "--topic", "", "--officials", "3", "--lang", "en"))
    shown = json.loads(kf("visit", "show", "--json").stdout)
    assert shown["notes"] == [] and shown["trainings"] == []


def test_a_fifo_or_a_link_among_the_logs_is_named_not_read(kf):
    _visit(kf)
    visits = kf.data / "visits"
    os.mkfifo(visits / "20200101T000000.000000Z-fifo00.jsonl")          # reading it would wait forever
    (visits / "20200101T000000.000000Z-link00.jsonl").symlink_to("/etc/passwd")
    listed = kf("visit", "list", "--lang", "en")
    assert listed.returncode == 0 and "22366" in listed.stdout
    assert sorted(line.count("not a regular file") for line in listed.stderr.splitlines()) == [1, 1]
    _one_clear_line(kf("visit", "show", "20200101T000000.000000Z-link00", "--lang", "vi"))
