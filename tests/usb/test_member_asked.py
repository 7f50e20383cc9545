"""`visit start` on a new stick (no member saved) with someone at the keyboard asks for the name and
school once, saves them on the stick and names them; with no terminal it says how to set them."""

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _kit(tmp_path):
    (tmp_path / "MANIFEST.sha256").write_text("", encoding="utf-8")
    (tmp_path / "verify.py").write_text("", encoding="utf-8")
    return {"KFIELD_KIT": str(tmp_path), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"),
            "KFIELD_NO_PROGRESS": "1"}


def _read_until(fd, needle: bytes, seen: bytearray, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        if select.select([fd], [], [], 0.5)[0]:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                return


def test_asked_once_on_a_terminal_and_saved_on_the_stick(tmp_path):
    env = _kit(tmp_path)
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "kfield", "visit", "start", "--commune", "Cam Lâm",
                                   "--lang", "en"], env)
    seen = bytearray()
    _read_until(fd, b"Full name", seen)
    os.write(fd, "Nguyễn Thị Hồng\r".encode())
    _read_until(fd, b"School", seen)
    os.write(fd, "ĐH Nha Trang\r".encode())
    _read_until(fd, b"not you?", seen)
    _, status = os.waitpid(pid, 0)
    shown = seen.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, shown
    assert "Recorded for Nguyễn Thị Hồng (ĐH Nha Trang)" in shown
    assert (tmp_path / "kfield-data" / "member.json").is_file() and not (tmp_path / "home").exists()


def test_without_a_terminal_it_says_how_to_set_the_member(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kfield", "visit", "start", "--commune", "Cam Lâm", "--lang", "en"],
                          capture_output=True, text=True, env=_kit(tmp_path), stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2 and "kfield member set" in done.stderr
    assert not (tmp_path / "kfield-data" / "visits").exists() or not list((tmp_path / "kfield-data" / "visits").glob("*.jsonl"))
