import os
import subprocess
import sys

import pytest


@pytest.fixture
def kfield_cmd():
    """Run the real command in a subprocess; returns CompletedProcess (text)."""

    def run(*args, env=None, timeout=120, **kw):
        full_env = {**os.environ, "KFIELD_NO_PROGRESS": "1", **(env or {})}
        return subprocess.run([sys.executable, "-m", "kfield", *args], capture_output=True, text=True,
                              env=full_env, timeout=timeout, stdin=subprocess.DEVNULL, **kw)

    return run
