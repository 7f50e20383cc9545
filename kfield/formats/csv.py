"""CSV output: one row per result, UTF-8 with a BOM so Excel shows Vietnamese correctly."""

from __future__ import annotations

import csv
import io

from kfield.core.i18n import text
from kfield.core.report import Report
from kfield.core.result import Result, Status
from kfield.formats import text as t
from kfield.formats.cells import neutralise_row

BOM = "\ufeff"
COLUMNS = ("fmt.col.id", "fmt.col.area", "fmt.col.title", "fmt.col.status", "fmt.col.status_code",
           "fmt.col.summary", "fmt.col.evidence", "fmt.col.remedy", "fmt.col.duration", "fmt.col.admin")


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    # "\n" rather than "\r\n": the CLI writes in text mode, which turns "\n" into the
    # platform's line end; "\r\n" would become "\r\r\n" on Windows.
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(neutralise_row(text(key, lang) for key in COLUMNS))
    for result in report.sorted():
        writer.writerow(neutralise_row(row(result, lang)))
    return BOM + buffer.getvalue()


def row(result: Result, lang: str) -> list:
    remedy = t.remedy(result, lang) if result.status is not Status.OK else ""
    return [result.check_id, text(f"area.{t.area(result)}", lang), t.title(result, lang),
            t.status_label(result.status, lang), result.status.value, t.summary(result, lang),
            t.evidence_text(result, lang), remedy, result.duration_s, yes_no(result.admin, lang)]


def yes_no(flag: bool, lang: str) -> str:
    return text("fmt.yes" if flag else "fmt.no", lang)
