import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

FIX = Path(__file__).parent.parent / "fixtures" / "profiles"


def one_line_no_traceback(stderr):
    lines = [l for l in stderr.splitlines() if l.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_version(kfield_cmd):
    done = kfield_cmd("--version")
    assert done.returncode == 0 and done.stdout.startswith("kfield ")


def test_check_json_on_stdout_only(kfield_cmd):
    done = kfield_cmd("check", "--only", "PC001", "--format", "json", "--lang", "vi")
    assert done.returncode in (0, 1)
    data = json.loads(done.stdout)
    assert data["schema_version"] == 1 and data["lang"] == "vi"
    assert [r["check_id"] for r in data["results"]] == ["PC001"]


@pytest.mark.parametrize("lang, word", [("vi", "Hệ điều hành"), ("en", "Operating system")])
def test_console_plain_text_in_both_languages(kfield_cmd, lang, word):
    done = kfield_cmd("check", "--only", "PC001", "--lang", lang)
    assert word in done.stdout and "\x1b[" not in done.stdout


def test_lang_from_environment(kfield_cmd):
    done = kfield_cmd("check", "--only", "PC001", env={"KFIELD_LANG": "vi"})
    assert "Hệ điều hành" in done.stdout


@pytest.mark.parametrize("args, needle", [
    (["check", "--profile", str(FIX / "bad-type.yaml")], "bad-type.yaml:7:21"),
    (["check", "--profile", str(FIX / "bad-syntax.yaml")], "bad-syntax.yaml:4:7"),
    (["check", "--profile", "/nonexistent/p.yaml"], "/nonexistent/p.yaml"),
    (["check", "--profile", "nosuchprofile"], "nosuchprofile"),
    (["check", "--only", "PC999"], "PC999"),
    (["check", "XYZ"], "XYZ"),
    (["check", "--lang", "fr"], "fr"),
    (["check", "--format", "xml"], "xml"),
    (["nosuchcommand"], "nosuchcommand"),
])
def test_bad_input_is_one_line_and_exit_2(kfield_cmd, args, needle):
    done = kfield_cmd(*args)
    assert done.returncode == 2, done.stderr
    assert needle in one_line_no_traceback(done.stderr)


def test_bad_input_message_in_vietnamese(kfield_cmd):
    done = kfield_cmd("check", "--lang", "vi", "--profile", str(FIX / "bad-unknown-key.yaml"))
    line = one_line_no_traceback(done.stderr)
    assert done.returncode == 2 and "lỗi" in line and "colour" in line


def test_output_file_and_unwritable_output(kfield_cmd, tmp_path):
    target = tmp_path / "r.json"
    done = kfield_cmd("check", "--only", "PC001", "--format", "json", "--output", str(target))
    assert done.stdout == "" and json.loads(target.read_text(encoding="utf-8"))["results"]
    missing = kfield_cmd("check", "--only", "PC001", "--output", str(tmp_path / "out" / "r.json"), "--lang", "en")
    assert missing.returncode == 2 and "does not exist" in missing.stderr and not (tmp_path / "out").exists()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = kfield_cmd("check", "--only", "PC001", "--output", str(blocker / "sub" / "r.txt"))
    assert done.returncode == 2 and "r.txt" in one_line_no_traceback(done.stderr)


def test_profile_commands(kfield_cmd):
    assert kfield_cmd("profile", "validate", str(FIX / "good.yaml")).returncode == 0
    bad = kfield_cmd("profile", "validate", str(FIX / "bad-type.yaml"), str(FIX / "good.yaml"))
    assert bad.returncode == 2 and "bad-type.yaml:7:21" in bad.stderr and "Traceback" not in bad.stderr
    listed = kfield_cmd("profile", "list", "--lang", "vi")
    assert listed.returncode == 0 and "commune-office" in listed.stdout and "Kiểm tra" in listed.stdout
    schema = json.loads(kfield_cmd("profile", "schema").stdout)
    assert schema["properties"]["select"]["type"] == "object"


def test_checks_list_both_languages(kfield_cmd):
    vi = kfield_cmd("checks", "list", "--lang", "vi")
    en = json.loads(kfield_cmd("checks", "list", "--format", "json", "--lang", "en").stdout)
    assert "PC001" in vi.stdout and "Hệ điều hành" in vi.stdout
    pc001 = next(entry for entry in en if entry["id"] == "PC001")
    assert pc001["title"] == "Operating system"


SLOW_RUN = textwrap.dedent("""
    import sys, time
    from kfield.core import registry, result
    from kfield.core.schema import Num
    @registry.check("PC901", timeout=60)
    def fast():
        return result.ok("pc.os.supported", os="x", date="y")
    @registry.check("PC902", timeout=60)
    def slow():
        time.sleep(60)
    from kfield.cli import run
    sys.stderr.write("READY\\n"); sys.stderr.flush()
    sys.exit(run(sys.argv[1:]))
""")


def test_ctrl_c_stops_at_once_shows_what_finished_and_exits_130(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, "check", "--only", "PC901", "--only", "PC902", "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "KFIELD_NO_PROGRESS": "1"},
    )
    assert proc.stderr.readline().strip() == "READY"
    time.sleep(1.0)  # let PC901 finish; PC902 sleeps for a minute
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert time.monotonic() - started < 5
    assert proc.returncode == 130, err
    data = json.loads(out)
    assert data["interrupted"] is True and [r["check_id"] for r in data["results"]] == ["PC901"]
    assert "Traceback" not in err


CRASH = textwrap.dedent("""
    import sys
    import kfield.cli.check as c
    def boom(*a, **k):
        raise RuntimeError("simulated bug")
    c.run_profile = boom
    from kfield.cli import run
    sys.exit(run(["check"]))
""")


def test_internal_error_exit_3_with_a_log_to_paste(tmp_path):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path), "HOME": str(tmp_path), "KFIELD_LANG": "en"}
    done = subprocess.run([sys.executable, "-c", CRASH], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 3
    line = one_line_no_traceback(done.stderr)
    assert "RuntimeError" not in line and "simulated bug" not in line     # a sentence; the details are in the log
    log = Path(line.rsplit(": ", 1)[1])
    assert log.is_file() and "simulated bug" in log.read_text() and "Traceback" in log.read_text()


def test_help_lists_lazy_groups_without_importing_them():
    code = ("import sys; from kfield.cli import run; rc = run(['--help']); "
            "print(sorted(m for m in sys.modules if m.startswith('kfield.cli.') and m != 'kfield.cli.lazy'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "playbook" in done.stdout and "profile" in done.stdout
    loaded = done.stdout.strip().splitlines()[-1]
    assert "kfield.cli.playbook" not in loaded and "kfield.cli.profile" not in loaded


def test_group_without_subcommand_prints_its_help_and_exits_2(kfield_cmd):
    done = kfield_cmd("profile")
    assert done.returncode == 2 and "validate" in done.stderr and "kfield: error" not in done.stderr


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252", "ascii"])
def test_vietnamese_output_survives_a_non_utf8_stream(kfield_cmd, encoding):
    """Windows gives a redirected stdout the ANSI code page; kfield writes UTF-8 anyway."""
    done = subprocess.run([sys.executable, "-m", "kfield", "check", "--only", "PC001", "--lang", "vi"],
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": encoding,
                                                    "KFIELD_NO_PROGRESS": "1"}, timeout=60)
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")
    assert "Hệ điều hành" in done.stdout.decode("utf-8")
