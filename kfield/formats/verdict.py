"""Output of `kfield diagnose`: the verdict line, its evidence and the next step; or JSON."""

from __future__ import annotations

from kfield.core.i18n import render as render_message
from kfield.core.i18n import text
from kfield.formats import text as t

SCHEMA_VERSION = 1


def render(report, verdict, fmt: str, lang: str) -> str:
    if fmt == "json":
        from kfield.formats.json import envelope

        return envelope(SCHEMA_VERSION, {"verdict": verdict.to_dict(), "report": report.to_dict(), "lang": lang})
    lines = [headline(verdict, lang)]
    if verdict.evidence:
        lines.append(text("diag.evidence", lang))
        lines += [f"  [{t.status_label(r.status, lang)}] {r.check_id} {t.title(r, lang)}: {t.summary(r, lang)}"
                  for r in verdict.evidence]
    if verdict.contact:
        lines.append(text("diag.tell", lang, contact=contact(verdict, lang)))
    if verdict.next:
        lines.append(text("diag.next", lang, playbook=verdict.next))
    lines.append(t.summary_line(report, lang))
    return "\n".join(lines) + "\n"


def headline(verdict, lang: str) -> str:
    key = "diag.line" if verdict.alarm else "diag.line_healthy"
    place = text(f"diag.place.{verdict.place}", lang)
    if verdict.also:
        place = text("diag.either", lang, first=place, second=text(f"diag.place.{verdict.also}", lang))
    return text(key, lang, place=place, reason=render_message(verdict.reason, lang))


def contact(verdict, lang: str) -> str:
    """The profile's words for the role, else the role with a note that the profile lacks it."""
    name = verdict.contact_name.get(lang) if verdict.contact_name else None
    return name or text("diag.contact_unset", lang, role=verdict.contact)
