"""The visit commands as a student uses them, in both languages, with real files."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def kf(tmp_path):
    env = {**os.environ, "KFIELD_DATA_DIR": str(tmp_path / "data"), "KFIELD_CONFIG_DIR": str(tmp_path / "config"),
           "KFIELD_NO_PROGRESS": "1"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "kfield", *args], capture_output=True, text=True, env=env,
                              timeout=120, stdin=subprocess.DEVNULL)

    run.data = tmp_path / "data"
    return run


def test_a_whole_visit(kf):
    assert kf("member", "set", "--name", "Trần Thị Bình", "--school", "Đại học Khánh Hòa", "--team", "Tổ 5").returncode == 0
    started = kf("visit", "start", "--commune", "xa cam lam", "--member", "Lê Văn Cường", "--lang", "vi")
    assert started.returncode == 0 and "Xã Cam Lâm" in started.stderr
    assert kf("visit", "note", "Phòng một cửa mất mạng").returncode == 0
    assert kf("visit", "problem", "Không ký được", "--system", "signing", "--outcome", "escalated").returncode == 0
    assert kf("visit", "task", "eoffice", "--system", "eoffice").returncode == 0
    assert kf("visit", "train", "--topic", "Nhận diện lừa đảo", "--officials", "14").returncode == 0
    shown = json.loads(kf("visit", "show", "--json").stdout)
    assert shown["commune"] == "Xã Cam Lâm" and shown["members"] == ["Trần Thị Bình", "Lê Văn Cường"]
    assert shown["problems"][0]["outcome"] == "escalated" and shown["officials_trained"] == 14
    assert shown["systems"] == ["eoffice", "signing"] and shown["ended"] is None
    assert kf("visit", "end").returncode == 0
    listing = kf("visit", "list", "--lang", "vi").stdout
    assert "Xã Cam Lâm (22453)" in listing and "14" in listing


def test_checks_run_during_a_visit_are_attached(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "22366")
    ran = kf("check", "--only", "PC001", "--lang", "en")
    assert "Attached to visit" in ran.stderr
    shown = json.loads(kf("visit", "show", "--json").stdout)
    assert [r["check_id"] for r in shown["checks"][0]["results"]] == ["PC001"]


@pytest.mark.parametrize("args, key_words", [
    (("visit", "start", "--commune", "cam lam"), "member set"),
    (("visit", "note", "x"), "visit start"),
    (("visit", "end"), "visit start"),
    (("visit", "show", "../../etc/passwd"), "../../etc/passwd"),
])
def test_refusals_are_one_line_exit_2(kf, args, key_words):
    for lang in ("vi", "en"):
        done = kf(*args, "--lang", lang)
        assert done.returncode == 2 and key_words in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_unknown_commune_and_a_second_open_visit(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    unknown = kf("visit", "start", "--commune", "Nha Trng", "--lang", "vi")
    assert unknown.returncode == 2 and "Phường Nha Trang" in unknown.stderr
    assert kf("visit", "start", "--commune", "Nha Trang").returncode == 0
    again = kf("visit", "start", "--commune", "Cam Lâm", "--lang", "en")
    assert again.returncode == 2 and "still open" in again.stderr


def test_a_torn_log_still_shows_with_a_warning(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    kf("visit", "note", "một")
    log = next((kf.data / "visits").glob("*.jsonl"))
    with open(log, "ab") as handle:
        handle.write(b'{"id": "20261124T999999Z-torn", "type": "no')
    shown = kf("visit", "show", "--lang", "en")
    assert shown.returncode == 0 and "Note: một" in shown.stdout and "damaged (torn)" in shown.stderr


def test_diff_within_a_visit_and_since_the_last_visit(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    kf("visit", "start", "--commune", "Nha Trang")
    one = kf("visit", "diff", "--lang", "en")
    assert one.returncode == 2 and "no check runs" in one.stderr
    kf("check", "--only", "PC001")
    kf("check", "--only", "PC001")
    within = kf("visit", "diff", "--lang", "vi")
    assert within.returncode == 0 and "Vẫn tốt: 1" in within.stdout and "Đã sửa được: 0" in within.stdout
    kf("visit", "end")
    assert kf("visit", "diff", "--since-last", "--lang", "en").returncode == 2   # the latest visit is the first
    kf("visit", "start", "--commune", "Phường Nha Trang")
    kf("check", "--only", "PC001")
    since = kf("visit", "diff", "--since-last", "--lang", "en")
    assert since.returncode == 0 and "Still fine: 1" in since.stdout


def test_another_province_and_a_wrong_province_code(kf):
    kf("member", "set", "--name", "An", "--school", "NTU")
    other = kf("visit", "start", "--commune", "Nha Trang", "--province", "1", "--lang", "en")
    assert other.returncode == 2 and "No commune" in other.stderr          # Hà Nội has no Nha Trang
    wrong = kf("visit", "start", "--commune", "x", "--province", "999", "--lang", "vi")
    assert wrong.returncode == 2 and "999" in wrong.stderr
