"""Console output: a Rich table grouped by area on a terminal, plain text otherwise."""

from __future__ import annotations

from itertools import groupby

from kfield.core.i18n import text
from kfield.core.report import Report
from kfield.core.result import Status
from kfield.formats import text as t
from kfield.formats.cells import console_text

STYLES = {Status.OK: "green", Status.WARN: "yellow", Status.FAIL: "bold red",
          Status.SKIP: "dim", Status.ERROR: "magenta"}


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    return _rich(report, lang, width) if color else _plain(report, lang)


def _plain(report: Report, lang: str) -> str:
    lines = []
    for area, results in groupby(report.sorted(), key=t.area):
        lines.append(f"== {area}: {text(f'area.{area}', lang)}")
        for result in results:
            lines.append(f"[{t.status_label(result.status, lang)}] {result.check_id} "
                         f"{t.title(result, lang)}: {t.summary(result, lang)}")
            if result.evidence:
                lines.append(f"    {t.evidence_text(result, lang)}")
            if result.remedy and result.status is not Status.OK:
                lines.append(f"    → {t.remedy(result, lang)}")
    lines.append(t.summary_line(report, lang))
    return "".join(console_text(line) + "\n" for line in lines)     # values from the machine made inert


def _rich(report: Report, lang: str, width: int) -> str:
    from rich.table import Table

    from kfield.formats.tables import on_terminal

    def draw(console) -> None:
        for area, results in groupby(report.sorted(), key=t.area):
            table = Table(title=f"{area} — {text(f'area.{area}', lang)}", title_justify="left",
                          expand=True, show_lines=False)
            table.add_column("", no_wrap=True)
            table.add_column(text("fmt.col.check", lang), ratio=2)
            table.add_column(text("fmt.col.result", lang), ratio=5)
            for result in results:
                table.add_row(*_row(result, lang))
            console.print(table)
        console.print(t.summary_line(report, lang), style="bold")
    return on_terminal(draw, width)


def _row(result, lang):
    from rich.text import Text

    status = Text(t.status_label(result.status, lang), style=STYLES[result.status])
    body = Text(console_text(t.summary(result, lang)))      # a Wi-Fi name, a process name: shown, never obeyed
    if result.evidence:
        body.append("\n" + console_text(t.evidence_text(result, lang)), style="dim")
    if result.remedy and result.status is not Status.OK:
        body.append("\n→ " + console_text(t.remedy(result, lang)), style="cyan")
    return status, Text(f"{result.check_id} {t.title(result, lang)}"), body
