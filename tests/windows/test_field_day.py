"""A student's field day under wine with the Windows kit, as the guide tells it: who you are, the
visit, run-checks, a note, the end and the pack, all through the stick's launchers on an office
PC with no Python; then the lecturer's import on Linux and the readiness view showing that PC.
Nothing is left in the office PC's user folders; a second PC with the same stick records for the
same member; and every line the student read is Vietnamese with no exception text, code or key.

One stick and one loop for the module (each wine start costs seconds)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from kfield.core.i18n import catalogue
from kfield.usb import manifest
from tests.windows import wine
from tests.windows.conftest import copy_kit
from tests.windows.test_kit import launch

NAME, SCHOOL = "Nguyễn Thị Hồng", "Trường Đại học Nha Trang"
NOTE = "Đã thay cáp mạng ở bộ phận một cửa"
FOREIGN = wine.FOREIGN


def user_files(prefix: wine.Prefix) -> dict:
    """Every file in the PC's user folders (AppData, Temp, Documents…) with its size."""
    root = prefix.path / "drive_c" / "users"
    return {str(p.relative_to(root)): p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()}


@pytest.fixture(scope="module")
def day(wine_base, windows_kit, tmp_path_factory):
    base, netns = wine_base
    stick = copy_kit(windows_kit[0], tmp_path_factory.mktemp("day") / "stick")
    office = wine.fresh_prefix(base / "office-pc", netns)
    try:
        office.run(["cmd", "/c", "echo", "ready"])          # wine's own first start, before the snapshot
        before = user_files(office)
        steps = {}
        for key, script, args in (
                ("member", "kfield.cmd", ("member", "set", "--name", NAME, "--school", SCHOOL, "--lang", "vi")),
                ("start", "kfield.cmd", ("visit", "start", "--commune", "Cam Lâm", "--lang", "vi")),
                ("checks", "run-checks.cmd", ("--lang", "vi")),
                ("note", "kfield.cmd", ("visit", "note", NOTE, "--lang", "vi")),
                ("end", "kfield.cmd", ("visit", "end", "--lang", "vi")),
                ("pack", "kfield.cmd", ("logs", "pack", "--lang", "vi"))):
            steps[key] = launch(office, stick / script, *args)
        yield stick, office, before, user_files(office), steps
    finally:
        office.stop()


def test_every_step_runs_from_the_stick(day):
    _stick, _office, _before, _after, steps = day
    codes = {key: code for key, (code, _out, _err) in steps.items()}
    assert codes.pop("checks") in (0, 1) and set(codes.values()) == {0}, {k: v[2][-800:] for k, v in steps.items()}


def test_every_start_shows_the_manifest_short_hash_and_build_date(day):
    stick, _office, _before, _after, steps = day
    found = manifest.load(stick)
    for key, (_code, _out, err) in steps.items():
        assert err.splitlines()[0] == manifest.banner(found), key


def test_run_checks_shows_the_counts_and_files_the_run_with_the_open_visit(day):
    _stick, _office, _before, _after, steps = day
    _code, _out, err = steps["checks"]
    assert re.search(r"\d+ đạt", err) and "hồ sơ usb" in err and "Đã ghi kết quả vào" in err, err
    assert "Đã gắn vào chuyến công tác" in err, err


def test_everything_is_on_the_stick_and_the_office_pc_keeps_nothing(day):
    stick, _office, before, after, steps = day
    assert after == before, sorted(set(after) - set(before))
    data = stick / "kfield-data"
    assert (data / "member.json").is_file() and len(list((data / "visits").glob("*.jsonl"))) == 1
    assert len(list(data.glob("*.zip"))) == 1 and len(list((stick / "results").iterdir())) == 1
    assert "kfield-data" in steps["pack"][2]
    assert manifest.verify(stick, stamp=False).ok               # the kit still starts: nothing written among its files


def test_the_lecturer_imports_the_stick_and_readiness_shows_the_pc(day, tmp_path):
    stick, *_rest = day
    [folder] = list((stick / "results").iterdir())
    pc_id = json.loads((folder / "report.json").read_text(encoding="utf-8"))["pc_id"]
    env = {**os.environ, "KFIELD_DATA_DIR": str(tmp_path / "lecturer"), "KFIELD_NO_PROGRESS": "1"}
    env.pop("KFIELD_KIT", None)

    def kfield(*args):
        return subprocess.run([sys.executable, "-m", "kfield", *args, "--lang", "en"], capture_output=True, text=True,
                              env=env, stdin=subprocess.DEVNULL, timeout=120, cwd=str(tmp_path))

    imported = kfield("logs", "import", str(stick / "results"))            # any folder of the stick
    assert imported.returncode == 0 and "new: " in imported.stdout, imported.stderr
    pcs = kfield("report", "pcs", "--format", "json")
    readiness = kfield("report", "readiness", "--format", "json")
    assert pcs.returncode == 0 and pc_id in pcs.stdout and "22453" in pcs.stdout, pcs.stdout[-1000:]
    assert readiness.returncode == 0 and "22453" in readiness.stdout


def test_a_second_pc_with_the_same_stick_records_for_the_same_member(day, wine_base):
    stick, *_rest = day
    base, netns = wine_base
    other = wine.fresh_prefix(base / "second-pc", netns)
    try:
        code, _out, err = launch(other, stick / "kfield.cmd", "visit", "start", "--commune", "Cam Ranh", "--lang", "vi")
        ended = launch(other, stick / "kfield.cmd", "visit", "end", "--lang", "vi")
    finally:
        other.stop()
    assert code == 0 and f"Ghi cho {NAME} ({SCHOOL})" in err, err
    assert ended[0] == 0
    logs = [p.read_text(encoding="utf-8") for p in (stick / "kfield-data" / "visits").glob("*.jsonl")]
    assert len(logs) == 2 and all(NAME in log for log in logs)


def test_every_status_the_student_read_has_one_label(day):
    """Statuses in brackets and in the counts line are the five Vietnamese labels; "Không kiểm tra được"
    only ever starts a skip's reason, never labels a status."""
    from kfield.core.i18n import text
    from kfield.core.result import Status

    labels = {text(f"status.{status.value}", "vi") for status in Status}
    shown = "".join(out + err for _code, out, err in day[4].values())
    bracketed = set(re.findall(r"^\s*\[([^\]]+)\]", shown, re.MULTILINE))
    assert bracketed and bracketed <= labels, bracketed - labels
    assert not re.search(r"\[Không kiểm tra được\]|\d+ không kiểm tra được", shown), shown[-1500:]
    for line in shown.splitlines():
        if "Không kiểm tra được" in line and line.lstrip().startswith("["):
            assert line.lstrip().startswith("[Bỏ qua]"), line


def test_what_the_student_read_is_vietnamese_without_exception_text_codes_or_keys(day):
    _stick, _office, _before, _after, steps = day
    keys = [key for key in catalogue() if key.count(".") >= 1]
    for step, (_code, out, err) in steps.items():
        shown = out + err
        assert not FOREIGN.search(shown), (step, FOREIGN.search(shown).group(0), shown[-1500:])
        assert not [key for key in keys if re.search(rf"(?<![\w./\\-]){re.escape(key)}(?![\w.-])", shown)], step
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", shown.lower()), step
