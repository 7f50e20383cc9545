"""wheelhouse/: an offline `pip install --no-index --find-links wheelhouse kfield` into a fresh venv
gives a working kfield that finds its bundled profiles (about 10 s: marked slow)."""

import subprocess
import sys

import pytest

from kfield.usb import manifest
from tests.usb.conftest import init


@pytest.mark.slow
def test_offline_install_from_the_wheelhouse(tmp_path):
    done = init(tmp_path / "stick", "--lang", "en")
    assert done.returncode == 0, done.stderr
    wheels = sorted(p.name for p in (tmp_path / "stick" / "wheelhouse").iterdir())
    assert any(name.startswith("kfield-") for name in wheels) and f"wheelhouse/{wheels[0]}" in manifest.read(
        tmp_path / "stick")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-index", "--find-links",
           str(tmp_path / "stick" / "wheelhouse"), "kfield"]
    installed = subprocess.run(pip, capture_output=True, text=True, timeout=180, env={"PATH": "/usr/bin:/bin"})
    assert installed.returncode == 0, installed.stderr
    listed = subprocess.run([str(venv / "bin" / "kfield"), "profile", "list", "--lang", "en"], capture_output=True,
                            text=True, cwd="/", timeout=60)
    assert listed.returncode == 0 and "usb" in listed.stdout, listed.stderr
