"""Plain text for people: a step as it is asked, a check result with its evidence,
an outcome with its contact, and a whole playbook for review (``show``).

Plain lines only, so the same text works in a Windows console, a pipe and tmux.
"""

from __future__ import annotations

import re
from typing import Mapping

from kfield.core.i18n import MENU_PLACEHOLDER, MENUS, Menus, render, text
from kfield.core.result import Result, Status
from kfield.formats.text import measure_text, status_label
from kfield.playbook import model as m

KIND_KEYS = {"ask": "pb.kind.ask", "check": "pb.kind.check", "diagnose": "pb.kind.diagnose", "do": "pb.kind.do",
             "info": "pb.kind.info", "count": "pb.kind.count", "switch": "pb.kind.switch", "end": "pb.kind.end"}
OUTCOME_KEYS = {"fixed": "pb.outcome.fixed", "escalate": "pb.outcome.escalate",
                "not_fixed": "pb.outcome.not_fixed", "handoff": "pb.outcome.handoff",
                "incomplete": "pb.outcome.incomplete"}
Contacts = Mapping[str, Mapping[str, str]]
FIELDS = re.compile(f"{MENU_PLACEHOLDER.pattern}|{m.PLACEHOLDER.pattern}")


def fill(words: m.Bilingual | None, lang: str, vars: Mapping[str, str]) -> str:
    """The text in ``lang`` with its ``{variable}`` placeholders filled in and each ``{menu[NAME]}`` named as
    this PC's Windows shows it (kfield.core.i18n.menu; both names when its display language is unknown).
    One pass: a variable's value is never read as a placeholder."""
    if words is None:
        return ""
    menus = Menus(lang)

    def one(found: re.Match) -> str:
        if found[1] is not None:
            return menus[found[1]] if found[1] in MENUS else found[0]
        return str(vars.get(found[2], found[0]))

    return FIELDS.sub(one, words.get(lang))


def header(playbook: m.Playbook, lang: str) -> str:
    return text("pb.run.header", lang, title=playbook.title.get(lang), id=playbook.id, version=playbook.version)


def question(step: m.Step, options, lang: str, vars: Mapping[str, str]) -> list[str]:
    """The step's text and its numbered options, as shown before the prompt."""
    lines = ["", f"[{text(KIND_KEYS[step.kind], lang)}] {fill(step.text, lang, vars)}"]
    if not isinstance(step, m.Info):
        lines += [f"  {n}. {fill(o.label, lang, vars)}" for n, o in enumerate(options, 1)]
    return lines + [text("pb.run.hint", lang)]


def checking(step: m.Check, lang: str, vars: Mapping[str, str]) -> list[str]:
    intro = [f"[{text(KIND_KEYS['check'], lang)}] {fill(step.text, lang, vars)}"] if step.text else []
    title = text(f"check.{step.check}.title", lang)
    return ["", *intro, text("pb.run.checking", lang, check=step.check, title=title)]


def diagnosing(step: m.Diagnose, lang: str, vars: Mapping[str, str]) -> list[str]:
    intro = [f"[{text(KIND_KEYS['diagnose'], lang)}] {fill(step.text, lang, vars)}"] if step.text else []
    return ["", *intro, text("pb.run.diagnosing", lang)]


def verdict_lines(result: Result, lang: str, place: str) -> list[str]:
    lines = [f"  {text(f'diag.place.{place}', lang)}: {render(result.summary, lang)}"]
    return lines + [f"    {measure_text(m, lang)}" for m in result.evidence if m.name != "diag_place"]


def result_lines(result: Result, lang: str) -> list[str]:
    lines = [f"  {status_label(result.status, lang)}: {render(result.summary, lang)}"]
    lines += [f"    {measure_text(measure, lang)}" for measure in result.evidence]
    if result.remedy:
        lines.append("  " + text("pb.run.remedy", lang, remedy=render(result.remedy, lang)))
    return lines


def outcome_lines(step: m.End, lang: str, vars: Mapping[str, str], contacts: Contacts, profile: str) -> list[str]:
    lines = ["", text("pb.run.outcome", lang, outcome=text(OUTCOME_KEYS[step.outcome], lang)),
             fill(step.text, lang, vars)]
    if step.contact:
        lines.append(contact_line(step.contact, lang, contacts, profile))
    return lines


def short_text(step: m.Step, lang: str, vars: Mapping[str, str], limit: int = 80) -> str:
    """A step as a person recognises it: its text's first sentence (variables filled), whole words, at most
    `limit` characters."""
    words = " ".join((fill(step.text, lang, vars) if step.text else step.id).split())
    first = words.split(". ")[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def role_name(role: str, lang: str, contacts: Contacts | None) -> str:
    """The role as people say it ("Bộ phận hỗ trợ kỹ thuật cấp tỉnh"), the id when the profile lacks it."""
    return contacts[role][lang] if contacts and role in contacts else role


def contact_line(role: str, lang: str, contacts: Contacts, profile: str) -> str:
    if role in contacts:
        return text("pb.run.contact", lang, contact=contacts[role][lang], role=role)
    return text("pb.run.contact_unknown", lang, role=role, profile=profile)


# --- show: the whole playbook for review --------------------------------------------------


def show(playbook: m.Playbook, lang: str, contacts: Contacts | None = None) -> str:
    lines = [header(playbook, lang), playbook.summary.get(lang),
             text("pb.show.meta", lang, system=playbook.system, tags=", ".join(playbook.tags) or "—",
                  start=playbook.start)]
    if playbook.vars:
        pairs = ", ".join(f"{k}={v!r}" for k, v in playbook.vars.items())
        lines.append(text("pb.show.vars", lang, vars=pairs))
    for step in playbook.steps.values():
        lines += ["", f"{step.id}  [{text(KIND_KEYS[step.kind], lang)}] {step_summary(step, lang, contacts)}"]
        lines += [f"    {label} → {target}" for label, target in edge_labels(step, lang)]
    return "\n".join(lines) + "\n"


def step_summary(step: m.Step, lang: str, contacts: Contacts | None = None) -> str:
    words = fill(step.text, lang, {})          # menus named, {variables} kept for review
    if isinstance(step, m.Check):
        return f"{step.check} {text(f'check.{step.check}.title', lang)}" + (f" — {words}" if words else "")
    if isinstance(step, m.End):
        role = f" ({role_name(step.contact, lang, contacts)})" if step.contact else ""
        onward = f" → {step.handoff}" if step.handoff else ""
        return f"{text(OUTCOME_KEYS[step.outcome], lang)}{role}{onward}: {words}"
    if isinstance(step, m.Switch):
        return f"{{{step.var}}}" + (f" — {words}" if words else "")
    return words


def edge_labels(step: m.Step, lang: str) -> list[tuple[str, str]]:
    """(label a person reads, target) for every edge of a step."""
    if isinstance(step, m.Ask):
        return [(f"{c.key}: {fill(c.label, lang, {})}" + _sets(c.sets), c.next) for c in step.choices]
    if isinstance(step, m.Check):
        return [(", ".join(status_text(s, lang) for s in e.label.split("|")), e.target) for e in step.edges()]
    if isinstance(step, m.Diagnose):
        return [(", ".join(text(f"diag.place.{p}", lang) for p in e.label.split("|")), e.target) for e in step.edges()]
    if isinstance(step, m.Do):
        return [(text("pb.do.done", lang), step.done), (text("pb.do.not_done", lang), step.not_done)]
    if isinstance(step, m.Switch):
        cases = [(f"{step.var} = {value}", target) for value, target in step.cases.items()]
        return cases + [(text("pb.graph.other", lang), step.default)]
    if isinstance(step, m.Count):
        return [(f"{step.var} = {step.minimum}…{step.maximum}", step.next)]
    return [(text("pb.info.next", lang), e.target) for e in step.edges()]


def status_text(status: str, lang: str) -> str:
    return status_label(Status(status), lang)


def _sets(sets: Mapping[str, str]) -> str:
    return f"  [{', '.join(f'{k}={v}' for k, v in sets.items())}]" if sets else ""
