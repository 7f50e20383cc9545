"""Ctrl-C anywhere and a full disk, with real signals to real processes: one line, exit 130 (or the
command's own code if it finished first), never a traceback, and never an output file that looks
complete but is not — from the entry point's first line (before Typer is imported) to the last
row of an XLSX export and the last log of a zip."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.aggregate import logs

# The `kfield` command's entry point, with one byte on stderr once its module is loaded: the parent
# starts its clock there, so every delay lands in kfield's own code (what runs before — Python's own
# start — is not kfield's to catch).
ENTRY = "import os, sys; from kfield.__main__ import main; os.write(2, b'>'); sys.argv[0] = 'kfield'; main()"
DELAYS = (0.001, 0.002, 0.003, 0.006, 0.01, 0.02, 0.03, 0.045, 0.06, 0.08, 0.1, 0.13, 0.17, 0.22, 0.3, 0.45, 0.7,
          1.0, 1.5, 2.2)


def _big_visit(folder: Path, notes: int) -> None:
    visit = logs.visit()
    extra = [logs.event("note", visit[0]["visit"], {"text": f"ghi chú số {i} " * 12}, 1 + i / 1000)
             for i in range(notes)]
    logs.write(folder, visit[:1] + extra + visit[1:])


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    base = tmp_path_factory.mktemp("interrupts")
    _big_visit(base / "data" / "visits", 20_000)
    return base


def _env(base: Path, lang: str) -> dict:
    return {**os.environ, "KFIELD_DATA_DIR": str(base / "data"), "KFIELD_CONFIG_DIR": str(base / "config"),
            "KFIELD_NO_PROGRESS": "1", "XDG_STATE_HOME": str(base / "state"), "KFIELD_LANG": lang}


def _interrupt(args: list[str], env: dict, delay: float) -> tuple[int, str]:
    child = subprocess.Popen([sys.executable, "-c", ENTRY, *args], env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert child.stderr.read(1) == b">"
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    err = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    return child.wait(timeout=120), err


def _in_the_harness(err: str) -> bool:
    """The signal landed in the test's own entry line, between its marker and the call of kfield's
    entry point (a loaded machine can pause the child there): a traceback with no frame but "<string>"."""
    frames = [line for line in err.splitlines() if line.strip().startswith("File ")]
    return "KeyboardInterrupt" in err and bool(frames) and all('File "<string>"' in f for f in frames)


LINE = {"vi": "Đã dừng theo yêu cầu (Ctrl-C)", "en": "Stopped on request (Ctrl-C)"}


def _assert_one_line_or_done(code: int, err: str, lang: str, done_line: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err and "Error" not in err, err
    if code == 130:         # one line; or, when the signal came after the output was complete, its "Wrote" first
        lines = err.strip().splitlines()
        assert lines[-1].startswith(LINE[lang]) and (len(lines) == 1 or lines[:-1] == [l for l in lines[:-1]
                                                                                      if l.startswith(done_line)]), err
    else:                   # done; a signal in Python's own last moments (after kfield) ends it as SIGINT does
        assert code in (0, -signal.SIGINT) and done_line in err, (code, err)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_ctrl_c_at_twenty_moments_of_an_xlsx_export(data, tmp_path, lang):
    out = tmp_path / "all.xlsx"
    codes = []
    for delay in DELAYS:
        out.unlink(missing_ok=True)
        code, err = _interrupt(["export", "--all", "-f", "xlsx", "-o", str(out)], _env(data, lang), delay)
        if _in_the_harness(err):
            continue
        _assert_one_line_or_done(code, err + f" (after {delay} s)" * (not err), lang, {"vi": "Đã ghi", "en": "Wrote"}[lang])
        if code == 130 and "Wrote" not in err and "Đã ghi" not in err:
            assert not out.exists()
        else:
            assert zipfile.ZipFile(out).testzip() is None           # complete, or not there at all
        assert [p.name for p in tmp_path.iterdir() if p.name != "all.xlsx"] == []
        codes.append(code)
    assert codes.count(130) >= len(DELAYS) // 2, codes                # the signal mostly landed mid-work


@pytest.fixture(scope="module")
def laptop(tmp_path_factory):
    """A student's laptop with 41 visit logs of about a megabyte each (packing takes a while)."""
    base = tmp_path_factory.mktemp("laptop")
    for index in range(41):
        _big_visit(base / "data" / "visits", 2_000 + index)
    return base


def test_ctrl_c_while_logs_are_packed_leaves_no_zip(laptop, tmp_path):
    out = tmp_path / "logs.zip"
    codes = []
    for delay in DELAYS:
        out.unlink(missing_ok=True)
        code, err = _interrupt(["logs", "pack", "-o", str(out)], _env(laptop, "en"), delay)
        if _in_the_harness(err):
            continue
        _assert_one_line_or_done(code, err, "en", "Packed the visit logs (41)")
        if code == 130 and "Packed" not in err:
            assert not out.exists()
        else:
            with zipfile.ZipFile(out) as archive:
                assert archive.testzip() is None and len(archive.namelist()) == 42    # 41 logs and the manifest
        assert [p.name for p in tmp_path.iterdir() if p.name != "logs.zip"] == []
        codes.append(code)
    assert codes.count(130) >= len(DELAYS) // 2, codes


def _full_disk_why_not() -> str:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return "needs root and unshare(1) to mount a small tmpfs in a private mount namespace"
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return "" if probe.returncode == 0 else "unshare -m is not allowed here"


@pytest.mark.skipif(bool(_full_disk_why_not()), reason=_full_disk_why_not() or "runs")
@pytest.mark.parametrize("args", [["logs", "pack"], ["export", "--all", "-f", "md"], ["export", "--all", "-f", "xlsx"]])
def test_a_full_disk_leaves_no_output_and_says_so(laptop, tmp_path, args):
    """A 16 KiB tmpfs, in a mount namespace of its own, filled by the output."""
    disk = tmp_path / "stick"
    disk.mkdir()
    script = ('mount -t tmpfs -o size=16k tmpfs "$1" || exit 99; shift; "$@" -o "$0/out"; echo "rc=$?"; '
              'ls -A "$0"')
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, str(disk), str(disk), sys.executable, "-m", "kfield",
                           *args, "--lang", "vi"], env=_env(laptop, "vi"), capture_output=True, text=True, timeout=300)
    lines = done.stdout.split("rc=", 1)[1].split()
    assert lines == ["2"], done.stdout                     # exit 2, and the folder is empty: no file, no temporary
    assert "ổ đĩa đã đầy" in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Đã ghi" not in done.stderr and "Đã gói" not in done.stderr
