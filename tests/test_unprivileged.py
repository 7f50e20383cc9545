"""The whole default profile as an unprivileged user, offline: exit 0/1, no traceback.

Runs inside an empty network namespace (loopback only), which is also the "offline
office" case, so no check can reach this machine's real network.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _can_netns() -> str | None:
    if os.geteuid() != 0:
        return "needs root to create a network namespace and drop to nobody"
    for tool in ("ip", "setpriv"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


@pytest.fixture
def empty_netns():
    reason = _can_netns()
    if reason:
        pytest.skip(reason)
    name = f"kft-{uuid.uuid4().hex[:8]}"
    made = subprocess.run(["ip", "netns", "add", name], capture_output=True, text=True)
    if made.returncode:
        pytest.skip(f"ip netns unavailable: {made.stderr.strip()}")
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_default_profile_as_nobody_offline(empty_netns, tmp_path, lang):
    tmp_path.chmod(0o777)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "KFIELD_NO_PROGRESS": "1",
           "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    argv = ["ip", "netns", "exec", empty_netns, "setpriv", "--reuid=nobody", "--regid=nogroup",
            "--clear-groups", sys.executable, "-m", "kfield", "check", "--format", "json", "--lang", lang]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["admin"] is False and report["results"]
    assert all(r["status"] != "error" or r["summary"]["key"] != "core.error.crashed" for r in report["results"]), \
        [r for r in report["results"] if r["summary"]["key"] == "core.error.crashed"]
