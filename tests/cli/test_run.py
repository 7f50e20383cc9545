"""`kfield run --non-interactive`: stdin closed, results written where they can be, valid JSON.

Runs inside an empty network namespace (the offline office) so no check reaches a real network."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


@pytest.fixture
def offline():
    if os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("setpriv") is None:
        pytest.skip("needs root, iproute2 and setpriv for an empty network namespace")
    name = f"kfrun{uuid.uuid4().hex[:8]}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
    try:
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


def scripted(ns, *args, user=None, data=None):
    argv = [sys.executable, "-m", "kfield", "run", "--profile", "quick", "--non-interactive", *args]
    if user:
        argv = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *argv]
    env = {**os.environ, "KFIELD_DATA_DIR": str(data), "KFIELD_NO_PROGRESS": "1"}
    proc = subprocess.Popen(["ip", "netns", "exec", ns, *argv], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    proc.stdin.close()                                   # a launcher may give no stdin at all
    proc.stdin = None
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def test_closed_stdin_valid_json_and_html_in_the_results_folder(offline, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    code, _, err = scripted(offline, "--results-dir", str(tmp_path / "results"), "--lang", "vi", data=tmp_path)
    assert code in (0, 1) and "Traceback" not in err and "Đã ghi kết quả vào" in err
    [folder] = list((tmp_path / "results").iterdir())
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    assert report["profile"] == "quick" and code == (1 if any(r["status"] == "fail" for r in report["results"]) else 0)
    assert "<html" in (folder / "summary.html").read_text(encoding="utf-8")


def test_read_only_results_go_to_a_temporary_folder_and_say_where(offline, tmp_path):
    locked = tmp_path / "stick"
    locked.mkdir(mode=0o755)                             # owned by root: nobody cannot write there
    tmp_path.chmod(0o755)
    code, _, err = scripted(offline, "--results-dir", str(locked / "results"), "--lang", "en", user="nobody",
                            data=Path("/tmp") / f"kfrun-data-{uuid.uuid4().hex[:6]}")
    assert code in (0, 1), err
    assert "Cannot write to" in err and "results went to" in err
    fallback = Path(err.split("results went to ")[1].split()[0])
    assert (fallback / "report.json").exists()
    shutil.rmtree(fallback, ignore_errors=True)
