"""Session fixtures of the Windows tests: one empty network namespace, one fresh wine prefix (a
PC with no Python), one kit built by `kfield usb init --platform windows` from this checkout;
kfield runs from the kit's python\\python.exe. See tests/windows/wine.py."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.windows import wine


@dataclass
class WindowsPC:
    prefix: wine.Prefix
    kit: Path
    base: Path

    @property
    def python(self) -> str:
        return wine.windows_path(self.kit / "python" / "python.exe")

    def kfield(self, *args: str, env: dict | None = None, timeout: float = 240):
        """`python.exe -I -B -m kfield ARGS` (what kfield.cmd runs after the manifest check)."""
        return self.prefix.run([self.python, "-I", "-B", "-m", "kfield", *args], env=env, timeout=timeout)

    def python_code(self, code: str, env: dict | None = None, timeout: float = 240):
        """Several steps in one python.exe start (each start costs ~3 s under wine)."""
        script = self.base / f"step-{abs(hash(code))}.py"
        script.write_text(code, encoding="utf-8")
        return self.prefix.run([self.python, "-I", "-B", wine.windows_path(script)], env=env, timeout=timeout)


def copy_kit(kit: Path, dest: Path) -> Path:
    """A stick with the session kit's files, hard-linked (fast; kfield never writes into a kit file,
    and a test replaces one by unlinking it first), without what earlier tests recorded on it."""
    def recorded(folder, names):
        return [n for n in names if n in ("kfield-data", "results")] if Path(folder) == kit else []

    return Path(shutil.copytree(kit, dest, copy_function=os.link, ignore=recorded))


@pytest.fixture(scope="session")
def wine_base():
    reason = wine.unavailable()
    if reason:
        pytest.skip(f"Windows tests under wine: {reason}")
    base = Path(tempfile.mkdtemp(prefix="kfield-wine-"))
    netns = wine.Netns.create()
    try:
        yield base, netns
    finally:
        netns.delete()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def windows_kit(wine_base):
    """The kit, built once per session; the build's stderr is kept for the summary test."""
    base, _ = wine_base
    done = wine.build_kit(base / "kit", "--lang", "en")
    assert done.returncode == 0, done.stderr
    return base / "kit", done.stderr


@pytest.fixture(scope="session")
def pc(wine_base, windows_kit):
    base, netns = wine_base
    prefix = wine.fresh_prefix(base / "pc", netns)
    try:
        yield WindowsPC(prefix, windows_kit[0], base)
    finally:
        prefix.stop()
