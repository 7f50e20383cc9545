"""The error funnel's crash logs: every internal error keeps its own log (none overwrites another)."""

import subprocess
import sys

from kfield.cli import errors


def test_two_hundred_crashes_in_the_same_second_leave_two_hundred_logs(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    paths = []
    for i in range(200):
        try:
            raise RuntimeError(f"crash {i}")
        except RuntimeError as exc:
            paths.append(errors.write_log(exc))
    assert len(set(paths)) == 200 and all(p.parent.is_relative_to(tmp_path) for p in paths)
    assert all(f"crash {i}\n" in p.read_text(encoding="utf-8") for i, p in enumerate(paths))


def test_crashing_processes_at_once_never_share_a_log(tmp_path):
    code = ("import sys; from kfield.cli import errors\n"
            "try:\n    raise RuntimeError(sys.argv[1])\nexcept RuntimeError as exc:\n    print(errors.write_log(exc))")
    env = {"XDG_STATE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    children = [subprocess.Popen([sys.executable, "-c", code, f"p{i}"], stdout=subprocess.PIPE, text=True, env=env)
                for i in range(6)]
    paths = [child.communicate(timeout=60)[0].strip() for child in children]
    assert len(set(paths)) == 6
    assert sorted(open(p, encoding="utf-8").read().count("RuntimeError: p") for p in paths) == [1] * 6
