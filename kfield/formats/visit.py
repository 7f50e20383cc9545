"""How a visit reads: a short summary for `visit show`, a line per visit for `visit list`, JSON."""

from __future__ import annotations

from dataclasses import asdict

from kfield.core.i18n import text
from kfield.formats.when import human
from kfield.formats.cells import console_text


def as_dict(visit) -> dict:
    data = asdict(visit)
    data["officials_trained"] = visit.officials_trained
    return data


def json_chunks(visit, streams: dict):
    """as_dict(visit) as the one JSON writer writes it (formats/json.py), piece by piece: each list
    named in `streams` (notes, checks, transcripts) is written an item at a time as the stream gives it."""
    from kfield.formats.json import pieces

    yield from pieces(as_dict(visit) | {name: iter(items) for name, items in streams.items()})
    yield "\n"


def text_summary(visit, lang: str) -> str:
    return "".join(summary_lines(visit, visit.notes, (len(visit.checks), len(visit.transcripts)), lang))


def summary_lines(visit, notes, evidence: tuple[int, int], lang: str):
    """The summary a line at a time (notes may be a stream): nothing here holds the whole text."""
    t = lambda key, **p: text(key, lang, **p)  # noqa: E731
    for line in _head(visit, lang):
        yield console_text(line + "\n")          # what a log holds never drives the terminal
    for note in notes:
        yield console_text(t("visit.show.note", text=note) + "\n")
    yield t("visit.show.evidence", checks=evidence[0], transcripts=evidence[1]) + "\n"


def _head(visit, lang: str):
    from kfield.visit.visits import short

    t = lambda key, **p: text(key, lang, **p)  # noqa: E731
    yield t("visit.show.head", commune=visit.commune, code=visit.commune_code, visit=short(visit.id))
    yield t("visit.show.who", members=", ".join(visit.members), school=visit.school or "—")
    yield t("visit.show.when", started=human(visit.started), ended=_state(visit, lang))
    if visit.cancelled:
        yield t("visit.show.cancel_reason", reason=visit.cancel_reason or "—")
    if visit.tasks:
        yield t("visit.show.tasks", tasks=", ".join(visit.tasks))
    for problem in visit.problems:
        yield t("visit.show.problem", outcome=t(f"visit.outcome.{problem.outcome}"),
                system=system_label(problem.system, lang), text=problem.text)
    for training in visit.trainings:
        yield t("visit.show.training", topic=training.topic, officials=training.officials)


def system_label(system: str, lang: str) -> str:
    from kfield.core.i18n import catalogue

    key = f"system.{system}"
    return text(key, lang) if key in catalogue() else system


def _state(visit, lang: str) -> str:
    if visit.cancelled:
        return text("visit.show.cancelled", lang)
    return text("visit.show.open", lang) if visit.ended is None else human(visit.ended)


LIST_COLUMNS = ("id", "commune", "started", "ended", "problems", "trained")


def listing(visits, current: str | None, lang: str) -> str:
    """A table with headers: short id (* the open visit), commune, local start and end (or open /
    cancelled), problems, officials trained."""
    from kfield.formats.tables import aligned
    from kfield.visit.visits import short

    if not visits:
        return text("visit.list.empty", lang) + "\n"
    grid = [[text(f"visit.list.head.{c}", lang) for c in LIST_COLUMNS]]
    for visit in visits:
        grid.append([("* " if visit.id == current else "  ") + short(visit.id), f"{visit.commune} ({visit.commune_code})",
                     human(visit.started), _state(visit, lang), str(len(visit.problems)),
                     str(visit.officials_trained)])
    grid[0][0] = "  " + grid[0][0]
    lines = aligned(grid)
    from kfield.visit.visits import visits_dir

    footer = "visit.list.current" if any(v.id == current for v in visits) else "visit.list.where"
    return console_text("\n".join(lines) + "\n" + text(footer, lang, folder=str(visits_dir())) + "\n")


def diff_text(diff, lang: str) -> str:
    lines = [text("visit.diff.head", lang, before=human(diff.before, "—"), after=human(diff.after, "—"))]
    if not (diff.fixed or diff.broken or diff.still_broken or diff.still_ok):
        return console_text("\n".join([*lines, text("visit.diff.nothing_shared", lang)]) + "\n")
    for group in ("fixed", "broken", "still_broken"):
        changes = getattr(diff, group)
        lines.append(text(f"visit.diff.{group}", lang, count=len(changes)))
        lines += [f"  {c.check_id} {text(f'check.{c.check_id}.title', lang)}: {text(f'status.{c.before}', lang)} → "
                  f"{text(f'status.{c.after}', lang)}" for c in changes]
    lines.append(text("visit.diff.still_ok", lang, count=len(diff.still_ok)))
    return console_text("\n".join(lines) + "\n")
