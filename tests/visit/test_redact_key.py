"""The redaction key is made once: eight processes exporting at once for the first time all use the
one key that was written (pseudonyms of one laptop stay comparable), a link at its name is never
followed, and the key is private to the user."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest

from kfield.core import atomic

CHILD = """
import sys, time
from kfield.visit.redact import key
when = float(sys.argv[1])
while time.time() < when:
    pass
print(key().decode())
"""


def test_eight_first_uses_at_once_share_one_key(tmp_path):
    env = {**os.environ, "KFIELD_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("KFIELD_REDACT_KEY", None)
    when = time.time() + 1.5
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(when)], env=env, stdout=subprocess.PIPE, text=True)
                for _ in range(8)]
    keys = {child.communicate(timeout=120)[0].strip() for child in children}
    assert len(keys) == 1 and len(next(iter(keys))) == 64
    path = tmp_path / "config" / "redact.key"
    assert path.read_text() == next(iter(keys)) and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(os.listdir(tmp_path / "config")) == ["redact.key"]


def test_a_link_at_the_name_is_never_followed(tmp_path):
    (tmp_path / "redact.key").symlink_to(tmp_path / "victim")
    assert atomic.create_once(tmp_path / "redact.key", b"x") is False
    assert not (tmp_path / "victim").exists()
    with pytest.raises(FileNotFoundError):
        (tmp_path / "redact.key").read_bytes()                 # a dangling link stays a dangling link
