"""The table writers shared by `kfield report` and `kfield export`: console text, CSV, Markdown,
XLSX, a printable HTML page and the HTML table the dashboard draws; report JSON goes through the one
JSON writer (formats/json.py).

A writer draws sections: (title, header, rows), the rows any iterable of rendered cells, written
as they come (an export over a big log holds one visit's rows at a time, not the file). A report
`Table` becomes a section through `section()`; column labels and titles come from the catalogue
(`report.col.*`, `report.title.*`). CSV and XLSX cells are neutralised against formulas, Markdown
and HTML cells escaped (formats/cells.py).

Map: the one table writer family shared by `report` and `export`: console (`aligned` plain text, or Rich
through `on_terminal`, which check runs and `lan scan` draw through too), CSV, Markdown, a streaming XLSX,
printable HTML pages and records, the HTML table; sections of title, header and rows written as the rows come
"""

from __future__ import annotations

import io
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

from kfield.core.i18n import text
from kfield.core.table import Change, Coded, Joined, Table, plain
from kfield.formats.cells import console_text, csv_text, markdown_cell, neutralise_row, spreadsheet_cell
from kfield.formats.cells import html_text

SCHEMA_VERSION = 1
Section = tuple[str, Sequence[str], Iterable[Sequence[Any]]]      # title, header, rendered rows


def label(column: str, lang: str, table: Table | None = None) -> str:
    if table is not None and column in table.labels:
        return table.labels[column][0 if lang == "vi" else 1]
    return text(f"report.col.{column}", lang)


def title(table: Table, lang: str) -> str:
    return text(f"report.title.{table.name}", lang)


def cell(value: Any, lang: str, real_dates: bool = False) -> Any:
    """A cell as text in the reader's language (`real_dates`: dates and typed values stay values, for
    XLSX); a typed value remembers its tone for the HTML writer."""
    import datetime as dt

    from kfield.formats import values

    if isinstance(value, values.TYPED):
        return value if real_dates else values.Toned(values.text(value, lang), values.tone(value))
    if isinstance(value, bool):
        return text("report.yes" if value else "report.no", lang)
    if isinstance(value, dt.datetime) and not real_dates:
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date) and not real_dates:
        return value.strftime("%d/%m/%Y")            # day first, as dates are written in Vietnam
    if isinstance(value, float) and not real_dates:
        return values.number(value, lang)
    if isinstance(value, Coded):
        return text(value.key, lang)
    if isinstance(value, Change) and real_dates:
        return value                                 # XLSX gives it two columns (report_sheets)
    if isinstance(value, Change):
        after = cell(value.after, lang)
        return values.Toned(f"{cell(value.before, lang)} → {after}", getattr(after, "tone", ""))
    return value


def typed(table: Table, row: tuple, total: bool = False) -> tuple:
    """A row's cells as what they are (core/values.py): readiness counts as tallies of the unit's PCs
    (unknown is «chưa rõ», never 0), a PC's answers as yes/no/unknown with the item's polarity, check
    times as local times, hours as numbers."""
    from kfield.core.values import Answer, Moment, Number, Tally

    def tally(change: Change, pcs: int, good: bool | None) -> Change:
        return Change(Tally(change.before, change.unknown_before or 0, pcs, good),
                      Tally(change.after, change.unknown_after or 0, pcs, good))

    def answer(coded_value: Any, good: bool | None) -> Any:
        code = getattr(coded_value, "code", None)
        return Answer(None if code == "unknown" else code == "yes", good) if code in ("yes", "no", "unknown") \
            else coded_value

    columns = table.columns
    out = list(row)
    for index, column in enumerate(columns):
        value, good = out[index], table.polarity.get(column, True)
        if isinstance(value, Change) and value.unknown_after is not None and "pcs" in columns:
            out[index] = tally(value, int(row[columns.index("pcs")] or 0), good)
        elif isinstance(value, Change) and column in table.polarity:
            out[index] = Change(answer(value.before, good), answer(value.after, good))
        elif column in ("first_check", "last_check") and isinstance(value, str) and not total:
            out[index] = Moment(value or None)
        elif column == "hours" and isinstance(value, (int, float)):
            out[index] = Number(float(value))
    return tuple(out)


def coded(table: Table, row: tuple, lang: str) -> tuple:
    """A row with its codes as words: systems ("ký số"), fault kinds, verdict places and check titles."""
    from kfield.core.i18n import catalogue

    def known(key: str, fallback: Any) -> Any:
        return text(key, lang) if key in catalogue() else fallback

    row = typed(table, row)
    if table.name == "coverage" and row[4]:
        import datetime as dt

        return (*row[:4], dt.date.fromisoformat(row[4]), *row[5:])       # the last visit's day, a real date
    if table.name == "systems":
        return (known(f"system.{row[0]}", row[0]), *row[1:])
    if table.name == "faults":
        kind, item = row[2], row[4]
        shown = (known(f"diag.place.{item}", item) if kind == "verdict"
                 else f"{item} {known(f'check.{item}.title', '')}".strip())
        return (*row[:2], known(f"report.fault.{kind}", kind), row[3], shown, *row[5:])
    return row


def body(table: Table, lang: str, totals_label: bool = True, real_dates: bool = False) -> list[list[Any]]:
    rows = [[cell(v, lang, real_dates) for v in coded(table, row, lang)] for row in table.rows]
    if table.totals is not None:
        total = list(typed(table, table.totals, total=True))
        total[0] = text("report.total", lang) if totals_label else total[0]
        rows.append([cell(v, lang, real_dates) for v in total])
    return rows


def console(tables: Iterable[Table], lang: str, *, color: bool = False, width: int = 100) -> str:
    """A Rich table per report on a terminal; aligned plain text (never wrapped) when piped."""
    return _rich(tables, lang, width) if color else "\n".join(_plain(t, lang) for t in tables)


def _shown(value: Any) -> str:
    """A cell as a terminal shows it: imported text (a member's name, a commune typed, a rules file's
    label) carries no escape or OSC-8 link sequence the terminal would obey (kfield.formats.cells)."""
    return console_text(str(value))


def _plain(table: Table, lang: str) -> str:
    grid = [[_shown(label(c, lang, table)) for c in table.columns],
            *([_shown(v) for v in row] for row in body(table, lang))]
    return f"== {title(table, lang)}\n" + "\n".join(aligned(grid)) + "\n"


def aligned(grid: Sequence[Sequence[str]]) -> list[str]:
    """Rows of text as columns two spaces apart, each as wide as its widest cell, no trailing blanks:
    the plain-text table of reports, `visit list` and `lan scan` when not on a terminal."""
    widths = [max(len(row[i]) for row in grid) for i in range(len(grid[0]))] if grid else []
    return ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in grid]


def on_terminal(draw: Callable[[Any], None], width: int, **options: Any) -> str:
    """What a Rich console prints, as text with its colour codes: `draw(console)` prints the tables
    (check runs, reports, `lan scan`) on a terminal `width` columns wide."""
    from rich.console import Console

    buffer = io.StringIO()
    draw(Console(file=buffer, width=width, force_terminal=True, **options))
    return buffer.getvalue()


def _rich(tables: Iterable[Table], lang: str, width: int) -> str:
    from rich.table import Table as RichTable
    from rich.text import Text

    def draw(out) -> None:
        for table in tables:
            grid = RichTable(title=title(table, lang), header_style="bold")
            for column in table.columns:              # Text, not str: "[link=…]" in a value is not Rich markup
                grid.add_column(Text(_shown(label(column, lang, table))), overflow="fold")
            for row in body(table, lang):
                grid.add_row(*(Text(_shown(v)) for v in row))
            out.print(grid)
    return on_terminal(draw, width, color_system="standard")


def to_csv(table: Table, lang: str) -> str:
    return csv_text([label(c, lang, table) for c in table.columns], body(table, lang))


def to_json(tables: Iterable[Table], meta: dict[str, Any]) -> str:
    from kfield.formats.json import envelope

    reports = {t.name: {"columns": list(t.columns), "rows": t.dicts(),
                        "totals": plain(dict(zip(t.columns, t.totals))) if t.totals is not None else None}
               for t in tables}
    return envelope(SCHEMA_VERSION, {**meta, "reports": reports})


def section(table: Table, lang: str, real_dates: bool = False) -> Section:
    """A report table as a section every writer draws."""
    return title(table, lang), [label(c, lang, table) for c in table.columns], body(table, lang, real_dates=real_dates)


def markdown(heading: str, sections: Iterable[Section], intro: str = "") -> Iterator[str]:
    """A Markdown document (a heading, an optional line under it), a table per section, row by row;
    every cell escaped (no live HTML or links)."""
    yield f"# {markdown_cell(heading)}\n" + (f"\n{markdown_cell(intro)}\n" if intro else "")
    for name, header, rows in sections:
        yield f"\n## {markdown_cell(name)}\n\n" + "".join(_md_row(header)) + "|" + "---|" * len(header) + "\n"
        for row in rows:
            yield from _md_row(row)


def _md_row(cells: Sequence[Any]) -> Iterator[str]:
    if not any(isinstance(v, Joined) for v in cells):
        yield "| " + " | ".join(markdown_cell(v) for v in cells) + " |\n"
        return
    for v in cells:                                    # a cell in parts: written part by part
        yield "| "
        yield from _parts(v, markdown_cell)
        yield " "
    yield "|\n"


def _parts(value: Any, escape: Callable[[Any], str]) -> Iterator[str]:
    """A cell escaped; a Joined one part by part (escaping is per character, so the same text)."""
    if not isinstance(value, Joined):
        yield escape(value)
        return
    yield from map(escape, value.pieces())


# Printable: A4 landscape, the table as wide as the page and never wider (cells wrap, long words too).
PAGE_STYLE = ("body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0;"
              "width:100%;table-layout:fixed}th,td{border:1px solid #999;padding:3px 4px;text-align:left;"
              "vertical-align:top;overflow-wrap:anywhere;word-break:break-word;font-size:.8em}"
              "th{background:#e8eef7}h1{font-size:1.5em}@page{size:A4 landscape;margin:10mm}"
              "@media print{body{margin:0}h2{page-break-before:always}th,td{font-size:7.5pt}}")


def html_page(heading: str, sections: Iterable[Section], lang: str) -> Iterator[str]:
    """One printable page with no external resources, a table per section, every value escaped."""
    from kfield.formats.html import page_head

    yield page_head(heading, lang, PAGE_STYLE) + f"<h1>{html_text(heading)}</h1>"
    for name, header, rows in sections:
        yield f"<h2>{html_text(name)}</h2>"
        yield from html_table(header, rows)
    yield "</body></html>\n"


# A visit as a record on A4 portrait: label/value facts and short tables; words wrap whole (only a word
# longer than its cell is broken), never mid-syllable.
RECORD_STYLE = ("body{font-family:system-ui,sans-serif;margin:1.5em;color:#111;max-width:60em}"
                "table{border-collapse:collapse;margin:.4em 0 1em;width:100%;table-layout:fixed}th,td{border:1px solid #999;"
                "padding:3px 5px;text-align:left;vertical-align:top;overflow-wrap:break-word;word-break:normal;"
                "hyphens:manual;font-size:.85em}th{background:#e8eef7}table.facts th{width:28%}"
                "h1{font-size:1.4em}h2{font-size:1.2em;margin-top:1.5em}h3{font-size:1em;margin:.8em 0 .2em}"
                "@page{size:A4 portrait;margin:12mm}@media print{body{margin:0;max-width:none}"
                "section.record+section.record{break-before:page}th,td{font-size:8.5pt}tr{break-inside:avoid}}")


def record_page(heading: str, records: Iterable[tuple[str, Sequence[tuple[str, Any]], Iterable[Section]]],
                lang: str) -> Iterator[str]:
    """A printable page of records: each a heading, its facts (label, value) and short tables."""
    from kfield.formats.html import page_head

    yield page_head(heading, lang, RECORD_STYLE) + f"<h1>{html_text(heading)}</h1>"
    for name, facts, parts in records:
        yield f"<section class='record'><h2>{html_text(name)}</h2><table class='facts'>"
        for fact, value in facts:
            yield f"<tr><th>{html_text(fact)}</th>{_td(value)}"
            yield from _parts(value, html_text)
            yield "</td></tr>"
        yield "</table>"
        for part, header, rows in parts:
            yield f"<h3>{html_text(part)}</h3>"
            yield from html_table(header, rows)
        yield "</section>"
    yield "</body></html>\n"


def html_table(header: Sequence[str], rows: Iterable[Sequence[Any]],
               css: Callable[[int, Sequence[Any]], str] | None = None) -> Iterator[str]:
    """An HTML table row by row, every value escaped; `css(index, row)` names a row's class."""
    yield "<table><tr>" + "".join(f"<th>{html_text(c)}</th>" for c in header) + "</tr>"
    for index, row in enumerate(rows):
        name = css(index, row) if css else ""
        opening = f"<tr class='{name}'>" if name else "<tr>"
        if not any(isinstance(v, Joined) for v in row):
            yield opening + "".join(f"{_td(v)}{html_text(v)}</td>" for v in row) + "</tr>"
            continue
        yield opening
        for v in row:
            yield "<td>"
            yield from _parts(v, html_text)
            yield "</td>"
        yield "</tr>"
    yield "</table>"


def _td(value: Any) -> str:
    """A cell's opening tag, with the class its polarity gives it (good / bad / unknown)."""
    tone = getattr(value, "tone", "")
    return f"<td class='{tone}'>" if tone else "<td>"


def to_xlsx(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One sheet per (name, header, rows); numbers stay numbers, dates real dates, text cannot become
    a formula. Rows are written as they come (a streaming workbook): columns are as wide as the header
    and the first WIDTH_ROWS rows need."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    taken: set[str] = set()
    buffer = io.BytesIO()
    try:
        for name, header, rows in sheets:
            _sheet(book.create_sheet(_sheet_name(name, taken)), header, iter(rows))
        book.save(buffer)                  # closes each sheet in turn: a Ctrl-C can land here too
    except BaseException:
        _abandon(book)
        raise
    return buffer.getvalue()


def _sheet(sheet, header: Sequence[str], rows) -> None:
    head = [[spreadsheet_cell(v) for v in row] for row in islice(rows, WIDTH_ROWS)]
    _widths(sheet, header, head)
    sheet.freeze_panes = "A2"
    sheet.append(neutralise_row(header))
    for row in head:
        sheet.append(_typed(sheet, row))
    for row in rows:
        sheet.append(_typed(sheet, [spreadsheet_cell(v) for v in row]))


def _abandon(book) -> None:
    """Ctrl-C or an error while rows stream in: each sheet's row writer is closed now, before its
    temporary file, not by the garbage collector after it ("I/O operation on closed file")."""
    import contextlib

    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()


WIDTH_ROWS = 1000


def _widths(sheet, header: Sequence[str], rows: list[list[Any]]) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(header, start=1):
        longest = max([len(str(column))] + [len(str(getattr(r[index - 1], "value", r[index - 1]))) for r in rows
                                            if len(r) >= index])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)


def _typed(sheet, row: list[Any]) -> list[Any]:
    """Dates are real spreadsheet dates (sortable, filterable), shown day first as in Vietnam; a
    typed cell made ready by `sheet_cells` keeps its number format."""
    import datetime as dt

    from openpyxl.cell import WriteOnlyCell

    def typed(value: Any) -> Any:
        if isinstance(value, Formatted):
            cell = WriteOnlyCell(sheet, value.value)
            cell.number_format = value.number_format
            return cell
        if not isinstance(value, dt.date):
            return value
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, dt.datetime) else "DD/MM/YYYY"
        return cell
    return [typed(v) for v in row]


class Formatted(NamedTuple):
    """An XLSX cell's value with its number format."""

    value: Any
    number_format: str


def sheet_cells(row: Sequence[Any], lang: str) -> list[Any]:
    """Typed cells as XLSX values: numbers and dates real, words in the reader's language."""
    from kfield.formats import values

    out = []
    for value in row:
        if isinstance(value, values.TYPED):
            shown, number_format = values.sheet(value, lang)
            value = Formatted(shown, number_format) if number_format else shown
        out.append(value)
    return out


def report_sheets(tables: Iterable[Table], lang: str):
    """A sheet per report: numbers as numbers; a first → latest column as two columns (and a readiness
    count as two more, the PCs that could not be judged), never a "0 → 0" text cell."""
    return [_report_sheet(t, lang) for t in tables]


def _report_sheet(table: Table, lang: str) -> Section:
    from kfield.core.values import Tally

    name, header, rows = section(table, lang, real_dates=True)
    rows = [list(r) for r in rows]
    split = {i for i in range(len(header)) if any(isinstance(r[i], Change) for r in rows)}
    counted = {i for i in split if any(isinstance(r[i], Change) and isinstance(r[i].after, Tally) for r in rows)}
    sides = (text("report.chart.ready_before", lang), text("report.chart.ready_after", lang))
    heads: list[str] = []
    for index, column in enumerate(header):
        if index not in split:
            heads.append(column)
            continue
        heads += [f"{column} ({side})" for side in sides]
        if index in counted:
            heads += [text("values.sheet_unknown", lang, column=column, side=side) for side in sides]
    return name, heads, [sheet_cells(_split_row(row, split, counted), lang) for row in rows]


def _split_row(row: list[Any], split: set[int], counted: set[int]) -> list[Any]:
    out: list[Any] = []
    for index, value in enumerate(row):
        if index not in split:
            out.append(value)
            continue
        change = value if isinstance(value, Change) else Change(value, value)
        out += [change.before, change.after]
        if index in counted:
            out += [getattr(change.before, "unknown", ""), getattr(change.after, "unknown", "")]
    return out


SHEET_NAME = 31                     # characters Excel allows in a sheet name


def _sheet_name(name: str, taken: set[str] | None = None) -> str:
    """A sheet name Excel takes: no []:*?/\\, at most 31 characters, cut after a whole word (never
    inside one, nor between a letter and its mark), unique in the workbook ("… (2)")."""
    import unicodedata

    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in name.replace(": ", " - "))
    cleaned = unicodedata.normalize("NFC", cleaned).strip() or "sheet"
    taken = set() if taken is None else taken
    for number in range(1, 1000):
        suffix = f" ({number})" if number > 1 else ""
        candidate = _cut(cleaned, SHEET_NAME - len(suffix)) + suffix
        if candidate.lower() not in taken:
            taken.add(candidate.lower())
            return candidate
    raise ValueError("too many sheets of one name")


def _cut(name: str, limit: int) -> str:
    """The name cut to `limit` characters after its last whole word (inside a word only when the
    first word is longer than the limit), without a dangling bracket or separator."""
    if len(name) <= limit:
        return name
    head = name[:limit + 1]
    space = head.rfind(" ")
    cut = head[:space] if space > limit // 3 else name[:limit]
    if cut.count("(") > cut.count(")") and cut.rfind("(") > limit // 3:
        cut = cut[:cut.rfind("(")]                                   # no bracket left open
    return cut.rstrip(" (,:;—-–→").rstrip() or name[:limit]

