"""Shared wording for formatters: titles, statuses, evidence, the summary line."""

from __future__ import annotations

from kfield.core.i18n import catalogue, render, text
from kfield.core.report import Report
from kfield.core.result import Measure, Result, Status


def status_label(status: Status, lang: str) -> str:
    return text(f"status.{status.value}", lang)


def title(result: Result, lang: str) -> str:
    return text(f"check.{result.check_id}.title", lang)


def measure_text(m: Measure, lang: str) -> str:
    label = text(f"ev.{m.name}", lang)
    value = f"{m.value:g}" if isinstance(m.value, float) else str(m.value)
    return f"{label}: {value}{(' ' + unit_text(m.unit, lang)) if m.unit else ''}"


def unit_text(unit: str, lang: str) -> str:
    """Units that are words (days, min) are translated; symbols (%, GB) stay as they are."""
    key = f"unit.{unit}"
    return text(key, lang) if key in catalogue() else unit


def evidence_text(result: Result, lang: str) -> str:
    return "; ".join(measure_text(m, lang) for m in result.evidence)


def summary(result: Result, lang: str) -> str:
    return render(result.summary, lang)


def remedy(result: Result, lang: str) -> str:
    return render(result.remedy, lang)


def area(result: Result) -> str:
    return result.check_id.rstrip("0123456789")


def summary_line(report: Report, lang: str) -> str:
    counts = report.counts()
    parts = [f"{counts[s.value]} {status_label(s, lang).lower()}" for s in Status if counts[s.value]]
    seconds = (report.finished - report.started).total_seconds()
    key = "fmt.summary_interrupted" if report.interrupted else "fmt.summary"
    return text(key, lang, counts=", ".join(parts) or "0", seconds=f"{seconds:.1f}",
                profile=report.profile, host=report.hostname)
