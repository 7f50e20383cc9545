"""How a visit reads: a short summary for `visit show`, a line per visit for `visit list`, JSON."""

from __future__ import annotations

from dataclasses import asdict

from kfield.core.i18n import text
from kfield.formats.cells import console_text


def as_dict(visit) -> dict:
    data = asdict(visit)
    data["officials_trained"] = visit.officials_trained
    return data


def text_summary(visit, lang: str) -> str:
    t = lambda key, **p: text(key, lang, **p)  # noqa: E731
    lines = [t("visit.show.head", commune=visit.commune, code=visit.commune_code, visit=visit.id),
             t("visit.show.who", members=", ".join(visit.members), school=visit.school or "—"),
             t("visit.show.when", started=visit.started, ended=visit.ended or t("visit.show.open"))]
    if visit.tasks:
        lines.append(t("visit.show.tasks", tasks=", ".join(visit.tasks)))
    for problem in visit.problems:
        lines.append(t("visit.show.problem", outcome=t(f"visit.outcome.{problem.outcome}"), system=problem.system,
                       text=problem.text))
    for training in visit.trainings:
        lines.append(t("visit.show.training", topic=training.topic, officials=training.officials))
    lines += [t("visit.show.note", text=n) for n in visit.notes]
    lines.append(t("visit.show.evidence", checks=len(visit.checks), transcripts=len(visit.transcripts)))
    return console_text("\n".join(lines) + "\n")      # what a log holds never drives the terminal


def listing(visits, current: str | None, lang: str) -> str:
    if not visits:
        return text("visit.list.empty", lang) + "\n"
    rows = []
    for visit in visits:
        mark = "*" if visit.id == current else " "
        state = text("visit.show.open", lang) if visit.open else visit.ended
        rows.append(f"{mark} {visit.id}  {visit.commune} ({visit.commune_code})  {visit.started} → {state}  "
                    + text("visit.list.counts", lang, problems=len(visit.problems), trained=visit.officials_trained))
    return console_text("\n".join(rows) + "\n")


def diff_text(diff, lang: str) -> str:
    lines = [text("visit.diff.head", lang, before=diff.before or "—", after=diff.after or "—")]
    for group in ("fixed", "broken", "still_broken"):
        changes = getattr(diff, group)
        lines.append(text(f"visit.diff.{group}", lang, count=len(changes)))
        lines += [f"  {c.check_id} {text(f'check.{c.check_id}.title', lang)}: {c.before} → {c.after}" for c in changes]
    lines.append(text("visit.diff.still_ok", lang, count=len(diff.still_ok)))
    return console_text("\n".join(lines) + "\n")
