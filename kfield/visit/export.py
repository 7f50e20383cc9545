"""Exports of visit logs: tables (visits, problems, checks, trainings) as CSV, XLSX, JSON,
Markdown and one self-contained HTML page; optionally redacted (kfield/visit/redact.py).

Each visit's table becomes `Table`s (a thousand rows each), its cells rendered for a person (local
dates, labels, sentences, notes as a `Joined` cell); the shared writers (formats/tables.py) draw them.
Every format streams: a visit is its outline (visits.load_outline: the short facts, folded while the
log streams past) with its notes, check runs and transcripts read again from the log when a writer
reaches them (`Reread`); the visits are read again for each table, one at a time (`Logs`), and
written row by row. Memory then follows the longest line and the visit's problems and trainings, not
the size of the logs or of the output.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence, Union

from kfield.core.i18n import text
from kfield.core.table import Joined, Reread, Table

SCHEMA_VERSION = 1
TABLES = {
    "visits": ("visit", "commune_code", "commune", "members", "school", "team", "started", "ended", "tasks",
               "systems", "problems", "fixed", "escalated", "pending", "officials_trained", "check_runs", "notes"),
    "problems": ("visit", "commune", "system", "outcome", "text"),
    "checks": ("visit", "commune", "run_started", "profile", "hostname", "check_id", "status", "summary", "remedy"),
    "trainings": ("visit", "commune", "topic", "officials"),
    "playbooks": ("visit", "commune", "started", "hostname", "playbook", "steps", "playbook_outcome",
                  "contact", "finished"),
}
TIMES = ("started", "ended", "run_started", "finished")
PAGE = 1000                     # rows per Table of one visit's table
Docs = Union[Callable[[], Iterable[dict]], Sequence[dict]]     # a list, or what reads the documents again


def table_of(word: str) -> str | None:
    """The table a word names: its code or its title in either language, with or without diacritics
    («sự cố», «su co», «Playbook runs»); None for any other word."""
    from kfield.core.i18n import catalogue
    from kfield.visit.model import fold

    names = {fold(label): name for name in TABLES for label in catalogue().get(f"export.table.{name}", ())}
    return {**names, **{fold(name): name for name in TABLES}}.get(fold(word))


def documents(visits: Iterable, redactor=None) -> Iterator[dict[str, Any]]:
    """Each visit as plain data (redacted when asked), one at a time: what every format is made from."""
    for visit in visits:
        yield document(visit, redactor)


READ_AGAIN = {"notes": "note", "checks": "check_run", "transcripts": "transcript"}     # field → event kind


def document(visit, redactor=None) -> dict[str, Any]:
    """One visit as plain data: a replayed `Visit`, or a `visits.Outlined` whose notes, check runs and
    transcripts are `Reread`s of its log (redacted item by item as they are read)."""
    from kfield.visit.visits import Outlined

    outlined = visit if isinstance(visit, Outlined) else None
    record = outlined.outline.visit if outlined else visit
    data = {f.name: getattr(record, f.name) for f in fields(record)}
    data |= {"problems": tuple(map(asdict, record.problems)), "trainings": tuple(map(asdict, record.trainings)),
             "officials_trained": record.officials_trained}
    data = redactor.value(data) if redactor else data           # an outline's notes and reports are empty here
    if outlined:
        data |= {name: _read_again(outlined, name, redactor) for name in READ_AGAIN}
    return data


def _read_again(outlined, name: str, redactor) -> Reread:
    from kfield.visit import visits

    kind, count = READ_AGAIN[name], getattr(outlined.outline, name)
    pick = visits.notes if kind == "note" else lambda o: visits.kept(o, kind)
    if redactor is None:
        return Reread(lambda: pick(outlined), count)
    return Reread(lambda: (redactor.value(item, name) for item in pick(outlined)), count)


def rows(d: dict, name: str) -> Iterator[dict[str, Any]]:
    """One visit's rows of one table, one at a time, with stable values (codes, UTC times, messages
    as key and params)."""
    base = {"visit": d["id"], "commune": d["commune"]}
    if name == "visits":
        return iter([_visit_row(d)])
    if name == "problems":
        return ({**base, "system": p["system"], "outcome": p["outcome"], "text": p["text"]} for p in d["problems"])
    if name == "trainings":
        return ({**base, "topic": t["topic"], "officials": t["officials"]} for t in d["trainings"])
    if name == "playbooks":
        return ({**base, **_playbook_row(run)} for run in d["transcripts"])
    return ({**base, "run_started": run.get("started", ""), "profile": run.get("profile", ""),
             "hostname": run.get("hostname", ""), "check_id": r["check_id"], "status": r["status"],
             "summary": r.get("summary"), "remedy": r.get("remedy")}
            for run in d["checks"] for r in run.get("results", []))


def _playbook_row(run: dict) -> dict[str, Any]:
    """A playbook run (transcript): which playbook, on which PC, how many steps, how it ended and whom
    it sent the officials to (a contact role of the profile). A transcript of another shape (hand-made,
    older) gives what it has."""
    book = run.get("playbook")
    title = (book.get("title") or book.get("id") or "") if isinstance(book, dict) else str(book or "")
    outcome = run.get("outcome") if isinstance(run.get("outcome"), dict) else {}
    steps = run.get("steps")
    return {"started": run.get("started") or "", "hostname": run.get("hostname") or "", "playbook": title,
            "steps": len(steps) if isinstance(steps, list) else 0,
            "playbook_outcome": str(outcome.get("kind") or "incomplete"),
            "contact": _role(outcome), "finished": run.get("finished") or ""}


def _role(outcome: dict) -> Any:
    """Whom the run handed the problem to: the profile's contact role, in both languages."""
    from kfield.core.values import Role

    words = outcome.get("contact_text") if isinstance(outcome.get("contact_text"), dict) else {}
    code = str(outcome.get("contact") or "")
    if not code and not words:
        return ""
    return Role(code, (str(words.get("vi") or ""), str(words.get("en") or "")))


def _visit_row(d: dict) -> dict[str, Any]:
    outcomes = [p["outcome"] for p in d["problems"]]
    return {"visit": d["id"], "commune_code": d["commune_code"], "commune": d["commune"], "members": d["members"],
            "school": d["school"], "team": d["team"], "started": d["started"], "ended": d["ended"] or "",
            "tasks": d["tasks"], "systems": d["systems"], "problems": len(outcomes),
            **{o: outcomes.count(o) for o in ("fixed", "escalated", "pending")},
            "officials_trained": d["officials_trained"], "check_runs": len(d["checks"]), "notes": d.get("notes", [])}


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


class Logs:
    """The visits of `export --all`, replayed from their logs on each pass (one visit in memory at a
    time, however many logs); a log that cannot be replayed is handed to `on_skip` once and left
    out, cancelled visits are left out. A single log is replayed once and kept for every pass."""

    def __init__(self, ids: Iterable[str], on_skip: Callable[[Any], None]):
        self.ids, self.on_skip, self.bad, self.held = list(ids), on_skip, set(), None

    def __iter__(self):
        for visit_id in self.ids:
            record = self._load(visit_id)
            if record is not None and not record.outline.visit.cancelled:
                yield record

    def any(self) -> bool:
        """Whether there is a visit to export (finds the first; keeps it when it is the only log)."""
        first = next(iter(self), None)
        if len(self.ids) == 1:
            self.held = first
        return first is not None

    def _load(self, visit_id: str):
        from kfield.core.errors import KfieldError
        from kfield.visit import visits

        if self.held is not None:
            return self.held
        if visit_id in self.bad:
            return None
        try:
            return visits.load_outline(visit_id)
        except KfieldError as exc:
            self.bad.add(visit_id)
            self.on_skip(visits.Skipped(str(visits.visits_dir() / f"{visit_id}.jsonl"), exc.message))
            return None
