"""Visit exports as a person reads them: the tables kfield/visit/export.py gathers, rendered (local
dates, labels for codes, sentences for messages, notes as a `Joined` cell) in Tables of a thousand
rows a visit, and written by the shared writers (formats/tables.py) as CSV, XLSX, Markdown and one
printable HTML page, or as the published JSON (formats/json.py). Every format streams: rows are made
when a writer reaches them, visit by visit.

Map: visit exports rendered for a person: cells (local dates, labels for codes, sentences for messages, notes
in parts) in Tables of a thousand rows a visit, then CSV, XLSX, JSON, Markdown and the printable record page
(A4 portrait)
"""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterable, Iterator

from kfield.core.i18n import text
from kfield.core.table import Joined, Reread, Table
from kfield.visit.export import TABLES, TIMES, Docs, rows

SCHEMA_VERSION = 1
PAGE = 1000                     # rows per Table of one visit's table


def tables(d: dict, name: str, lang: str, real_dates: bool = False) -> Iterator[Table]:
    """One visit's table `name` as a person reads it (labels from `export.col.*` in both languages),
    in Tables of at most PAGE rows: a visit of a hundred thousand events is never rendered whole."""
    columns = TABLES[name]
    labels = {c: (text(f"export.col.{c}", "vi"), text(f"export.col.{c}", "en")) for c in columns}
    body = (tuple(cell(c, row[c], lang, real_dates) for c in columns) for row in rows(d, name))
    while page := tuple(islice(body, PAGE)):
        yield Table(name, columns, page, labels=labels)


def _message(value: Any, lang: str) -> str:
    """A stored message ({"key", "params"}, params possibly messages too) as a sentence."""
    if not isinstance(value, dict) or "key" not in value:
        return "" if value is None else str(value)
    from kfield.core.i18n import catalogue
    from kfield.formats.values import number

    template = "".join(catalogue().get(str(value["key"]), ("", "")))
    params = {k: _message(v, lang) if isinstance(v, dict)
              else number(v, lang, 3) if isinstance(v, float) and "{" + k + ":" not in template else v
              for k, v in (value.get("params") or {}).items()}
    return text(str(value["key"]), lang, **params)


def _label(prefix: str, value: str, lang: str) -> str:
    from kfield.core.i18n import catalogue

    return text(f"{prefix}.{value}", lang) if f"{prefix}.{value}" in catalogue() else value


def cell(column: str, value: Any, lang: str, real_dates: bool = False) -> Any:
    """One value as a person reads it: local dates, labels for codes, sentences for messages."""
    from kfield.formats.when import human, naive_local
    from kfield.visit.visits import short

    if column in TIMES:
        return (naive_local(value) or "") if real_dates else human(value)
    if column == "visit":
        return short(value)
    if column in ("summary", "remedy"):
        return _message(value, lang)
    if column == "check_id":
        return f"{value} {text(f'check.{value}.title', lang)}"
    if column == "playbook_outcome":                                        # the playbook's own words
        from kfield.core.i18n import catalogue

        return text(f"pb.outcome.{value}", lang) if f"pb.outcome.{value}" in catalogue() else value
    if column == "contact" and not isinstance(value, str):
        from kfield.formats.values import text as words

        return words(value, lang)
    if column == "playbook" and isinstance(value, dict):                    # {vi, en} from the playbook
        return str(value.get(lang) or value.get("en") or value.get("vi") or "")
    words = {"status": "status", "outcome": "visit.outcome", "system": "system", "systems": "system",
             "tasks": "visit.task"}
    if column in words:
        values = value if isinstance(value, (list, tuple)) else [value]
        return ", ".join(_label(words[column], v, lang) for v in values)
    if isinstance(value, Reread):
        return Joined(value)
    return Joined(tuple(map(str, value))) if isinstance(value, (list, tuple)) else value


def sections(docs: Docs, lang: str, names: Iterable[str] = tuple(TABLES), real_dates: bool = False):
    """Each table as a section for the shared writers: its title, translated header and rows, the
    rows read visit by visit when the writer reaches them."""
    for name in names:
        header = [text(f"export.col.{c}", lang) for c in TABLES[name]]
        yield text(f"export.table.{name}", lang), header, _rows(docs, name, lang, real_dates)


def _rows(docs: Docs, name: str, lang: str, real_dates: bool) -> Iterator[tuple]:
    for d in docs() if callable(docs) else docs:
        for page in tables(d, name, lang, real_dates):
            yield from page.rows


def to_json(docs: Docs) -> Iterator[str]:
    """The published JSON (docs/visit-export.schema.json), written visit by visit and item by item."""
    from kfield.formats.json import envelope_pieces

    return envelope_pieces(SCHEMA_VERSION, {"visits": iter(docs() if callable(docs) else docs)})


def to_csv(docs: Docs, name: str, lang: str) -> Iterator[str]:
    from kfield.formats.cells import csv_lines

    _, header, body = next(sections(docs, lang, (name,)))
    return csv_lines(header, body)


def to_xlsx(docs: Docs, lang: str) -> bytes:
    from kfield.formats.tables import to_xlsx as workbook

    return workbook(sections(docs, lang, real_dates=True))


def to_markdown(docs: Docs, lang: str) -> Iterator[str]:
    from kfield.formats.tables import markdown

    return markdown(text("export.title", lang), sections(docs, lang))


def to_html(docs: Docs, lang: str) -> Iterator[str]:
    """One printable page (A4 portrait), no external resources, every value escaped: each visit a
    record — its facts as label and value, then short tables of its problems, check results,
    trainings and playbook runs — never the 17 columns of the visits table squeezed side by side."""
    from kfield.formats.tables import record_page

    return record_page(text("export.title", lang), records(docs, lang), lang)


PARTS = ("problems", "checks", "trainings", "playbooks")          # a record's short tables, in this order
_COUNTS = {"problems": "problems", "checks": "checks", "trainings": "trainings", "playbooks": "transcripts"}


def records(docs: Docs, lang: str) -> Iterator[tuple[str, list[tuple[str, Any]], Iterator]]:
    """Each visit as (heading, facts, sections): the facts are the visits table's row with its labels,
    the sections its other tables without the visit and commune columns (the heading has them), the
    empty ones left out; rows are made when the writer reaches them."""
    for d in docs() if callable(docs) else docs:
        row = next(tables(d, "visits", lang)).rows[0]
        facts = [(text(f"export.col.{c}", lang), v) for c, v in zip(TABLES["visits"], row) if c not in ("visit", "commune")]
        heading = text("export.record", lang, visit=row[0], commune=d["commune"])
        yield heading, facts, _parts(d, lang)


def _parts(d: dict, lang: str) -> Iterator[tuple[str, list[str], Iterator]]:
    for name in PARTS:
        if not len(d[_COUNTS[name]]):
            continue
        header = [text(f"export.col.{c}", lang) for c in TABLES[name][2:]]
        yield text(f"export.table.{name}", lang), header, (r[2:] for page in tables(d, name, lang) for r in page.rows)


