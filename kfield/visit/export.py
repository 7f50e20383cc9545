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
               "systems", "problems", "fixed", "escalated", "pending", "officials_trained", "check_runs", "notes"),
    "problems": ("visit", "commune", "system", "outcome", "text"),
    "checks": ("visit", "commune", "run_started", "profile", "hostname", "check_id", "status", "summary", "remedy"),
    "trainings": ("visit", "commune", "topic", "officials"),
}
TIMES = ("started", "ended", "run_started")


def documents(visits, redactor=None) -> list[dict[str, Any]]:
    """Each visit as plain data (redacted when asked): what every format is made from."""
    out = []
    for visit in visits:
        data = asdict(visit)
        data["officials_trained"] = visit.officials_trained
        out.append(redactor.value(data) if redactor else data)
    return out


def tables(docs: list[dict]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each table with stable values (codes, UTC times, messages as key and params);
    `shown` renders them for a person."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for d in docs:
        outcomes = [p["outcome"] for p in d["problems"]]
        rows["visits"].append({"visit": d["id"], "commune_code": d["commune_code"], "commune": d["commune"],
                               "members": d["members"], "school": d["school"], "team": d["team"],
                               "started": d["started"], "ended": d["ended"] or "", "tasks": d["tasks"],
                               "systems": d["systems"], "problems": len(outcomes),
                               **{o: outcomes.count(o) for o in ("fixed", "escalated", "pending")},
                               "officials_trained": d["officials_trained"], "check_runs": len(d["checks"]),
                               "notes": d.get("notes", [])})
        base = {"visit": d["id"], "commune": d["commune"]}
        rows["problems"] += [{**base, "system": p["system"], "outcome": p["outcome"], "text": p["text"]}
                             for p in d["problems"]]
        rows["trainings"] += [{**base, "topic": t["topic"], "officials": t["officials"]} for t in d["trainings"]]
        rows["checks"] += [{**base, "run_started": run.get("started", ""), "profile": run.get("profile", ""),
                            "hostname": run.get("hostname", ""), "check_id": r["check_id"], "status": r["status"],
                            "summary": r.get("summary"), "remedy": r.get("remedy")}
                           for run in d["checks"] for r in run.get("results", [])]
    return rows


def _message(value: Any, lang: str) -> str:
    """A stored message ({"key", "params"}, params possibly messages too) as a sentence."""
    if not isinstance(value, dict) or "key" not in value:
        return "" if value is None else str(value)
    params = {k: _message(v, lang) if isinstance(v, dict) else v for k, v in (value.get("params") or {}).items()}
    return text(str(value["key"]), lang, **params)


def _label(prefix: str, value: str, lang: str) -> str:
    from kfield.core.i18n import catalogue

    return text(f"{prefix}.{value}", lang) if f"{prefix}.{value}" in catalogue() else value


def cell(column: str, value: Any, lang: str, real_dates: bool = False) -> Any:
    """One value as a person reads it: local dates, labels for codes, sentences for messages."""
    from kfield.formats.when import human, naive_local
    from kfield.visit.visits import short

    if column in TIMES:
        return (naive_local(value) or "") if real_dates else human(value)
    if column == "visit":
        return short(value)
    if column in ("summary", "remedy"):
        return _message(value, lang)
    if column == "check_id":
        return f"{value} {text(f'check.{value}.title', lang)}"
    words = {"status": "status", "outcome": "visit.outcome", "system": "system", "systems": "system",
             "tasks": "visit.task"}
    if column in words:
        values = value if isinstance(value, (list, tuple)) else [value]
        return ", ".join(_label(words[column], v, lang) for v in values)
    return "; ".join(value) if isinstance(value, (list, tuple)) else value


def shown(all_rows: dict[str, list[dict]], lang: str, real_dates: bool = False) -> dict[str, tuple[list, list]]:
    """Each table's translated header and rendered rows."""
    return {name: ([text(f"export.col.{c}", lang) for c in columns],
                   [[cell(c, row[c], lang, real_dates) for c in columns] for row in all_rows[name]])
            for name, columns in TABLES.items()}


def to_json(docs: list[dict]) -> str:
    return json.dumps({"schema_version": SCHEMA_VERSION, "visits": docs}, ensure_ascii=False, indent=2) + "\n"


def to_csv(all_rows: dict[str, list[dict]], name: str, lang: str) -> str:
    header, body = shown(all_rows, lang)[name]
    return csv_text(header, body)


def to_xlsx(all_rows: dict[str, list[dict]], lang: str) -> bytes:
    from kfield.formats.tables import to_xlsx as workbook

    return workbook((text(f"export.table.{name}", lang), header, body)
                    for name, (header, body) in shown(all_rows, lang, real_dates=True).items())


def to_markdown(all_rows: dict[str, list[dict]], lang: str) -> str:
    parts = [f"# {text('export.title', lang)}\n"]
    for name, (header, body) in shown(all_rows, lang).items():
        parts.append(f"\n## {text(f'export.table.{name}', lang)}\n\n| " + " | ".join(header) + " |\n|"
                     + "---|" * len(header) + "\n")
        parts += ["| " + " | ".join(_md(v) for v in row) + " |\n" for row in body]
    return "".join(parts)


def _md(value: Any) -> str:
    return markdown_cell(value)


# Printable: A4 landscape, the table as wide as the page and never wider (cells wrap, long words too).
STYLE = ("body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0;"
         "width:100%;table-layout:fixed}th,td{border:1px solid #999;padding:3px 4px;text-align:left;vertical-align:top;"
         "overflow-wrap:anywhere;word-break:break-word;font-size:.8em}"
         "th{background:#e8eef7}h1{font-size:1.5em}@page{size:A4 landscape;margin:10mm}"
         "@media print{body{margin:0}h2{page-break-before:always}th,td{font-size:7.5pt}}")


def to_html(all_rows: dict[str, list[dict]], lang: str) -> str:
    """One page, no external resources, every value escaped."""
    title = html.escape(text("export.title", lang))
    body = [f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width'><title>{title}</title>"
            f"<style>{STYLE}</style></head><body><h1>{title}</h1>"]
    for name, (header, rows) in shown(all_rows, lang).items():
        body.append(f"<h2>{html.escape(text(f'export.table.{name}', lang))}</h2><table><tr>"
                    + "".join(f"<th>{html.escape(c)}</th>" for c in header) + "</tr>")
        body += ["<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows]
        body.append("</table>")
    return "".join(body) + "</body></html>\n"
