"""Reports served live: the same tables and formatters as `kfield report`, from the hub's database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kfield.aggregate import reports

FORMATS = {"console": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8",
           "json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Query:
    names: tuple[str, ...]
    period: reports.Period
    fmt: str
    language: str
    province: int = 56

    @classmethod
    def parse(cls, name: str, params, language: str) -> "Query":
        """ValueError (with the offending word) for an unknown report or format, a bad day or period."""
        name = name.strip().lower()
        if name not in (*reports.NAMES, "all"):
            raise ValueError(name)
        names = reports.NAMES if name == "all" else (name,)
        fmt = params.get("format", "html")
        if fmt not in FORMATS or (fmt == "csv" and len(names) > 1):
            raise ValueError(fmt)
        period = reports.Period(_day(params.get("from")), _day(params.get("to")))
        if period.start and period.end and period.start > period.end:
            raise ValueError(f"{period.start} > {period.end}")
        province = params.get("province", "56")
        if not province.isdigit():
            raise ValueError(province)
        return cls(tuple(names), period, fmt, language, int(province))


def _day(value: str | None) -> dt.date | None:
    """The day, or ValueError carrying only the value as typed (it is shown back to the reader)."""
    try:
        return dt.date.fromisoformat(value.strip()) if value else None
    except ValueError:
        raise ValueError(value[:40]) from None


def render(db, query: Query) -> tuple[bytes, str]:
    from kfield.aggregate import db as dbmod

    with dbmod.readable(db):
        tables = [reports.build(db, name, query.period, query.province) for name in query.names]
        headline = reports.headline(db, query.period, query.province) if query.fmt == "html" else {}
        body = _format(tables, headline, _meta(query, db.where), query.fmt, query.language)
    body = body if isinstance(body, (str, bytes)) else "".join(body)
    return (body.encode("utf-8") if isinstance(body, str) else body), FORMATS[query.fmt]


def _format(tables, headline, meta, fmt: str, language: str):
    from kfield.core.i18n import text
    from kfield.formats import dashboard, tables as out

    if fmt == "console":
        return out.console(tables, language, color=False, width=120)
    if fmt == "csv":
        return out.to_csv(tables[0], language)
    if fmt == "json":
        return out.to_json(tables, meta)
    if fmt == "xlsx":
        return out.to_xlsx(out.report_sheets(tables, language))
    if fmt == "md":
        return out.markdown(text("report.dashboard.title", language), (out.section(t, language) for t in tables),
                            intro=dashboard.meta_line(meta, language))
    return dashboard.render(tables, headline, meta, language)


def _meta(query: Query, where: str) -> dict:
    from kfield.core.i18n import text

    period = query.period
    span = (f"{period.start or '…'} → {period.end or '…'}" if period.start or period.end
            else text("report.period.all", query.language))
    generated = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    return {"generated": generated, "period": span, "where": where}


LOGIN_STYLE = "body{font-family:system-ui,sans-serif;margin:2em}.failed{color:#c53030}"


def login_page(language: str, failed: bool) -> str:
    from kfield.core.i18n import text
    from kfield.formats.cells import html_text
    from kfield.formats.html import page_head

    t = lambda key: html_text(text(key, language))     # noqa: E731
    note = f"<p class='failed'>{t('hub.login.failed')}</p>" if failed else ""
    return (page_head(text("hub.login.title", language), language, LOGIN_STYLE) + f"<h1>{t('hub.login.title')}</h1>"
            f"<p>{t('hub.login.help')}</p>{note}<form method='post' action='/login?lang={language}'>"
            f"<input name='token' type='password' size='60' autocomplete='off'> "
            f"<button type='submit'>{t('hub.login.submit')}</button></form></body></html>")
