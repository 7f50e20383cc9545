"""Output of `kfield diagnose`: the verdict line, its evidence and the next step; or JSON."""

from __future__ import annotations

import json

from kfield.core.i18n import render as render_message
from kfield.core.i18n import text
from kfield.formats import text as t

SCHEMA_VERSION = 1


def render(report, verdict, fmt: str, lang: str) -> str:
    if fmt == "json":
        data = {"schema_version": SCHEMA_VERSION, "verdict": verdict.to_dict(), "report": report.to_dict(), "lang": lang}
        return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    lines = [headline(verdict, lang)]
    if verdict.evidence:
        lines.append(text("diag.evidence", lang))
        lines += [f"  [{t.status_label(r.status, lang)}] {r.check_id} {t.title(r, lang)}: {t.summary(r, lang)}"
                  for r in verdict.evidence]
    if verdict.next:
        lines.append(text("diag.next", lang, playbook=verdict.next))
    lines.append(t.summary_line(report, lang))
    return "\n".join(lines) + "\n"


def headline(verdict, lang: str) -> str:
    key = "diag.line" if verdict.alarm else "diag.line_healthy"
    return text(key, lang, place=text(f"diag.place.{verdict.place}", lang),
                reason=render_message(verdict.reason, lang))
