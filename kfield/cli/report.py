"""`kfield report NAME… [--from --to]`: the review's reports from the aggregation database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h
from kfield.cli.logs import DbOpt
from kfield.formats import Format
from kfield.formats.report import REPORT_FORMATS


@common.output_options(*REPORT_FORMATS)
def report(
    names: Annotated[Optional[list[str]], typer.Argument(help=h("help.report.names"), parser=values.name, show_default=False)] = None,
    start: Annotated[Optional[str], typer.Option("--from", parser=values.name, help=h("help.report.from"))] = None,
    end: Annotated[Optional[str], typer.Option("--to", parser=values.name, help=h("help.report.to"))] = None,
    fmt: common.Format = Format.console,
    db: DbOpt = None,
    province: Annotated[int, typer.Option("--province", parser=values.number(1, 99), help=h("help.report.province"))] = 56,
    rules: Annotated[Optional[Path], typer.Option("--rules", parser=values.path, help=h("help.report.rules"))] = None,
    output: Path | None = None,
) -> int:
    language = common.lang()
    from kfield.aggregate import db as dbmod, reports
    from kfield.formats import report as formatted

    chosen = _names(names or ["all"])
    period = reports.Period(_day(start), _day(end))
    _check(period, fmt, chosen, output)
    database = dbmod.connect(db)
    with dbmod.reported(database), dbmod.readable(database):
        tables = [reports.build(database, name, period, province, rules) for name in chosen]
        headline = reports.headline(database, period, province) if fmt is Format.html else {}
        body = formatted.render(tables, headline, formatted.meta(period, database.where, language), fmt, language,
                                color=common.wants_color(output), width=common.terminal_width())
        body = body if isinstance(body, (str, bytes)) else "".join(body)      # parsed here, not half-written
    common.emit(body, output)
    with dbmod.reported(database):
        _say_if_empty(database, period)
    return 0


def _say_if_empty(database, period) -> None:
    """An empty database or period prints zeros: say why, so nobody reads them as a result."""
    from kfield.aggregate import reports

    if not reports.visit_count(database, reports.Period()):
        errors.say(common._t("report.empty_db", where=database.where))
    elif (period.start or period.end) and not reports.visit_count(database, period):
        errors.say(common._t("report.empty_period"))


def _names(given: list[str]) -> list[str]:
    from kfield.aggregate.reports import NAMES
    from kfield.core.errors import UsageError

    chosen: list[str] = []
    for name in (n.strip().lower() for n in given):
        if name not in (*NAMES, "all"):
            raise UsageError("report.bad_name", name=name, choices=", ".join((*NAMES, "all")))
        chosen += NAMES if name == "all" else [name]
    return list(dict.fromkeys(chosen))


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        from kfield.core.errors import UsageError

        raise UsageError("report.bad_date", value=value) from None


def _check(period, fmt: Format, chosen: list[str], output) -> None:
    from kfield.core.errors import UsageError

    if period.start and period.end and period.start > period.end:
        raise UsageError("report.bad_period")
    if fmt is Format.csv and len(chosen) > 1:
        raise UsageError("report.csv_one")
    common.refuse_binary_on_terminal(output, fmt)
