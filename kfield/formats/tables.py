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


def cell(value: Any, lang: str) -> Any:
    if isinstance(value, bool):
        return text("report.yes" if value else "report.no", lang)
    if isinstance(value, Coded):
        return text(value.key, lang)
    if isinstance(value, Change):
        return f"{cell(value.before, lang)} → {cell(value.after, lang)}"
    return value


def body(table: Table, lang: str, totals_label: bool = True) -> list[list[Any]]:
    rows = [[cell(v, lang) for v in row] for row in table.rows]
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
        for index, column in enumerate(header, start=1):
            longest = max([len(str(column))] + [len(str(r[index - 1])) for r in rows])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_sheets(tables: Iterable[Table], lang: str):
    return [(title(t, lang), [label(c, lang, t) for c in t.columns], body(t, lang)) for t in tables]


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name)
    return cleaned[:31] or "sheet"

