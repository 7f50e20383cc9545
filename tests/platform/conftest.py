import os
import stat

import pytest


@pytest.fixture
def on_path(tmp_path, monkeypatch):
    """Install a tiny shell script under a given program name, first on PATH."""
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")

    def install(name: str, body: str) -> None:
        script = tmp_path / name
        script.write_text(f"#!/bin/sh\n{body}\n")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)

    return install
