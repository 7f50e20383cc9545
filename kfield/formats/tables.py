"""Report tables (kfield.core.table.Table) as console text, CSV, JSON, XLSX and one HTML dashboard.

Column labels and report titles come from the catalogue (`report.col.*`, `report.title.*`); JSON
keeps the stable keys. CSV and XLSX cells are neutralised against formulas (formats/cells.py).
"""

from __future__ import annotations

import io
import json
from typing import Any, Iterable

from kfield.core.i18n import text
from kfield.core.table import Change, Coded, Table, plain
from kfield.formats.cells import csv_text, neutralise_row

SCHEMA_VERSION = 1


def label(column: str, lang: str, table: Table | None = None) -> str:
    if table is not None and column in table.labels:
        return table.labels[column][0 if lang == "vi" else 1]
    return text(f"report.col.{column}", lang)


def title(table: Table, lang: str) -> str:
    return text(f"report.title.{table.name}", lang)


def cell(value: Any, lang: str, real_dates: bool = False) -> Any:
    import datetime as dt

    if isinstance(value, bool):
        return text("report.yes" if value else "report.no", lang)
    if isinstance(value, dt.datetime) and not real_dates:
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date) and not real_dates:
        return value.strftime("%d/%m/%Y")            # day first, as dates are written in Vietnam
    if isinstance(value, Coded):
        return text(value.key, lang)
    if isinstance(value, Change):
        return f"{cell(value.before, lang)} → {cell(value.after, lang)}"
    return value


def coded(table: Table, row: tuple, lang: str) -> tuple:
    """A row with its codes as words: systems ("ký số"), fault kinds, verdict places and check titles."""
    from kfield.core.i18n import catalogue

    def known(key: str, fallback: Any) -> Any:
        return text(key, lang) if key in catalogue() else fallback

    if table.name == "coverage" and row[4]:
        import datetime as dt

        return (*row[:4], dt.date.fromisoformat(row[4]), *row[5:])       # the last visit's day, a real date
    if table.name == "systems":
        return (known(f"system.{row[0]}", row[0]), *row[1:])
    if table.name == "pcs":                                                # check times in local time, real dates
        from kfield.formats.when import local

        return (*row[:5], *(local(t).replace(tzinfo=None) if local(t) else t for t in row[5:7]), *row[7:])
    if table.name == "faults":
        kind, item = row[2], row[4]
        shown = (known(f"diag.place.{item}", item) if kind == "verdict"
                 else f"{item} {known(f'check.{item}.title', '')}".strip())
        return (*row[:2], known(f"report.fault.{kind}", kind), row[3], shown, *row[5:])
    return row


def body(table: Table, lang: str, totals_label: bool = True, real_dates: bool = False) -> list[list[Any]]:
    rows = [[cell(v, lang, real_dates) for v in coded(table, row, lang)] for row in table.rows]
    if table.totals is not None:
        total = list(table.totals)
        total[0] = text("report.total", lang) if totals_label else total[0]
        rows.append([cell(v, lang) for v in total])
    return rows


def console(tables: Iterable[Table], lang: str, *, color: bool = False, width: int = 100) -> str:
    """A Rich table per report on a terminal; aligned plain text (never wrapped) when piped."""
    return _rich(tables, lang, width) if color else "\n".join(_plain(t, lang) for t in tables)


def _plain(table: Table, lang: str) -> str:
    grid = [[label(c, lang, table) for c in table.columns], *([str(v) for v in row] for row in body(table, lang))]
    widths = [max(len(row[i]) for row in grid) for i in range(len(table.columns))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in grid]
    return f"== {title(table, lang)}\n" + "\n".join(lines) + "\n"


def _rich(tables: Iterable[Table], lang: str, width: int) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    buffer = io.StringIO()
    out = Console(file=buffer, width=width, force_terminal=True, color_system="standard")
    for table in tables:
        grid = RichTable(title=title(table, lang), header_style="bold")
        for column in table.columns:
            grid.add_column(label(column, lang, table), overflow="fold")
        for row in body(table, lang):
            grid.add_row(*(str(v) for v in row))
        out.print(grid)
    return buffer.getvalue()


def to_csv(table: Table, lang: str) -> str:
    return csv_text([label(c, lang, table) for c in table.columns], body(table, lang))


def to_json(tables: Iterable[Table], meta: dict[str, Any]) -> str:
    reports = {t.name: {"columns": list(t.columns), "rows": t.dicts(),
                        "totals": plain(dict(zip(t.columns, t.totals))) if t.totals is not None else None}
               for t in tables}
    return json.dumps({"schema_version": SCHEMA_VERSION, **meta, "reports": reports}, ensure_ascii=False,
                      indent=2, default=str) + "\n"


def to_xlsx(sheets: Iterable[tuple[str, list[str], list[list[Any]]]]) -> bytes:
    """One sheet per (name, header, rows); numbers stay numbers, text cannot become a formula."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, header, rows in sheets:
        sheet = book.create_sheet(_sheet_name(name))
        sheet.append(neutralise_row(header))
        for row in rows:
            sheet.append(neutralise_row(row))
        _date_format(sheet)
        for index, column in enumerate(header, start=1):
            longest = max([len(str(column))] + [len(str(r[index - 1])) for r in rows])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _date_format(sheet) -> None:
    """Dates are real spreadsheet dates (sortable, filterable), shown day first as in Vietnam."""
    import datetime as dt

    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"


def report_sheets(tables: Iterable[Table], lang: str):
    return [(title(t, lang), [label(c, lang, t) for c in t.columns], body(t, lang, real_dates=True)) for t in tables]


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name)
    return cleaned[:31] or "sheet"

