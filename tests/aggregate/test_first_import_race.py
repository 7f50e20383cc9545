"""Two lecturers' first imports into a fresh PostgreSQL database at the same moment both succeed:
the schema is created under an advisory lock (real server from tests/aggregate/postgres.py, real
processes released at one instant after their imports, 10 rounds)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.aggregate import logs

CHILD = """
import sys, time
from kfield.cli import run
when = float(sys.argv[1])
while time.time() < when:
    pass
sys.exit(run(["logs", "import", sys.argv[2], "--db", sys.argv[3], "--lang", "en"]))
"""


def test_ten_rounds_of_two_first_imports_at_once(pg_server, tmp_path):
    import psycopg

    sticks = []
    for index in range(2):
        stick = tmp_path / f"stick{index}"
        logs.write(stick, logs.visit(members=(f"M{index}",)))
        sticks.append(stick)
    env = {**os.environ, "KFIELD_NO_PROGRESS": "1", "KFIELD_DATA_DIR": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    for _ in range(10):
        url = pg_server.new_database()
        when = time.time() + 1.5
        racers = [subprocess.Popen([sys.executable, "-c", CHILD, str(when), str(stick), url], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for stick in sticks]
        results = [(r.wait(timeout=120), r.stdout.read() + r.stderr.read()) for r in racers]
        for racer in racers:
            racer.stdout.close()
            racer.stderr.close()
        assert [code for code, _ in results] == [0, 0], results
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(DISTINCT visit) FROM events").fetchone()[0] == 2
