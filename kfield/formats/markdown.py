"""Markdown output: a heading, one table per area, the summary line (for tickets and chats)."""

from __future__ import annotations

from itertools import groupby

from kfield.core.i18n import text
from kfield.core.report import Report
from kfield.core.result import Result, Status
from kfield.formats import text as t
from kfield.formats.cells import markdown_cell as cell   # the one Markdown escaper

COLUMNS = ("fmt.col.status", "fmt.col.check", "fmt.col.result", "fmt.col.evidence")


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    lines = [f"# {cell(report_title(report, lang))}", "", cell(generated(report, lang)), ""]
    for area, results in groupby(report.sorted(), key=t.area):
        lines += [f"## {cell(area)} — {cell(text(f'area.{area}', lang))}", ""]
        lines += table(list(results), lang) + [""]
    lines.append(f"**{cell(t.summary_line(report, lang))}**")
    return "\n".join(lines) + "\n"


def table(results: list[Result], lang: str) -> list[str]:
    header = [cell(text(key, lang)) for key in COLUMNS]
    lines = [_row(header), _row(["---"] * len(header))]
    return lines + [_row(columns(r, lang)) for r in results]


def columns(result: Result, lang: str) -> list[str]:
    outcome = cell(t.summary(result, lang))
    if result.remedy and result.status is not Status.OK:
        outcome += "<br>→ " + cell(t.remedy(result, lang))
    return [f"**{cell(t.status_label(result.status, lang))}**",
            f"{result.check_id} {cell(t.title(result, lang))}", outcome,
            cell(t.evidence_text(result, lang))]


def report_title(report: Report, lang: str) -> str:
    return text("fmt.report_title", lang, profile=report.profile, host=report.hostname)


def generated(report: Report, lang: str) -> str:
    """When, with which rights and by which kfield version the report was made (HTML reuses it)."""
    from kfield.formats.when import human, zone_name

    return text("fmt.generated", lang, time=f"{human(report.finished.isoformat())} ({zone_name()})",
                admin=text("fmt.yes" if report.admin else "fmt.no", lang), version=report.version)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
