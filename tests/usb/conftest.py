"""One kit (no wheelhouse) built by the real command for the whole session; launchers run
with a clean system Python (env -i, PATH=/usr/bin:/bin) so kfield can only come from the pyz."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

CLEAN_PATH = "/usr/bin:/bin"


def clean_python_or_skip() -> None:
    probe = "import sys, importlib.util; sys.exit(sys.version_info < (3, 10) or bool(importlib.util.find_spec('kfield')))"
    python = shutil.which("python3", path=CLEAN_PATH)
    if python is None or subprocess.run([python, "-I", "-c", probe], env={"PATH": CLEAN_PATH}, cwd="/").returncode != 0:
        pytest.skip("needs a system python3 >= 3.10 in /usr/bin without kfield installed")


def init(dest, *args, env=None):
    env = {**os.environ, "KFIELD_NO_PROGRESS": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "kfield", "usb", "init", str(dest), *args], capture_output=True,
                          text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture(scope="session")
def built_kit():
    base = Path(tempfile.mkdtemp(prefix="kfield-kit-test-"))
    base.chmod(0o755)                                    # `nobody` reads it in the read-only test
    done = init(base / "stick", "--no-wheelhouse", "--lang", "en")
    assert done.returncode == 0, done.stderr
    try:
        yield base / "stick", done.stderr
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def kit(built_kit, tmp_path):
    """A private copy of the session kit, to tamper with."""
    return Path(shutil.copytree(built_kit[0], tmp_path / "stick"))


def launch(script: Path, *args, tmpdir=None, path=CLEAN_PATH, netns=None, extra_env=None, user=None):
    env = {"PATH": path, "KFIELD_NO_PROGRESS": "1", **({"TMPDIR": str(tmpdir)} if tmpdir else {}), **(extra_env or {})}
    argv = ["/bin/sh", str(script), *args]
    if user:
        argv = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *argv]
    if netns:
        argv = ["ip", "netns", "exec", netns, *argv]
    return subprocess.run(argv, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=180,
                          cwd="/")  # not the checkout: kfield must come from the pyz
