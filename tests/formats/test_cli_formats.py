"""The real `kfield check` writing csv, md and html files in both languages."""

import csv
import io
import os
import socket
import subprocess
import sys

import pytest

from kfield.core.i18n import text
from kfield.formats import csv as csv_format
from kfield.formats import markdown


def run_check(*args):
    env = {**os.environ, "KFIELD_NO_PROGRESS": "1"}
    return subprocess.run([sys.executable, "-m", "kfield", "check", "--only", "PC001", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
                          stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt, name", [("csv", "r.csv"), ("md", "r.md"), ("html", "r.html")])
def test_check_writes_the_file(tmp_path, fmt, name, lang):
    target = tmp_path / name
    done = run_check("--profile", "quick", "--format", fmt, "--output", str(target), "--lang", lang)
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == ""  # results go to the file only
    raw = target.read_bytes()
    body = raw.decode("utf-8")
    title = text("check.PC001.title", lang)
    if fmt == "csv":
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(body[1:], newline="")))
        assert rows[0] == [text(k, lang) for k in csv_format.COLUMNS]
        assert rows[1][0] == "PC001" and rows[1][2] == title
    elif fmt == "md":
        heading = text("fmt.report_title", lang, profile="quick", host=socket.gethostname())
        assert body.splitlines()[0] == "# " + markdown.cell(heading)
        assert f"| PC001 {title} |" in body
    else:
        assert f'<html lang="{lang}">' in body and f"PC001 {title}" in body
        assert "<script" not in body
