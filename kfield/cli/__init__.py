"""The kfield command line: one module per command group, joined here.

Command modules parse arguments, call the core, and print through a formatter.
Help texts come from the catalogue in the language of KFIELD_LANG / the locale.

Map `kfield/cli/<group>.py`: one module per command group: parse, call the core, print; `kfield/cli/lazy.py`
loads groups (`hub` among them) and single commands (diagnose, serve, export, run, report) on first use
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

from kfield.cli.help import h, lang_from_argv

lang_from_argv(sys.argv[1:])      # before the first help text is made (some are made at import)

import typer  # noqa: E402

from kfield.cli import clicktext, common, errors  # noqa: E402
from kfield.cli.lazy import LazyGroup  # noqa: E402

clicktext.install(errors.lang())

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


def _root_lang(value) -> None:
    if value is not None:
        from kfield.cli.common import use_lang

        use_lang(value)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=h("help.version"))] = False,
    lang: Annotated[Optional[common.Lang], typer.Option("--lang", callback=_root_lang, is_eager=True,
                                                 help=h("help.lang"))] = None,
) -> None:
    pass


def _register() -> None:
    """Eager commands; kfield.cli.lazy.LAZY_GROUPS and LAZY_COMMANDS load on first use."""
    from kfield.cli import check

    app.command("check", help=h("help.check"), epilog=h("help.exit_codes"))(check.check)



_register()


def main(argv: list[str] | None = None) -> None:
    code = run(argv)
    _quiet_exit()
    sys.exit(code)


def _quiet_exit() -> None:
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


def _said(code: int) -> int:
    """Typer turns a Ctrl-C outside a command's funnel (while the command module loads, or its
    options are parsed) into a silent 130: the line is said here."""
    if code == errors.EXIT_INTERRUPTED:
        errors.say(errors.text("cli.interrupted", errors.lang()))
    return code


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit code (tests call this too)."""
    try:
        utf8_streams()
        args = lang_from_argv(list(sys.argv[1:] if argv is None else argv))
        if argv is not None:
            errors.state["lang"] = None
            clicktext.install(errors.lang())
        with errors.funnel():
            code = app(args=args, standalone_mode=False, prog_name="kfield")
        return _said(code) if isinstance(code, int) else 0
    except errors.Exit as done:
        return done.code
    except typer.Exit as done:
        return _said(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):         # Ctrl-C between the funnel's steps, or in its own line
        errors.say(errors.text("cli.interrupted", errors.lang()))
        return errors.EXIT_INTERRUPTED
    except Exception as exc:  # the last resort: a log to paste, never a traceback
        from kfield.__main__ import by_ctrl_c

        if by_ctrl_c(exc):                         # Ctrl-C inside an import, wrapped by Python
            errors.say(errors.text("cli.interrupted", errors.lang()))
            return errors.EXIT_INTERRUPTED
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's usage errors
            return errors.usage_exit(exc)
        return errors.internal_error(exc)
