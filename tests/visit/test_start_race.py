"""Two `visit start` at the same moment (two terminals, a double click on a launcher) leave exactly one
open visit: looking for the open visit and opening one happen under one file lock. Real processes,
released together at one instant after their imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


CHILD = """
import sys, time
from kfield.cli import run
when = float(sys.argv[1])
while time.time() < when:
    pass
sys.exit(run(["visit", "start", "--commune", "22453", "--lang", "en"]))
"""


def _member(env: dict) -> None:
    done = subprocess.run([sys.executable, "-m", "kfield", "member", "set", "--name", "An", "--school", "NTU"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def _open_visits(folder: Path) -> int:
    count = 0
    for path in folder.glob("*.jsonl"):
        types = [json.loads(line)["type"] for line in path.read_text(encoding="utf-8").splitlines()]
        count += types[:1] == ["start"] and "end" not in types
    return count


def test_twenty_races_of_two_starts_leave_one_open_visit_each(tmp_path):
    base = {**os.environ, "KFIELD_CONFIG_DIR": str(tmp_path / "config"), "KFIELD_NO_PROGRESS": "1",
            "XDG_STATE_HOME": str(tmp_path / "state")}
    _member({**base, "KFIELD_DATA_DIR": str(tmp_path / "unused")})
    for round_ in range(20):
        env = {**base, "KFIELD_DATA_DIR": str(tmp_path / f"data{round_}")}
        when = time.time() + 1.5                                  # both imported and waiting by then
        racers = [subprocess.Popen([sys.executable, "-c", CHILD, str(when)], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(r.wait(timeout=120), r.stderr.read()) for r in racers]
        for racer in racers:
            racer.stdout.close()
            racer.stderr.close()
        codes = sorted(code for code, _ in results)
        assert codes == [0, 2], results
        assert "is still open" in next(err for code, err in results if code == 2)
        folder = tmp_path / f"data{round_}" / "visits"
        assert _open_visits(folder) == 1 and len(list(folder.glob("*.jsonl"))) == 1


def test_a_fifo_or_link_planted_at_kfields_own_files_is_refused_not_waited_on(tmp_path, monkeypatch):
    """The member file and the open-visit pointer are read through the one opener: a FIFO there
    cannot hang a command, a link there is not followed."""
    import os

    import pytest

    from kfield.core import files

    fifo, target = tmp_path / "fifo", tmp_path / "elsewhere"
    os.mkfifo(fifo)
    target.write_text("20261208T000000.000000Z-abcdef")
    (tmp_path / "link").symlink_to(target)
    for planted in (fifo, tmp_path / "link"):
        with pytest.raises(OSError):
            files.read_own(planted)
    assert files.read_own(target, 8) == b"20261208"
