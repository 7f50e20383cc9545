"""The review's reports in one format: the one place `kfield report` and the hub choose the formatter."""

from __future__ import annotations

import datetime as dt

from kfield.formats import Format

# what `kfield report` and the hub's /reports write
REPORT_FORMATS = (Format.console, Format.csv, Format.json, Format.xlsx, Format.html, Format.md)


def render(tables, headline, meta: dict, fmt: Format, language: str, *, color: bool = False, width: int = 120):
    """Text (str, or str in pieces) or bytes (XLSX); ``headline`` is read by the HTML dashboard only."""
    from kfield.core.i18n import text
    from kfield.formats import dashboard, tables as out

    fmt = Format(fmt)
    if fmt is Format.console:
        return out.console(tables, language, color=color, width=width)
    if fmt is Format.csv:
        return out.to_csv(tables[0], language)
    if fmt is Format.json:
        return out.to_json(tables, meta)
    if fmt is Format.xlsx:
        return out.to_xlsx(out.report_sheets(tables, language))
    if fmt is Format.md:
        return out.markdown(text("report.dashboard.title", language), (out.section(t, language) for t in tables),
                            intro=dashboard.meta_line(meta, language))
    if fmt is Format.html:
        return dashboard.render(tables, headline, meta, language)
    raise ValueError(fmt)


def meta(period, where: str, language: str) -> dict:
    """When the report was made, the period it covers in words, and which database it read."""
    from kfield.core.i18n import text

    generated = dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds")
    span = (f"{period.start or '…'} → {period.end or '…'}" if period.start or period.end
            else text("report.period.all", language))
    return {"generated": generated, "period": span, "where": where}
