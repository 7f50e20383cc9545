"""Output of `kfield diagnose`: the verdict line, its evidence and the next step; or JSON."""

from __future__ import annotations

from kfield.core.i18n import render as render_message
from kfield.core.i18n import text
from kfield.formats import text as t

SCHEMA_VERSION = 1
# The contact roles the rules and the bundled profiles name, in words for a profile that lacks one.
ROLES = {"provincial_it": "diag.role.provincial_it", "isp": "diag.role.isp", "provincial_ca": "diag.role.provincial_ca",
         "eoffice_admin": "diag.role.eoffice_admin", "pakn_admin": "diag.role.pakn_admin",
         "kpi_admin": "diag.role.kpi_admin", "dvc_admin": "diag.role.dvc_admin"}

# Skips that leave a question unasked (the DHCP and ARP probes need administrator rights): named, so that
# "no fault found" is not read as "nothing there".
UNASKED = ("core.skip.admin", "lan.dup.needs_admin")


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
    unasked = [t.title(r, lang) for r in report.results if r.summary.key in UNASKED]
    if unasked:
        lines.append(text("diag.unasked", lang, checks="; ".join(unasked)))
    lines.append(t.summary_line(report, lang))
    return "\n".join(lines) + "\n"


def headline(verdict, lang: str) -> str:
    key = "diag.line" if verdict.alarm else "diag.line_healthy"
    place = text(f"diag.place.{verdict.place}", lang)
    if verdict.also:
        place = text("diag.either", lang, first=place, second=text(f"diag.place.{verdict.also}", lang))
    return text(key, lang, place=place, reason=render_message(verdict.reason, lang))


def contact(verdict, lang: str) -> str:
    """The profile's words for the role; else the catalogue's words for a known role, noting that
    the profile names no one; else a sentence for "the person responsible" (never the role's key)."""
    name = verdict.contact_name.get(lang) if verdict.contact_name else None
    if name:
        return name
    if verdict.contact in ROLES:
        return text("diag.contact_unset", lang, role=text(ROLES[verdict.contact], lang))
    return text("diag.contact_unknown_role", lang)
