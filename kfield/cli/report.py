"""`kfield report NAME… [--from --to]`: the review's reports from the aggregation database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h
from kfield.cli.logs import DbOpt


class ReportFormat(str, common.Enum):
    console = "console"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    md = "md"


def report(
    names: Annotated[Optional[list[str]], typer.Argument(help=h("help.report.names"), parser=values.name, show_default=False)] = None,
    start: Annotated[Optional[str], typer.Option("--from", parser=values.name, help=h("help.report.from"))] = None,
    end: Annotated[Optional[str], typer.Option("--to", parser=values.name, help=h("help.report.to"))] = None,
    fmt: common.format_opt(ReportFormat) = ReportFormat.console,
    db: DbOpt = None,
    province: Annotated[int, typer.Option("--province", parser=values.number(1, 99), help=h("help.report.province"))] = 56,
    rules: Annotated[Optional[Path], typer.Option("--rules", parser=values.path, help=h("help.report.rules"))] = None,
    output: common.OutputOpt = None,
    lang: common.LangOpt = None,
) -> None:
    language = common.use_lang(lang)
    with errors.funnel():
        from kfield.aggregate import db as dbmod, reports

        chosen = _names(names or ["all"])
        period = reports.Period(_day(start), _day(end))
        _check(period, fmt, chosen, output)
        database = dbmod.connect(db)
        with dbmod.reported(database), dbmod.readable(database):
            tables = [reports.build(database, name, period, province, rules) for name in chosen]
            headline = reports.headline(database, period, province) if fmt is ReportFormat.html else {}
            body = _render(tables, headline, _meta(period, database.where, language), fmt, language, output)
            body = body if isinstance(body, (str, bytes)) else "".join(body)      # parsed here, not half-written
        common.emit(body, output)
        with dbmod.reported(database):
            _say_if_empty(database, period)


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


def _check(period, fmt: ReportFormat, chosen: list[str], output) -> None:
    from kfield.core.errors import UsageError

    if period.start and period.end and period.start > period.end:
        raise UsageError("report.bad_period")
    if fmt is ReportFormat.csv and len(chosen) > 1:
        raise UsageError("report.csv_one")
    if fmt is ReportFormat.xlsx:
        common.refuse_binary_on_terminal(output)


def _meta(period, where: str, language: str) -> dict:
    from kfield.core.i18n import text

    generated = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    span = (f"{period.start or '…'} → {period.end or '…'}" if period.start or period.end
            else text("report.period.all", language))
    return {"generated": generated, "period": span, "where": where}


def _render(tables, headline, meta, fmt: ReportFormat, language: str, output):
    from kfield.core.i18n import text
    from kfield.formats import dashboard, tables as out

    if fmt is ReportFormat.console:
        return out.console(tables, language, color=common.wants_color(output), width=common.terminal_width())
    if fmt is ReportFormat.csv:
        return out.to_csv(tables[0], language)
    if fmt is ReportFormat.json:
        return out.to_json(tables, meta)
    if fmt is ReportFormat.xlsx:
        return out.to_xlsx(out.report_sheets(tables, language))
    if fmt is ReportFormat.md:
        return out.markdown(text("report.dashboard.title", language), (out.section(t, language) for t in tables),
                            intro=dashboard.meta_line(meta, language))
    return dashboard.render(tables, headline, meta, language)
