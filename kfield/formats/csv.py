"""CSV output: one row per result, UTF-8 with a BOM so Excel shows Vietnamese correctly."""

from __future__ import annotations

from kfield.core.i18n import text
from kfield.core.report import Report
from kfield.core.result import Result, Status
from kfield.formats import text as t
from kfield.formats.cells import csv_text

COLUMNS = ("fmt.col.id", "fmt.col.area", "fmt.col.title", "fmt.col.status", "fmt.col.status_code",
           "fmt.col.summary", "fmt.col.evidence", "fmt.col.remedy", "fmt.col.duration", "fmt.col.admin")


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    return csv_text((text(key, lang) for key in COLUMNS), (row(result, lang) for result in report.sorted()))


def row(result: Result, lang: str) -> list:
    remedy = t.remedy(result, lang) if result.status is not Status.OK else ""
    return [result.check_id, text(f"area.{t.area(result)}", lang), t.title(result, lang),
            t.status_label(result.status, lang), result.status.value, t.summary(result, lang),
            t.evidence_text(result, lang), remedy, result.duration_s, yes_no(result.admin, lang)]


def yes_no(flag: bool, lang: str) -> str:
    return text("fmt.yes" if flag else "fmt.no", lang)
