"""Spreadsheet cells that cannot run as formulas (CSV/XLSX exports share this).

Excel, LibreOffice and Google Sheets evaluate a cell that starts with = + - @
(and some also after a TAB or CR), so text measured on a PC or typed by a
citizen could turn into a live formula such as =HYPERLINK(...). A leading
apostrophe makes the spreadsheet show the text as text (OWASP "CSV injection").
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix an apostrophe to text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row) -> list:
    return [neutralise(value) for value in row]


def csv_text(header, rows) -> str:
    """A spreadsheet-safe CSV: UTF-8 with a BOM (Excel then shows Vietnamese right), every cell
    neutralised, "\n" line ends (text-mode output turns them into the platform's own; "\r\n"
    would become "\r\r\n" on Windows)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(neutralise_row(header))
    for row in rows:
        writer.writerow(neutralise_row(row))
    return "\ufeff" + buffer.getvalue()
