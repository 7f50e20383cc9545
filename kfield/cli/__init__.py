"""The kfield command line: one module per command group, joined here.

Command modules parse arguments, call the core, print through a formatter and return the exit
code. The entry point (kfield.__main__) chooses the language and enters the one error funnel;
help texts come from the catalogue in the run's language.

Map `kfield/cli/<group>.py`: one module per command group: parse, call the core, print; `kfield/cli/lazy.py`
loads groups (`hub` among them) and single commands (diagnose, serve, export, run, report) on first use
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Annotated, Optional

import typer

from kfield.cli import clicktext, common, errors
from kfield.cli.help import h
from kfield.cli.lazy import LazyGroup

clicktext.install()

app = typer.Typer(
    name="kfield",
    cls=LazyGroup,
    help=h("help.app"),
    epilog=h("help.exit_codes"),
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help keeps start-up fast (see benchmarks/startup.py)
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        from kfield import __version__

        print(f"kfield {__version__}")
        raise typer.Exit(0)


@dataclass(frozen=True)
class Run:
    """What the root callback resolved for the whole run; commands find it as ``ctx.obj``."""

    lang: str


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=h("help.version"))] = False,
    lang: Annotated[Optional[common.Lang], typer.Option("--lang", help=h("help.lang"))] = None,
) -> None:
    # the language: `--lang` (taken off the line by the entry point, wherever it was), else
    # KFIELD_LANG, else the locale; a KFIELD_LANG that is not a language is refused here (exit 2)
    from kfield.core.i18n import chosen_lang, detect_lang

    ctx.obj = Run(lang=chosen_lang() or detect_lang(lang.value if lang else None))


def _register() -> None:
    """Eager commands; kfield.cli.lazy.LAZY_GROUPS and LAZY_COMMANDS load on first use."""
    from kfield.cli import check

    app.command("check", help=h("help.check"), epilog=h("help.exit_codes"))(check.check)



_register()


def main() -> None:
    """The zipapp's entry point: the same as `python -m kfield`."""
    from kfield.__main__ import main as entry

    entry()


def run(argv: list[str] | None = None) -> int:
    """The whole run for a list of arguments: the exit code (tests call this)."""
    from kfield.__main__ import run as entry

    return entry(list(sys.argv[1:] if argv is None else argv))


def execute(args: list[str]) -> int:
    """Parse and run the command; its exit code. Exceptions go out as they are, to the one funnel
    (kfield.cli.errors.handled): Typer's own main would turn a Ctrl-C into a silent 130 and a closed
    pipe into exit 1."""
    utf8_streams()
    command = typer.main.get_command(app)
    with command.make_context("kfield", list(args)) as ctx:
        code = command.invoke(ctx)
    return code if isinstance(code, int) else 0


def quiet_exit() -> None:
    """A Ctrl-C once the command has finished (while Python joins threads and closes files) ends at
    once, with the one line and 130, not with a traceback from the interpreter's shutdown."""
    import os
    import signal

    def stop(*_):
        errors.say(errors.text("cli.interrupted", errors.lang()))
        os._exit(errors.EXIT_INTERRUPTED)
    signal.signal(signal.SIGINT, stop)


def utf8_streams() -> None:
    """Vietnamese needs UTF-8: a redirected stdout on Windows defaults to cp1258 or
    cp1252, which cannot encode precomposed letters such as "ế"."""
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream stays as it is
                stream.reconfigure(encoding="utf-8", errors="replace")
