"""What a visit export is made of: the tables (visits, problems, checks, trainings, playbook runs)
and their columns, each visit as plain data (optionally redacted, kfield/visit/redact.py) and its rows
with stable values (codes, UTC times, messages as key and params). kfield/formats/export.py renders
them for a person, in every format.

A visit is its outline (visits.load_outline: the short facts, folded while the log streams past)
with its notes, check runs and transcripts read again from the log when a writer reaches them
(`Reread`); the visits are read again for each table, one at a time (`Logs`). Memory then follows the
longest line and the visit's problems and trainings, not the size of the logs or of the output.

Map: what a visit export is made of: the tables and their columns, each visit as plain data from its outline
(its notes, check runs and transcripts `Reread`s of the log), its rows with stable values, the visits of
`export --all` read log by log (`Logs`); renders nothing
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, Callable, Iterable, Iterator, Sequence, Union

from kfield.core.table import Reread

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
