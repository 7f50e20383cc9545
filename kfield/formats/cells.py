"""Text from visit logs and PCs made inert where it is shown: spreadsheet cells that cannot run as
formulas (CSV/XLSX), Markdown without live HTML or links, console text without terminal control
sequences.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with = + - @, also after leading
spaces or control characters (TAB, CR, LF), so text measured on a PC or typed by a citizen could
turn into a live formula such as =HYPERLINK(...). A leading apostrophe makes the spreadsheet show
the text as text (OWASP "CSV injection"). A CR inside a cell would end the CSV row for a reader
that splits on it; cells hold LF line breaks only (then quoted). XML 1.0 cannot carry most C0
controls, so XLSX cells show them as U+FFFD. A spreadsheet cell holds at most 32,767 characters:
longer XLSX cells are cut there and end in "…". A cell in parts (`Joined`, a visit's notes) is
written to CSV part by part, never made whole.

Map: text made inert where it is shown: spreadsheet formula guard (also part by part, for a CSV cell of many
notes), the XLSX cell limit, console text, and the one escaper per markup: `markdown_cell`, `html_text`
"""

from __future__ import annotations

import html
import re
from typing import Any, Iterator

from kfield.core.table import Joined

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
SPREADSHEET_CELL = 32_767                    # the most characters a cell holds (Excel, LibreOffice)
_LEADING = re.compile(r"^[\s\x00-\x1f\x7f-\x9f]+")              # whitespace and control characters
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\|`*_\[\]()<>#!~])")
_NEWLINES = re.compile(r"\r\n|\r|\n")
# C0/C1 controls but newline and TAB (ESC starts terminal sequences), DEL, bidi overrides
_CONSOLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would read as a formula gets an apostrophe; CRs become LFs; characters
    XML cannot hold become U+FFFD."""
    if isinstance(value, Joined):         # the writers pass a cell in parts piece by piece; whole, it is guarded too
        value = str(value)
    if not isinstance(value, str):
        return value
    return "'" + _clean(value) if _formula(value) else _clean(value)


def _formula(value: str) -> bool:
    """Whether a spreadsheet would read text starting so as a formula (also after blanks and controls)."""
    return value.startswith(FORMULA_STARTS) or _LEADING.sub("", value).startswith(FORMULA_STARTS[:4])


def _clean(value: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", _NEWLINES.sub("\n", value))


def spreadsheet_cell(value: Any) -> Any:
    """A neutralised XLSX cell, at most SPREADSHEET_CELL characters (a longer one ends in "…"; of a
    cell in parts, only the parts up to the cut are read)."""
    if isinstance(value, Joined):
        value = value.head(SPREADSHEET_CELL)[0]
    value = neutralise(value)
    if isinstance(value, str) and len(value) > SPREADSHEET_CELL:
        return value[:SPREADSHEET_CELL - 1] + "…"
    return value


def neutral_parts(value) -> Iterator[str]:
    """A `Joined` cell neutralised as `neutralise` does the whole text, a part at a time: the formula
    test reads parts only until the first character that is not blank or a control."""
    parts = value.pieces()
    head = ""
    for part in parts:
        head += part
        if _LEADING.sub("", head):
            break
    yield "'" + _clean(head) if _formula(head) else _clean(head)
    for part in parts:
        yield _clean(part)


def markdown_cell(value: Any) -> str:
    """Text for a Markdown table cell: HTML inert (& < > as entities), no emphasis, links or images
    (their punctuation escaped), pipes kept inside the cell, line breaks as <br>, no controls."""
    escaped = html.escape(console_text(_NEWLINES.sub("\n", str(value))), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", "<br>")


def html_text(value: Any) -> str:
    """Text for HTML, in an element or a quoted attribute: & < > " ' as entities, so a value from a
    log or a check never becomes markup. Every HTML writer escapes through this one function."""
    return html.escape(str(value), quote=True)


def console_text(value: str) -> str:
    """Text safe to print on a terminal: control characters (ESC sequences that recolour, move the
    cursor or retitle the window) and bidi overrides shown as visible escapes, not obeyed."""
    return _CONSOLE.sub(_visible, value)


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise_row(row) -> list:
    return [neutralise(value) for value in row]


def csv_text(header, rows) -> str:
    """A spreadsheet-safe CSV in one string (csv_lines joined)."""
    return "".join(csv_lines(header, rows))


def csv_lines(header, rows):
    """A spreadsheet-safe CSV, one line at a time as `rows` (any iterable) yields them: UTF-8 with a
    BOM (Excel then shows Vietnamese right), every cell neutralised, "\n" line ends (text-mode output
    turns them into the platform's own; "\r\n" would become "\r\r\n" on Windows)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(neutralise_row(header))
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        if any(isinstance(v, Joined) for v in row):
            yield from _csv_pieces(writer, buffer, row)
            continue
        yield _csv_row(writer, buffer, neutralise_row(row))


def _csv_row(writer, buffer, row) -> str:
    buffer.seek(0)
    buffer.truncate()
    writer.writerow(row)
    return buffer.getvalue()


def _csv_pieces(writer, buffer, row) -> Iterator[str]:
    """A row with a cell in parts: that cell quoted and written part by part, the others as the CSV
    writer writes them."""
    for index, value in enumerate(row):
        yield "," if index else ""
        if isinstance(value, Joined):
            yield '"'
            yield from (part.replace('"', '""') for part in neutral_parts(value))
            yield '"'
        else:
            value = neutralise(value)
            yield "" if value in ("", None) else _csv_row(writer, buffer, [value])[:-1]
    yield "\n"
