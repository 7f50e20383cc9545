"""A data folder the user may not write, met as a normal user would meet it: the real `kfield visit
start / note / problem / end` run as `nobody` (setpriv) against a data folder root owns with mode 0755,
and against a log root made read-only. Each ends in one line in the user's language and exit 2; every
event recorded before is still on disk, byte for byte, and still shown. (The other tests run as root,
for whom nothing lacks permission.)"""

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

DENIED = {"vi": ("Không ghi được vào thư mục dữ liệu", "không có quyền truy cập", "vẫn còn nguyên"),
          "en": ("Cannot write to the data folder", "permission denied", "Everything recorded before is kept")}


def _why_not() -> str:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return "needs root and setpriv(1) to run kfield as the user nobody"
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return "this system has no user nobody"
    reach = subprocess.run(["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups",
                            sys.executable, "-c", "import kfield"], capture_output=True, timeout=60)
    return "" if reach.returncode == 0 else "nobody cannot reach this Python or kfield (a checkout in a private folder)"


WHY_NOT = _why_not()
pytestmark = pytest.mark.skipif(bool(WHY_NOT), reason=WHY_NOT or "runs")


@pytest.fixture
def kf():
    base = Path(tempfile.mkdtemp(prefix="kfield-noperm-"))
    base.chmod(0o755)                       # nobody reaches the folders; root owns them all
    env = {**os.environ, "KFIELD_DATA_DIR": str(base / "data"), "KFIELD_CONFIG_DIR": str(base / "config"),
           "KFIELD_NO_PROGRESS": "1", "XDG_STATE_HOME": str(base / "state"), "HOME": str(base)}
    nobody = pwd.getpwnam("nobody")

    def run(*args, user=None):
        drop = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"] if user else []
        return subprocess.run([*drop, sys.executable, "-m", "kfield", *args], capture_output=True, text=True,
                              env=env, timeout=120, stdin=subprocess.DEVNULL)

    run.data, run.nobody = base / "data", nobody
    (base / "data").mkdir(mode=0o755)
    assert run("member", "set", "--name", "Trần Thị Bình", "--school", "ĐH Khánh Hòa").returncode == 0
    run.member = base / "config" / "member.json"
    assert run.member.stat().st_mode & 0o777 == 0o600    # private to the user who set it
    run.member.chmod(0o644)                              # as if nobody had set it: nobody reads it
    try:
        yield run
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _denied(done, lang):
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal" not in done.stderr.lower()
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert all(words in done.stderr for words in DENIED[lang]), done.stderr


def _tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_visit_in_a_data_folder_root_owns(kf, lang):
    assert kf.data.stat().st_uid == 0 and kf.data.stat().st_mode & 0o777 == 0o755
    _denied(kf("visit", "start", "--commune", "22366", "--lang", lang, user="nobody"), lang)
    assert _tree(kf.data) == {}                          # nothing half-made
    assert kf("visit", "start", "--commune", "22366").returncode == 0      # root still can


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_notes_problems_and_the_end_of_a_visit_root_recorded(kf, lang):
    assert kf("visit", "start", "--commune", "22366").returncode == 0
    assert kf("visit", "note", "đã ghi").returncode == 0
    before = _tree(kf.data)
    for args in (("note", "không ghi được"), ("problem", "Máy in", "--system", "printer"), ("end",)):
        _denied(kf("visit", *args, "--lang", lang, user="nobody"), lang)
    assert _tree(kf.data) == before
    shown = kf("visit", "show", "--json", user="nobody")         # reading needs no write permission
    assert shown.returncode == 0 and json.loads(shown.stdout)["notes"] == ["đã ghi"]
    assert json.loads(shown.stdout)["ended"] is None           # the visit is still open


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_log_root_made_read_only_in_a_folder_nobody_may_write(kf, lang):
    assert kf("visit", "start", "--commune", "22366").returncode == 0
    assert kf("visit", "note", "đã ghi").returncode == 0
    visits = kf.data / "visits"
    for path in [visits, *visits.iterdir()]:
        os.chown(path, kf.nobody.pw_uid, kf.nobody.pw_gid)
    log = next(visits.glob("*.jsonl"))
    os.chown(log, 0, 0)
    log.chmod(0o444)
    before = log.read_bytes()
    for args in (("note", "không ghi được"), ("end",)):
        _denied(kf("visit", *args, "--lang", lang, user="nobody"), lang)
    assert log.read_bytes() == before and log.stat().st_mode & 0o777 == 0o444
    shown = kf("visit", "show", "--lang", lang, user="nobody")
    assert shown.returncode == 0 and "đã ghi" in shown.stdout
    assert (visits / "current").read_text().strip() == log.stem   # still open: the end was not written


@pytest.mark.parametrize("lang, words", [("vi", ("Không đọc được tệp", "không có quyền truy cập")),
                                         ("en", ("Cannot read", "permission denied"))])
def test_a_member_file_the_user_may_not_read_is_not_called_damaged(kf, lang, words):
    kf.member.chmod(0o600)
    done = kf("visit", "start", "--commune", "22366", "--lang", lang, user="nobody")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert all(w in done.stderr for w in (*words, str(kf.member))) and "member set" not in done.stderr
    assert _tree(kf.data) == {}
