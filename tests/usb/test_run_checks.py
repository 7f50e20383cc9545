"""run-checks.sh from the stick: inside an empty network namespace, stdin closed, clean Python.

The results are valid JSON (docs/report.schema.json); a read-only results folder sends them to
a temporary folder and the message says where."""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.usb.conftest import clean_python_or_skip, launch

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


@pytest.fixture
def offline():
    if os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("setpriv") is None:
        pytest.skip("needs root, iproute2 and setpriv for an empty network namespace")
    clean_python_or_skip()
    name = f"kfusb{uuid.uuid4().hex[:8]}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


def test_scripted_run_writes_valid_json_under_results_and_leaves_no_trace(offline, kit, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    (tmp_path / "home").mkdir()
    (tmp_path / "tmp").mkdir()
    done = launch(kit / "run-checks.sh", "--lang", "vi", netns=offline, tmpdir=tmp_path / "tmp",
                  extra_env={"HOME": str(tmp_path / "home")})
    assert list((tmp_path / "home").iterdir()) == [] and list((tmp_path / "tmp").iterdir()) == []
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr and "Đã ghi kết quả vào" in done.stderr
    [folder] = list((kit / "results").iterdir())
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert report["profile"] == "usb" and (folder / "summary.html").exists()
    assert done.returncode == (1 if any(r["status"] == "fail" for r in report["results"]) else 0)


def test_read_only_results_go_to_a_temporary_folder_and_say_where(offline, built_kit):
    stick = built_kit[0]                                 # owned by root, 755: `nobody` cannot write results/
    scratch = Path(f"/tmp/kfusb-{uuid.uuid4().hex[:6]}")
    scratch.mkdir(mode=0o777)
    scratch.chmod(0o777)
    try:
        done = launch(stick / "run-checks.sh", "--lang", "en", netns=offline, tmpdir=scratch, user="nobody",
                      extra_env={"KFIELD_DATA_DIR": str(scratch / "data")})
        assert done.returncode in (0, 1), done.stderr
        assert f"Cannot write to {stick / 'results'}" in done.stderr and "results went to" in done.stderr
        fallback = Path(done.stderr.split("results went to ")[1].split()[0])
        assert (fallback / "report.json").exists() and list((stick / "results").iterdir()) == []
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_a_day_from_the_stick_files_every_run_and_keeps_it_all_on_the_stick(offline, kit, tmp_path):
    """member → visit → run-checks (attached) → end → run-checks again with no visit open (filed as a
    visit of the stick's last commune) → the lecturer imports a folder of the stick."""
    import sys

    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()

    def step(script, *args):
        done = launch(kit / script, *args, "--lang", "en", netns=offline, tmpdir=tmp, extra_env={"HOME": str(home)})
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, (script, args, done.stderr)
        return done.stderr

    assert "Saved member" in step("kfield.sh", "member", "set", "--name", "Nguyễn Thị Hồng", "--school", "ĐH Nha Trang")
    assert "Recorded for Nguyễn Thị Hồng (ĐH Nha Trang)" in step("kfield.sh", "visit", "start", "--commune", "Cam Lâm")
    first = step("run-checks.sh")
    assert "Attached to visit" in first and " ok" in first and "profile usb" in first, first
    step("kfield.sh", "visit", "end")
    second = step("run-checks.sh")
    assert "Filed the run as a visit to Xã Cam Lâm (22453)" in second, second
    assert list(home.iterdir()) == [] and list(tmp.iterdir()) == []            # nothing on the PC
    assert len(list((kit / "kfield-data" / "visits").glob("*.jsonl"))) == 2
    env = {"PATH": "/usr/bin:/bin", "KFIELD_DATA_DIR": str(tmp_path / "lecturer"), "KFIELD_NO_PROGRESS": "1",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    imported = subprocess.run([sys.executable, "-m", "kfield", "logs", "import", str(kit / "results"), "--lang", "en"],
                              capture_output=True, text=True, env=env, timeout=120)
    pcs = subprocess.run([sys.executable, "-m", "kfield", "report", "pcs", "--format", "json", "--lang", "en"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert imported.returncode == 0 and "Files read: 2" in imported.stdout, imported.stderr
    assert pcs.returncode == 0 and "22453" in pcs.stdout


def test_with_no_visit_and_no_commune_the_run_says_what_to_do(offline, kit, tmp_path):
    done = launch(kit / "run-checks.sh", "--lang", "en", netns=offline, tmpdir=tmp_path,
                  extra_env={"HOME": str(tmp_path)})
    assert done.returncode in (0, 1) and "This run is in no visit" in done.stderr and "visit start" in done.stderr
