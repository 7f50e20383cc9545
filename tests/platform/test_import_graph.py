"""Host split: kfield.platform (facts) never imports kfield.net (actions); kfield.machine is the
only place that joins them. Checked on the source (every import statement, also inside
functions) and by importing each side alone in a fresh interpreter."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from kfield.core.errors import NotSupported, SourceUnavailable
from tests.fakes import FakeHost, UnstubbedCall

ROOT = Path(__file__).resolve().parents[2] / "kfield"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "platform").rglob("*.py")), ids=lambda p: p.name)
def test_platform_never_imports_net(path):
    assert not {n for n in _imports(path) if n == "kfield.net" or n.startswith("kfield.net.")}


def test_platform_errors_live_in_core():
    from kfield.platform import base

    assert base.NotSupported is NotSupported and base.SourceUnavailable is SourceUnavailable
    assert NotSupported.__module__ == SourceUnavailable.__module__ == "kfield.core.errors"


@pytest.mark.parametrize("module, absent", [
    ("kfield.platform.windows", "kfield.net"),
    ("kfield.platform.linux", "kfield.net"),
    ("kfield.net.actions", "kfield.platform.windows"),
])
def test_each_side_imports_alone(module, absent):
    code = (f"import sys, {module}\n"
            f"bad = sorted(m for m in sys.modules if m == '{absent}' or m.startswith('{absent}.'))\n"
            "print(bad)\nsys.exit(1 if bad else 0)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_machine_joins_facts_and_actions():
    from kfield.machine import current_host
    from kfield.net.actions import NetActions
    from kfield.platform.linux import LinuxHost

    host = current_host()
    assert isinstance(host, LinuxHost) and isinstance(host, NetActions)


def test_fake_host_refuses_what_it_was_not_told():
    fake = FakeHost(memory=(8, 1))
    assert fake.memory() == (8, 1)
    for call in (fake.ping, fake.processes, fake.default_route, fake.user_certificates):
        with pytest.raises(UnstubbedCall):
            call()
    assert fake.is_wireless("Wi-Fi")
