"""Options and output helpers shared by every command."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable, Literal, Optional

import typer

from kfield.cli import errors, values
from kfield.cli.help import h
from kfield.formats import Format


class Lang(str, Enum):
    vi = "vi"
    en = "en"


def format_opt(*allowed: Format):
    """The --format/-f option for these formats, in the order help lists them (commands get it through
    `output_options`); any other is refused by the parser in the user's language (exit 2)."""
    return Annotated[Literal[allowed], typer.Option("--format", "-f", help=h("help.format"))]


def output_options(*allowed: Format):
    """The one `--format`/`-f` and `--output`/`-o` declaration (sqlite-utils' `@output_options`): put
    under the command's registration, it gives the command's `fmt` parameter the formats it writes
    (its default is the function's own) and its `output` parameter, if it has one, the checked path.
    The parameters keep their place, so help lists the options where the function declares them."""
    def declare(func):
        import inspect

        declared = {"fmt": format_opt(*allowed), "output": OutputOpt}
        signature = inspect.signature(func, eval_str=True)
        params = [p.replace(annotation=declared[p.name]) if p.name in declared else p
                  for p in signature.parameters.values()]
        func.__signature__ = signature.replace(parameters=params)
        func.__annotations__ = {**{p.name: p.annotation for p in params}, "return": signature.return_annotation}
        return func
    return declare


TEXT_OR_JSON = (Format.console, Format.json)          # lines for a person, or JSON (speed tests, the verdict…)
JsonAliasOpt = Annotated[bool, typer.Option("--json", hidden=True)]     # kept for scripts: same as --format json
StreamsOpt = Annotated[int, typer.Option("--streams", min=1, max=16, help=h("help.lan.speed_streams"))]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", parser=values.path, help=h("help.output"))]


def lang() -> str:
    """The run's language, as the root callback resolved it (``ctx.obj``); outside a command line
    (a test calling a command function), the entry point's choice."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    run = ctx.find_root().obj if ctx is not None else None
    return run.lang if run is not None else errors.lang()


def wants_color(output: Path | None) -> bool:
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def emit(body: str | bytes | Iterable[str], output: Path | None) -> None:
    """Results go to stdout or --output; nothing else goes to stdout. Bytes (XLSX) go as they are;
    text given in pieces (a streamed export) is written piece by piece as it is made. A file named
    with --output appears only when complete, and only over a regular file or nothing
    (kfield.core.atomic)."""
    if output is None:
        _write(sys.stdout.buffer if isinstance(body, bytes) else sys.stdout, body)
        return
    from kfield.core import atomic

    atomic.write(output, body)
    errors.say(_t("cli.written", path=str(output)))


def _write(handle, body) -> None:
    for piece in (body,) if isinstance(body, (str, bytes)) else body:
        handle.write(piece)
    handle.flush()


def _t(key: str, **params) -> str:
    from kfield.core.i18n import text

    return text(key, errors.lang(), **params)


def terminal_width() -> int:
    import shutil

    return max(60, min(140, shutil.get_terminal_size((100, 24)).columns))


def attach_evidence(kind: str, data: dict) -> None:
    """File a report with the open visit, if there is one; say so on stderr. Never fails the command."""
    from kfield.visit.visits import attach, short

    filed = attach(kind, data)
    if filed == "error":
        errors.say(_t("visit.attach_failed"))
    elif filed:
        errors.say(_t("visit.attached", visit=short(filed)))          # the short id, as everything else says it


def say_skipped(skipped) -> None:
    """Name each visit log that could not be read (the good visits are still listed/exported)."""
    for item in skipped:
        errors.say(_t("visit.skipped", path=item.path, reason=item.reason))


def refuse_binary_on_terminal(output: Path | None, fmt: Format = Format.xlsx) -> None:
    """XLSX is bytes: to a file, or to a pipe, never onto a terminal (text formats go anywhere)."""
    if not fmt.binary:
        return
    from kfield.core.errors import UsageError

    from kfield.core.atomic import MEANT

    to_stdout = output is None or MEANT.get(os.path.normcase(str(output))) == "stdout"     # -o /dev/stdout too
    if to_stdout and sys.stdout.isatty():
        raise UsageError("export.xlsx_needs_output")
