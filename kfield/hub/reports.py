"""Reports served live: the same tables and formatters as `kfield report`, from the hub's database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kfield.aggregate import reports
from kfield.formats import MEDIA_TYPES, Format
from kfield.formats.report import REPORT_FORMATS


@dataclass(frozen=True)
class Query:
    names: tuple[str, ...]
    period: reports.Period
    fmt: Format
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
        if fmt not in {f.value for f in REPORT_FORMATS} or (fmt == "csv" and len(names) > 1):
            raise ValueError(fmt)
        period = reports.Period(_day(params.get("from")), _day(params.get("to")))
        if period.start and period.end and period.start > period.end:
            raise ValueError(f"{period.start} > {period.end}")
        province = params.get("province", "56")
        if not province.isdigit():
            raise ValueError(province)
        return cls(tuple(names), period, Format(fmt), language, int(province))


def _day(value: str | None) -> dt.date | None:
    """The day, or ValueError carrying only the value as typed (it is shown back to the reader)."""
    try:
        return dt.date.fromisoformat(value.strip()) if value else None
    except ValueError:
        raise ValueError(value[:40]) from None


def render(db, query: Query) -> tuple[bytes, str]:
    from kfield.aggregate import db as dbmod
    from kfield.formats import report

    with dbmod.readable(db):
        tables = [reports.build(db, name, query.period, query.province) for name in query.names]
        headline = reports.headline(db, query.period, query.province) if query.fmt is Format.html else {}
        body = report.render(tables, headline, report.meta(query.period, db.where, query.language), query.fmt,
                             query.language)
    body = body if isinstance(body, (str, bytes)) else "".join(body)
    return (body.encode("utf-8") if isinstance(body, str) else body), MEDIA_TYPES[query.fmt]


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
