"""HTML output: one self-contained printable page (no scripts, fonts or remote resources), and the one
page writer every HTML kfield writes opens with (`page_head`: the Content-Security-Policy)."""

from __future__ import annotations

import base64
import hashlib
from itertools import groupby
from typing import Sequence

from kfield.core.i18n import text
from kfield.core.report import Report
from kfield.core.result import Result, Status
from kfield.formats import text as t
from kfield.formats.cells import html_text as escape
from kfield.formats.markdown import generated, report_title

# The policy forbids every remote load and every script but those the page names by their hash, so
# even a value that slipped past escaping could not run or phone home; inline styles are allowed.
CSP = "default-src 'none'; style-src 'unsafe-inline'"

STYLE = """
body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.4rem 0 .4rem}
.meta{color:#555;margin:0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.status{white-space:nowrap;font-weight:bold}
.ok .status{color:#fff;background:#2e7d32}.warn .status{background:#f9a825}
.fail .status{color:#fff;background:#c62828}.skip .status{color:#555;background:#e0e0e0}
.error .status{color:#fff;background:#6a1b9a}
.ev{color:#555;font-size:.9em;margin:.2rem 0 0;padding-left:1.1rem}
.remedy{margin:.2rem 0 0;color:#0d47a1}
td div,.ev li,.remedy{white-space:pre-line}
.summary{font-weight:bold;margin-top:1.4rem}
@media print{
body{margin:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
thead{display:table-header-group}tr{break-inside:avoid}h2{break-after:avoid}
}
"""


def page_head(title: str, lang: str, style: str, scripts: Sequence[str] = ()) -> str:
    """A page's opening up to and with <body>: its language, title and style, and a policy that loads
    nothing from anywhere and runs only the inline ``scripts`` given here (each allowed by its SHA-256,
    so the page must carry them exactly)."""
    policy = CSP + ("; script-src " + " ".join(f"'sha256-{script_hash(s)}'" for s in scripts) if scripts else "")
    return (f'<!DOCTYPE html>\n<html lang="{escape(_page_lang(lang))}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>")


def script_hash(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    title = escape(report_title(report, lang))
    parts = [page_head(report_title(report, lang), lang, STYLE),
             f"<header><h1>{title}</h1><p class=\"meta\">{escape(generated(report, lang))}</p></header>"]
    for area, results in groupby(report.sorted(), key=t.area):
        parts.append(section(area, list(results), lang))
    parts += [f'<p class="summary">{escape(t.summary_line(report, lang))}</p>', "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _page_lang(lang: str) -> str:
    return lang if lang in ("vi", "en") else "en"


def section(area: str, results: list[Result], lang: str) -> str:
    heading = f"<h2>{escape(area)} — {escape(text(f'area.{area}', lang))}</h2>"
    head = "".join(f"<th>{escape(text(key, lang))}</th>"
                   for key in ("fmt.col.status", "fmt.col.check", "fmt.col.result"))
    rows = "\n".join(row(result, lang) for result in results)
    return f"<section>{heading}\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table></section>"


def row(result: Result, lang: str) -> str:
    status = result.status.value
    check = f"{escape(result.check_id)} {escape(t.title(result, lang))}"
    return (f'<tr class="{status}"><td class="status">{escape(t.status_label(result.status, lang))}</td>'
            f"<td>{check}</td><td>{outcome(result, lang)}</td></tr>")


def outcome(result: Result, lang: str) -> str:
    body = f"<div>{escape(t.summary(result, lang))}</div>"
    if result.evidence:
        items = "".join(f"<li>{escape(t.measure_text(m, lang))}</li>" for m in result.evidence)
        body += f'<ul class="ev">{items}</ul>'
    if result.remedy and result.status is not Status.OK:
        body += f'<p class="remedy">→ {escape(t.remedy(result, lang))}</p>'
    return body
