"""The generated docs are current, and every command is documented and has help."""

from pathlib import Path

import pytest

from kfield.docsgen import checks_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_checks_md_is_current():
    committed = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert committed == checks_markdown(), "docs/checks.md is stale: run python -m kfield.docsgen"


def _commands():
    from kfield.cli import app

    import typer.main

    root = typer.main.get_command(app)
    for name in root.list_commands(None):  # lazy groups load here
        subs = getattr(root.get_command(None, name), "commands", None)
        if subs:
            for sub in subs:
                yield (name, sub)
        else:
            yield (name,)


COMMANDS = list(_commands())


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_and_is_in_the_readme(path):
    from kfield.cli import run

    assert run([*path, "--help"]) == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "kfield " + " ".join(path) in readme, f"README does not mention: kfield {' '.join(path)}"
