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
