"""`kfield export`: visit logs as CSV, XLSX, JSON, Markdown or one HTML page, optionally redacted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h


EXPORT_FORMATS = (common.Format.csv, common.Format.xlsx, common.Format.json, common.Format.md, common.Format.html)


def tables() -> str:
    """The tables in words: "visits (Chuyến công tác), problems (Sự cố), …"."""
    from kfield.core.i18n import text
    from kfield.visit.export import TABLES

    return ", ".join(f"{name} ({text(f'export.table.{name}', errors.lang())})" for name in TABLES)


def _table(value: str) -> str:
    from kfield.core.errors import UsageError
    from kfield.core.i18n import text
    from kfield.visit.export import table_of

    found = table_of(value)
    if found is None:
        raise UsageError("visit.bad_choice", what=text("export.what.table", errors.lang()), value=value,
                         allowed=tables())
    return found


@common.output_options(*EXPORT_FORMATS)
def export(
    visit: Annotated[Optional[str], typer.Option("--visit", parser=values.name, help=h("help.export.visit"))] = None,
    every: Annotated[bool, typer.Option("--all", help=h("help.export.all"))] = False,
    fmt: common.Format = common.Format.csv,
    table: Annotated[str, typer.Option("--table", help=h("help.export.table", tables=tables()))] = "visits",
    redact: Annotated[bool, typer.Option("--redact", help=h("help.export.redact"))] = False,
    output: Path | None = None,
) -> int:
    language = common.lang()
    from kfield.formats import export as render
    from kfield.visit import export as ex

    name = _table(table)
    source, redactor = _visits(visit, every), _redactor() if redact else None
    docs = lambda: ex.documents(source, redactor)  # noqa: E731  (read again for each table)
    common.refuse_binary_on_terminal(output, fmt)
    if fmt is common.Format.xlsx:
        common.emit(render.to_xlsx(docs, language), output)
        return 0
    body = {"csv": lambda: render.to_csv(docs, name, language), "json": lambda: render.to_json(docs),
            "md": lambda: render.to_markdown(docs, language), "html": lambda: render.to_html(docs, language)}[fmt.value]()
    common.emit(body, output)
    return 0


def _visits(visit: str | None, every: bool):
    """The visits to export: all (read log by log, damaged logs named), the one named, else the open
    or latest one; cancelled visits never."""
    from kfield.core.errors import UsageError
    from kfield.visit import visits
    from kfield.visit.export import Logs

    if visit and every:
        raise UsageError("export.one_or_all")
    if not every:
        outlined = visits.load_outline(visit)
        if outlined.outline.visit.cancelled:
            raise UsageError("visit.is_cancelled", visit=visits.short(outlined.outline.visit.id))
        return [outlined]
    logs = Logs(visits.all_ids(), lambda skipped: common.say_skipped([skipped]))
    if not logs.any():
        raise UsageError("visit.list.none")
    return logs


def _redactor():
    from kfield.visit.redact import Redactor, key

    return Redactor(key())
