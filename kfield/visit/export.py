"""Exports of visit logs: tables (visits, problems, checks, trainings) as CSV, XLSX, JSON,
Markdown and one self-contained HTML page; optionally redacted (kfield/visit/redact.py)."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from typing import Any

from kfield.core.i18n import text
from kfield.formats.cells import csv_text, markdown_cell

SCHEMA_VERSION = 1
TABLES = {
    "visits": ("visit", "commune_code", "commune", "members", "school", "team", "started", "ended", "tasks",
               "systems", "problems", "fixed", "escalated", "pending", "officials_trained", "check_runs"),
    "problems": ("visit", "commune", "problem", "system", "outcome", "text"),
    "checks": ("visit", "commune", "run_started", "profile", "hostname", "check_id", "status", "summary"),
    "trainings": ("visit", "commune", "topic", "officials"),
}


def documents(visits, redactor=None) -> list[dict[str, Any]]:
    """Each visit as plain data (redacted when asked): what every format is made from."""
    out = []
    for visit in visits:
        data = asdict(visit)
        data["officials_trained"] = visit.officials_trained
        out.append(redactor.value(data) if redactor else data)
    return out


def tables(docs: list[dict]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for d in docs:
        outcomes = [p["outcome"] for p in d["problems"]]
        rows["visits"].append({"visit": d["id"], "commune_code": d["commune_code"], "commune": d["commune"],
                               "members": ", ".join(d["members"]), "school": d["school"], "team": d["team"],
                               "started": d["started"], "ended": d["ended"] or "", "tasks": ", ".join(d["tasks"]),
                               "systems": ", ".join(d["systems"]), "problems": len(outcomes),
                               **{o: outcomes.count(o) for o in ("fixed", "escalated", "pending")},
                               "officials_trained": d["officials_trained"], "check_runs": len(d["checks"])})
        base = {"visit": d["id"], "commune": d["commune"]}
        rows["problems"] += [{**base, "problem": p["id"], "system": p["system"], "outcome": p["outcome"],
                              "text": p["text"]} for p in d["problems"]]
        rows["trainings"] += [{**base, "topic": t["topic"], "officials": t["officials"]} for t in d["trainings"]]
        rows["checks"] += [{**base, "run_started": run.get("started", ""), "profile": run.get("profile", ""),
                            "hostname": run.get("hostname", ""), "check_id": r["check_id"], "status": r["status"],
                            "summary": r["summary"]["key"]}
                           for run in d["checks"] for r in run.get("results", [])]
    return rows


def to_json(docs: list[dict]) -> str:
    return json.dumps({"schema_version": SCHEMA_VERSION, "visits": docs}, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict], columns: tuple[str, ...]) -> str:
    return csv_text(columns, ([row[c] for c in columns] for row in rows))


def to_xlsx(all_rows: dict[str, list[dict]]) -> bytes:
    from kfield.formats.tables import to_xlsx as workbook

    return workbook((name, list(columns), [[row[c] for c in columns] for row in all_rows[name]])
                    for name, columns in TABLES.items())


def to_markdown(all_rows: dict[str, list[dict]], lang: str) -> str:
    parts = [f"# {text('export.title', lang)}\n"]
    for name, columns in TABLES.items():
        parts.append(f"\n## {text(f'export.table.{name}', lang)}\n\n| " + " | ".join(columns) + " |\n|"
                     + "---|" * len(columns) + "\n")
        parts += ["| " + " | ".join(_md(row[c]) for c in columns) + " |\n" for row in all_rows[name]]
    return "".join(parts)


def _md(value: Any) -> str:
    return markdown_cell(value)


STYLE = ("body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0;"
         "width:100%}th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}"
         "th{background:#e8eef7}h1{font-size:1.5em}@media print{body{margin:0}h2{page-break-before:always}}")


def to_html(all_rows: dict[str, list[dict]], lang: str) -> str:
    """One page, no external resources, every value escaped."""
    title = html.escape(text("export.title", lang))
    body = [f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{STYLE}</style></head><body><h1>{title}</h1>"]
    for name, columns in TABLES.items():
        body.append(f"<h2>{html.escape(text(f'export.table.{name}', lang))}</h2><table><tr>"
                    + "".join(f"<th>{html.escape(c)}</th>" for c in columns) + "</tr>")
        body += ["<tr>" + "".join(f"<td>{html.escape(str(row[c]))}</td>" for c in columns) + "</tr>"
                 for row in all_rows[name]]
        body.append("</table>")
    return "".join(body) + "</body></html>\n"
