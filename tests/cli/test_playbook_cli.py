"""`kfield playbook …` run for real: in-process (kfield.cli.run), in a subprocess, and
in a real terminal (tmux) for the interactive run."""

import datetime as dt
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import jsonschema
import pytest

from kfield.cli import run
from kfield.playbook import loader
from kfield.playbook.paths import all_paths
from kfield.playbook.transcript import SCHEMA

ROOT = Path(__file__).resolve().parent.parent.parent
FIX = ROOT / "tests" / "fixtures" / "playbooks"
SIGNING = FIX / "good" / "sample-signing.yaml"
SHORT = FIX / "good" / "sample-short.yaml"
PROFILE = FIX / "profile-with-contacts.yaml"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "kfield-data"
    monkeypatch.setenv("KFIELD_DATA_DIR", str(folder))
    monkeypatch.setenv("KFIELD_NO_PROGRESS", "1")
    return folder


def _transcripts(folder):
    found = sorted((folder / "transcripts").glob("*.json"))
    for path in found:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    return found


def test_list_on_the_empty_bundled_folder_and_on_fixtures(capsys):
    assert run(["playbook", "list", "--lang", "en"]) == 0
    assert run(["playbook", "list", str(FIX / "good"), "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "sample-short" in out and "Mẫu thử: không ký số được trên trình duyệt" in out


def test_show_graph_and_paths_accept_a_file_path(capsys):
    assert run(["playbook", "show", str(SIGNING), "--lang", "en"]) == 0
    assert "which-browser  [Question] Which browser does the official sign in?" in capsys.readouterr().out
    assert run(["playbook", "graph", str(SIGNING), "--lang", "vi"]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD\n")
    assert run(["playbook", "paths", str(SHORT), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "1. power [on] → cable [done] → fixed ⇒ Fixed"
    assert "3 path(s)" in captured.err
    assert run(["playbook", "paths", str(SIGNING), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["playbook"] == "sample-signing" and len(data["paths"]) == 33 and not data["truncated"]


def test_unknown_id_and_invalid_file_exit_2_with_positions(capsys):
    assert run(["playbook", "show", "no-such-playbook", "--lang", "en"]) == 2
    assert 'No playbook "no-such-playbook"' in capsys.readouterr().err
    assert run(["playbook", "show", str(FIX / "bad" / "undeclared-var.yaml"), "--lang", "en"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("undeclared-var.yaml:10:" in line for line in err)


def test_lint_exit_codes(capsys):
    assert run(["playbook", "lint", str(FIX / "good"), "--profile", str(PROFILE)]) == 0
    assert run(["playbook", "lint"]) == 0  # the bundled library is clean
    only_ca = FIX.parent / "profiles" / "good.yaml"  # defines provincial_ca but not provincial_it
    assert run(["playbook", "lint", str(FIX / "good"), "--profile", str(only_ca), "--lang", "en"]) == 1
    capsys.readouterr()
    assert run(["playbook", "lint", str(FIX / "bad"), "--profile", str(PROFILE), "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert "unreachable.yaml:12:3: step \"orphan\" cannot be reached from the start" in captured.out
    assert "finding(s) in 13 file(s)" in captured.err
    assert run(["playbook", "lint", "no/such/file.yaml"]) == 2


def test_schema_commands(capsys, tmp_path):
    assert run(["playbook", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "PC001" in json.dumps(schema["properties"]["steps"])
    target = tmp_path / "t.schema.json"
    assert run(["playbook", "schema", "--transcript", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == SCHEMA


def _real_pc001_status():
    from kfield.core.profile import load_profile
    from kfield.machine import current_host
    from kfield.testing import compute_check

    params = load_profile(PROFILE).params
    return compute_check("PC001", host=current_host(), os_end_of_support=params["os_end_of_support"]).status.value


@pytest.mark.parametrize("answers_format", ["yaml", "json"])
def test_answers_files_through_every_path_the_real_check_allows(tmp_path, data_dir, capsys, answers_format):
    status = _real_pc001_status()
    paths, _ = all_paths(loader.load(SIGNING))
    feasible = [p for p in paths if all(status in h.label.split("|") for h in p.hops if h.kind == "check")]
    assert feasible
    for n, path in enumerate(feasible):
        answers = tmp_path / f"answers-{n}.{answers_format}"
        body = json.dumps(path.answers()) if answers_format == "json" else "".join(f"- {a}\n" for a in path.answers())
        answers.write_text(body, encoding="utf-8")
        transcript = tmp_path / f"run-{n}.json"
        code = run(["playbook", "run", str(SIGNING), "--profile", str(PROFILE), "--answers", str(answers),
                    "--transcript", str(transcript), "--lang", "vi"])
        assert code == (0 if path.outcome == "fixed" else 1)
        data = json.loads(transcript.read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA)
        assert [e["step"] for e in data["steps"]] == path.steps()
        assert data["outcome"]["kind"] == path.outcome and data["profile"] == "playbook-tests"
        check = next(e for e in data["steps"] if e["kind"] == "check")
        assert check["result"]["check_id"] == "PC001" and check["result"]["evidence"]
    assert "Đang kiểm tra PC001 — Hệ điều hành" in capsys.readouterr().out


def test_non_interactive_missing_answer_is_one_line_exit_2_and_never_reads_stdin(kfield_cmd, data_dir):
    done = kfield_cmd("playbook", "run", str(SHORT), "--non-interactive", "--lang", "en",
                      env={"KFIELD_DATA_DIR": str(data_dir)}, timeout=60)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("kfield: error:")]
    assert errors == ['kfield: error: No answer for step "power" (choose one of: on, off)']
    assert "Traceback" not in done.stderr
    assert (data_dir / "progress" / "sample-short.json").is_file()
    assert json.loads(_transcripts(data_dir)[0].read_text(encoding="utf-8"))["outcome"]["reason"] == "missing_answer"


def test_closed_stdin_in_interactive_mode_is_exit_2(kfield_cmd, data_dir):
    done = kfield_cmd("playbook", "run", str(SHORT), "--lang", "en", env={"KFIELD_DATA_DIR": str(data_dir)})
    assert done.returncode == 2 and 'Input ended (stdin closed) at step "power"' in done.stderr


def test_resume_without_progress_is_exit_2(capsys):
    assert run(["playbook", "run", str(SHORT), "--resume", "--lang", "en"]) == 2
    assert "No saved progress for playbook sample-short" in capsys.readouterr().err


# --- a real terminal ----------------------------------------------------------------------------


class Tmux:
    """One private tmux server (its own socket) so nothing else's sessions are touched."""

    def __init__(self):
        self.socket = f"kfield-test-{uuid.uuid4().hex[:8]}"

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10)

    def start(self, name, argv, env):
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = f"env {exports} {shlex.join(argv)}; echo EXIT=$?; sleep 60"
        done = self.tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", "-c", str(ROOT), command)
        assert done.returncode == 0, done.stderr

    def screen(self, name):
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", name).stdout

    def wait_for(self, name, predicate, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen(name)
            if predicate(shown):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting in tmux; the screen was:\n{self.screen(name)}")

    def keys(self, name, *keys):
        self.tmux("send-keys", "-t", name, *keys)

    def close(self):
        self.tmux("kill-server")


@pytest.fixture
def tmux():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt package tmux, listed in .ci/apt-packages.txt)")
    terminal = Tmux()
    try:
        yield terminal
    finally:
        terminal.close()


def _run_argv(*extra):
    return [sys.executable, "-m", "kfield", "playbook", "run", str(SIGNING), "--profile", str(PROFILE),
            "--lang", "vi", *extra]


def _env(data_dir):
    return {"KFIELD_DATA_DIR": str(data_dir), "KFIELD_NO_PROGRESS": "1", "PYTHONPATH": str(ROOT)}


QUESTION = "Cán bộ đang dùng trình duyệt nào để ký?"


def test_interactive_run_in_a_real_terminal_choices_back_quit_and_resume(tmux, data_dir):
    if _real_pc001_status() not in ("ok", "warn"):
        pytest.skip("PC001 does not pass on this machine, so the sample takes its escalate branch")
    tmux.start("first", _run_argv(), _env(data_dir))
    tmux.wait_for("first", lambda s: "Chọn [1-3]:" in s and QUESTION in s)
    tmux.keys("first", "1", "Enter")
    shown = tmux.wait_for("first", lambda s: "Chọn [1-2]:" in s)
    assert "Đang kiểm tra PC001 — Hệ điều hành" in shown and "Đạt:" in shown
    assert "Trên Chrome: bấm biểu tượng ổ khóa" in shown
    tmux.keys("first", "b", "Enter")
    tmux.wait_for("first", lambda s: s.count(QUESTION) == 2 and s.rstrip().endswith("Chọn [1-3]:"))
    tmux.keys("first", "2", "Enter")
    tmux.wait_for("first", lambda s: "Trên Edge: bấm biểu tượng ổ khóa" in s and s.rstrip().endswith("Chọn [1-2]:"))
    tmux.keys("first", "q", "Enter")
    shown = tmux.wait_for("first", lambda s: "EXIT=" in s)
    assert "EXIT=0" in shown and "Đã lưu tiến độ vào" in shown and "--resume" in shown
    assert (data_dir / "progress" / "sample-signing.json").is_file()

    tmux.start("second", _run_argv("--resume"), _env(data_dir))
    shown = tmux.wait_for("second", lambda s: "Chọn [1-2]:" in s)
    assert "Làm tiếp từ bước «Trên Edge: bấm biểu tượng ổ khóa → Cài đặt trang web → Truy cập mạng cục bộ →…»" in shown
    assert "allow-lna" not in shown and "Trên Edge" in shown and QUESTION not in shown
    tmux.keys("second", "1", "Enter")
    tmux.wait_for("second", lambda s: "Đã ký được chưa?" in s and s.rstrip().endswith("Chọn [1-3]:"))
    tmux.keys("second", "1", "Enter")
    shown = tmux.wait_for("second", lambda s: "EXIT=" in s)
    assert "== Kết quả: Đã khắc phục ==" in shown and "Đã ký được trên Edge." in shown and "EXIT=0" in shown
    assert not (data_dir / "progress" / "sample-signing.json").exists()
    [transcript] = _transcripts(data_dir)
    data = json.loads(transcript.read_text(encoding="utf-8"))
    assert data["outcome"]["kind"] == "fixed" and len(data["resumed"]) == 1 and data["mode"] == "interactive"
    assert [e["action"] for e in data["steps"] if e["step"] == "allow-lna"] == ["back", "answer"]


def test_ctrl_c_in_a_real_terminal_saves_progress_and_exits_130(tmux, data_dir):
    tmux.start("interrupt", _run_argv(), _env(data_dir))
    tmux.wait_for("interrupt", lambda s: "Chọn [1-3]:" in s)
    tmux.keys("interrupt", "C-c")
    shown = tmux.wait_for("interrupt", lambda s: "EXIT=" in s)
    assert "EXIT=130" in shown and "Đã lưu tiến độ vào" in shown and "Traceback" not in shown
    progress = json.loads((data_dir / "progress" / "sample-signing.json").read_text(encoding="utf-8"))
    assert progress["state"]["step"] == "which-browser"
