"""One `Format` enum and one `--format` option: each command names the formats it writes, refuses any
other in the user's language with exit 2, and keeps bytes (XLSX) off a terminal."""

from __future__ import annotations

import ast
import os
import pty
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from kfield.formats import Format

ROOT = Path(__file__).resolve().parents[2] / "kfield"


def _commands():
    """Every leaf command of the real command line, with its path (lazy groups loaded)."""
    import typer

    from kfield.cli import app

    root = typer.main.get_command(app)
    context = root.make_context("kfield", ["--help"], resilient_parsing=True)

    def walk(group, path):
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            if hasattr(command, "list_commands"):
                yield from walk(command, (*path, name))
            else:
                yield (*path, name), command
    yield from walk(root, ())


def test_every_format_option_offers_only_formats_of_the_one_enum():
    seen = 0
    for path, command in _commands():
        for param in command.params:
            if "--format" in getattr(param, "opts", ()):
                seen += 1
                choices = typing.get_args(param.type_descriptor.annotation)
                assert choices and all(isinstance(c, Format) for c in choices), path
                assert param.default in choices, path
    assert seen >= 12


def test_no_other_enum_names_formats():
    """`Format` is the only enumeration with a `json` member anywhere in kfield."""
    found = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any("Enum" in ast.unparse(b) for b in node.bases):
                members = {t.id for s in node.body if isinstance(s, ast.Assign) for t in s.targets
                           if isinstance(t, ast.Name)}
                if "json" in members:
                    found.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert found == ["formats/__init__.py:Format"]


def test_a_format_the_command_does_not_write_is_refused_in_the_users_language(kfield_cmd):
    refused = kfield_cmd("--lang", "vi", "checks", "list", "-f", "xlsx")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "không phải một trong 'console', 'json'" in refused.stderr
    english = kfield_cmd("diagnose", "--format", "csv", "--lang", "en")
    assert english.returncode == 2 and "'csv' is not one of 'console', 'json'" in english.stderr


def test_the_old_json_flag_is_a_hidden_alias(kfield_cmd):
    by_flag = kfield_cmd("playbook", "paths", "sign-cannot-sign", "--json")
    by_format = kfield_cmd("playbook", "paths", "sign-cannot-sign", "--format", "json")
    assert by_flag.returncode == by_format.returncode == 0
    assert by_flag.stdout == by_format.stdout and by_flag.stdout.startswith("{")
    assert "--json" not in kfield_cmd("playbook", "paths", "--help").stdout


@pytest.mark.parametrize("args", [("report", "all", "-f", "xlsx"), ("report", "all", "-f", "xlsx", "-o", "/dev/stdout")])
def test_xlsx_is_refused_onto_a_terminal(tmp_path, args):
    master, slave = pty.openpty()
    try:
        env = {**os.environ, "KFIELD_DATA_DIR": str(tmp_path), "KFIELD_NO_PROGRESS": "1"}
        done = subprocess.run([sys.executable, "-m", "kfield", *args, "--lang", "vi"], stdout=slave,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, timeout=120, text=True)
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 2 and "Tệp Excel cần --output" in done.stderr


def test_every_format_option_comes_from_the_one_decorator():
    """Commands name their formats in `@common.output_options(...)`, never with an option of their own."""
    for path in (ROOT / "cli").glob("*.py"):
        if path.name == "common.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert '"--format"' not in text and "format_opt(" not in text and "TextOrJsonOpt" not in text, path.name
        assert text.count("fmt: common.Format") == text.count("@common.output_options("), path.name
