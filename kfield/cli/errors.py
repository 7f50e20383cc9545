"""The one error funnel: domain errors, usage errors, Ctrl-C and bugs become a line and an exit code.

`handled(call)` is entered once per run, by the entry point (kfield.__main__.funnelled); commands return
their exit code, or raise a domain error, and never catch for themselves.
Exit codes: 0 nothing failed, 1 a check failed (or lint findings), 2 bad usage or
input, 3 unexpected internal error (a log path is printed), 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from kfield.core.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, KfieldError
from kfield.core.i18n import render, text


def lang() -> str:
    """The run's language (kfield.core.i18n.current_lang: chosen once by the entry point)."""
    from kfield.core.i18n import current_lang

    return current_lang()


def say(line: str) -> None:
    # a path with bytes that were not UTF-8 (surrogate escapes) is shown escaped, never a crash after the work is done
    print(line.encode("utf-8", "backslashreplace").decode("utf-8"), file=sys.stderr, flush=True)


class Exit(Exception):
    """Leave with this code after the command printed what it had to."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def handled(call: Callable[[], int]) -> int:
    """Run the command line and return its exit code, whatever happens in it."""
    try:
        with funnel():
            return call()
    except Exit as done:
        return done.code
    except KeyboardInterrupt:                  # a second Ctrl-C, while the funnel said its line
        return interrupted()
    except Exception as exc:  # the last resort: a log to paste, never a traceback
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    from kfield.__main__ import by_ctrl_c

    if by_ctrl_c(exc):                         # Ctrl-C inside an import, wrapped by Python
        return interrupted()
    if type(exc).__name__ == "Exit" and hasattr(exc, "exit_code"):       # click's: --help, --version
        return exc.exit_code
    if type(exc).__name__ == "Abort" and type(exc).__module__.startswith("typer"):   # a prompt's Ctrl-C or end of input
        return interrupted()
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's usage errors
        return usage_exit(exc)
    return internal_error(exc)


def interrupted() -> int:
    say(text("cli.interrupted", lang()))
    return EXIT_INTERRUPTED


@contextmanager
def funnel() -> Iterator[None]:
    """Domain errors, Ctrl-C, a closed pipe and a database's own errors as one line and `Exit`."""
    try:
        yield
    except KfieldError as exc:
        say(text("cli.error_prefix", lang()) + render(exc.message, lang()))
        raise Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        raise Exit(interrupted()) from None
    except EOFError:                                  # end of input at a prompt: as Typer said it, a newline and 130
        print(file=sys.stderr)
        raise Exit(interrupted()) from None
    except BrokenPipeError:
        raise Exit(0) from None
    except Exception as exc:
        if not _from_a_database(exc):
            raise
        from kfield.aggregate.db import driver_reason
        from kfield.core.result import Message

        say(text("cli.error_prefix", lang()) + render(Message("agg.db.failed", {"reason": driver_reason(exc)}), lang()))
        raise Exit(EXIT_USAGE) from None


def _from_a_database(exc: BaseException) -> bool:
    """An SQLite or PostgreSQL error that no command turned into a domain error: one line in the
    user's words (the drivers' text is English), exit 2 — the server or the file, not kfield, failed."""
    return type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg")


def internal_error(exc: BaseException) -> int:
    path = write_log(exc)
    say(text("cli.internal_error", lang(), log=str(path)))   # the exception's name and text are in the log
    return EXIT_INTERNAL


def write_log(exc: BaseException) -> Path:
    body = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    header = f"kfield {_version()} on Python {sys.version.split()[0]} {sys.platform}\n{sys.argv}\n"
    for directory in _log_dirs():
        try:
            directory.mkdir(parents=True, exist_ok=True)
            return _write_new(directory, header + body)
        except OSError:
            continue
    return Path("-")


def _write_new(directory: Path, content: str) -> Path:
    """A log file no other crash has: the time to the microsecond, the process id and random hex,
    created exclusively (an existing name is never overwritten)."""
    import os
    import secrets

    for _ in range(5):
        name = f"kfield-error-{dt.datetime.now():%Y%m%d-%H%M%S-%f}-{os.getpid()}-{secrets.token_hex(3)}.log"
        try:
            with open(directory / name, "x", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(content)
            return directory / name
        except FileExistsError:
            continue
    raise FileExistsError(directory)


def _log_dirs() -> list[Path]:
    try:
        from kfield.core.paths import log_dir

        return [log_dir(), _tempdir()]
    except ImportError:                 # platformdirs missing from a broken install: the temp folder still works
        return [_tempdir()]


def _tempdir() -> Path:
    import tempfile

    return Path(tempfile.gettempdir())


def _version() -> str:
    from kfield import __version__

    return __version__


def usage_exit(exc) -> int:
    """A usage error found by the argument parser: one line, exit 2 (bare help when no args)."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        say(exc.format_message())
        return EXIT_USAGE
    from kfield.cli.clicktext import usage_message

    say(text("cli.error_prefix", lang()) + usage_message(exc, lang()))
    return EXIT_USAGE
