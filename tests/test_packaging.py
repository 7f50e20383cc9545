"""Packaging: `python -m kfield` runs the CLI; `pipx install .` gives a working command (slow)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from kfield import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_python_m_kfield():
    done = subprocess.run([sys.executable, "-m", "kfield", "--version"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, cwd="/", timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"kfield {__version__}")


@pytest.mark.slow
def test_pipx_install_from_the_checkout(tmp_path):
    """Builds the wheel with hatchling and resolves the dependencies: needs the package index."""
    if importlib.util.find_spec("pipx") is None:
        pytest.skip("pipx is not installed (pip install pipx)")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PIPX_HOME": str(tmp_path / "pipx"),
           "PIPX_BIN_DIR": str(tmp_path / "bin"), "PIPX_MAN_DIR": str(tmp_path / "man")}
    done = subprocess.run([sys.executable, "-m", "pipx", "install", str(ROOT)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    version = subprocess.run([str(tmp_path / "bin" / "kfield"), "--version"], capture_output=True, text=True,
                             cwd="/", timeout=60)
    assert version.stdout.strip() == f"kfield {__version__}"
