"""The language is chosen once and the funnel entered once: `--lang` anywhere sets the run's language
(one context variable, never the environment), the root callback keeps it on the Typer context,
and commands neither catch for themselves nor declare a `--lang` of their own."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kfield.cli import run
from kfield.core.i18n import chosen_lang

CLI = Path(__file__).resolve().parents[2] / "kfield" / "cli"


def test_only_the_entry_point_enters_the_funnel():
    sources = {p.relative_to(CLI.parent).as_posix(): p.read_text(encoding="utf-8") for p in CLI.parent.rglob("*.py")}
    assert [name for name, text in sources.items() if "errors.funnel()" in text] == []
    assert {name: text.count("errors.handled(") for name, text in sources.items() if "errors.handled(" in text} == {
        "__main__.py": 1}


def test_no_command_declares_a_lang_option():
    for path in CLI.glob("*.py"):
        if path.name == "__init__.py":
            continue
        assert '"--lang"' not in path.read_text(encoding="utf-8"), path.name


def test_lang_anywhere_sets_the_run_and_leaks_nowhere(capsys, monkeypatch):
    monkeypatch.delenv("KFIELD_LANG", raising=False)
    assert run(["checks", "list", "-f", "csv", "--lang", "vi"]) == 2
    assert "không phải một trong" in capsys.readouterr().err
    assert "KFIELD_LANG" not in os.environ and chosen_lang() is None
    assert run(["checks", "list", "--lang=en", "-f", "csv"]) == 2
    assert "is not one of" in capsys.readouterr().err


def test_the_root_callback_keeps_the_language_on_the_context(monkeypatch):
    import typer

    from kfield.cli import app

    monkeypatch.setenv("KFIELD_LANG", "vi")
    command = typer.main.get_command(app)
    with command.make_context("kfield", ["member", "show"]) as ctx:
        ctx.invoke(command.callback, **ctx.params)
        assert ctx.obj.lang == "vi"


def test_a_bad_kfield_lang_is_refused_once_with_the_usage_code(kfield_cmd):
    done = kfield_cmd("checks", "list", env={"KFIELD_LANG": "xx"})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == ['kfield: error: Language "xx" is not supported; choose one of: vi, en']
    assert kfield_cmd("--help", env={"KFIELD_LANG": "xx"}).returncode == 0         # help still shows, in English
