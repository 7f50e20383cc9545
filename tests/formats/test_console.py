"""Console output is plain text (no ANSI escapes) unless stdout is a terminal without NO_COLOR."""

import io
import os
import subprocess
import sys

import pytest

from kfield.cli import common
from kfield.formats import console

ESC = "\x1b["


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_plain_render_has_no_escapes_and_colour_render_has(report):
    assert ESC not in console.render(report, "vi", color=False)
    assert ESC in console.render(report, "vi", color=True)


@pytest.mark.parametrize("tty, no_color, output, expected", [
    (True, None, None, True),
    (True, "1", None, False),
    (False, None, None, False),
    (True, None, "out.txt", False),
])
def test_wants_color(monkeypatch, tty, no_color, output, expected):
    monkeypatch.setattr(sys, "stdout", Tty() if tty else io.StringIO())
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert common.wants_color(output) is expected


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return {**env, "KFIELD_NO_PROGRESS": "1", "TERM": "xterm-256color", **extra}


def test_piped_stdout_gets_no_escapes():
    done = subprocess.run([sys.executable, "-m", "kfield", "check", "--only", "PC001", "--lang", "en"],
                          capture_output=True, text=True, encoding="utf-8", env=_env(), timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode in (0, 1), done.stderr
    assert "PC001" in done.stdout and ESC not in done.stdout


def _run_on_a_terminal(env):
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kfield", "check", "--only", "PC001", "--lang", "en"],
                            stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    proc.wait(timeout=120)
    proc.stderr.close()
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_terminal_gets_colour_unless_no_color():
    assert ESC in _run_on_a_terminal(_env())
    plain = _run_on_a_terminal(_env(NO_COLOR="1"))
    assert "PC001" in plain and ESC not in plain
