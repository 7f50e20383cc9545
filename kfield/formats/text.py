"""Shared wording for formatters: titles, statuses, evidence, the summary line."""

from __future__ import annotations

from kfield.core.i18n import catalogue, render, text
from kfield.core.report import Report
from kfield.core.result import Measure, Result, Status
from kfield.formats import values


def status_label(status: Status, lang: str) -> str:
    return text(f"status.{status.value}", lang)


def title(result: Result, lang: str) -> str:
    return text(f"check.{result.check_id}.title", lang)


DAYS_LEFT = ("eos_days", "cert_days_left")       # days until an end: a negative count is "overdue by"
TIMES = ("boot_time",)                            # times measured on the PC, shown in the header's zone


def measure_text(m: Measure, lang: str) -> str:
    """"Còn lại: quá hạn 419 ngày", "Khởi động lúc: 07/12/2026 08:30", "CPU: 96,6 %": Vietnamese style
    in Vietnamese (formats/values.py); whole numbers such as ports stay as they are."""
    label = text(f"ev.{m.name}", lang)
    typed = _typed(m)
    if typed is not None:
        return f"{label}: {values.text(typed, lang)}"
    value = values.number(m.value, lang, 3) if isinstance(m.value, float) else str(m.value)
    return f"{label}: {value}{(' ' + unit_text(m.unit, lang)) if m.unit else ''}"


def _typed(m: Measure):
    """The measure as a typed value when it is one the renderer words itself."""
    from kfield.core.values import DaysLeft, Moment, Percent

    if isinstance(m.value, str) and _day(m.value):
        return _day(m.value)
    number = isinstance(m.value, (int, float)) and not isinstance(m.value, bool)
    if m.name in DAYS_LEFT and number and m.unit == "days":
        return DaysLeft(int(m.value))
    if m.unit == "%" and number:
        return Percent(float(m.value))
    if m.name in TIMES and isinstance(m.value, str) and _aware(m.value):
        return Moment(m.value)
    return None


def _day(value: str):
    """A date written ISO-style (2025-10-14) as a Day, read «14/10/2025»; None for other text."""
    import datetime as dt

    from kfield.core.values import Day

    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return None
    try:
        return Day(dt.date.fromisoformat(value))
    except ValueError:
        return None


def _aware(value: str) -> bool:
    """An ISO time with its offset (a time without one is the PC's own, shown as it is)."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def unit_text(unit: str, lang: str) -> str:
    """Units that are words (days, min) are translated; symbols (%, GB) stay as they are."""
    key = f"unit.{unit}"
    return text(key, lang) if key in catalogue() else unit


def evidence_text(result: Result, lang: str) -> str:
    return "; ".join(measure_text(m, lang) for m in result.evidence)


def summary(result: Result, lang: str) -> str:
    """The result's sentence, its decimal numbers in the reader's style («96,6» in Vietnamese)."""
    return render(styled(result.summary, lang), lang) if result.summary is not None else ""


def styled(message, lang: str):
    """A message whose decimal numbers and ISO days are written in the language's style («96,6»,
    «14/10/2025»; those a template formats itself, "{seconds:g}", are left to it)."""
    if message is None or not any(isinstance(v, (float, str)) for v in message.params.values()):
        return message
    template = "".join(catalogue().get(message.key, ("", "")))

    def shown(name: str, value):
        if "{" + name + ":" in template:
            return value                                  # the template formats it itself
        if isinstance(value, float):
            return values.number(value, lang, 3)
        day = _day(value) if isinstance(value, str) else None
        return values.text(day, lang) if day else value
    return type(message)(message.key, {k: shown(k, v) for k, v in message.params.items()})


def remedy(result: Result, lang: str) -> str:
    return render(result.remedy, lang)


def area(result: Result) -> str:
    return result.check_id.rstrip("0123456789")


def summary_line(report: Report, lang: str) -> str:
    counts = report.counts()
    parts = [f"{counts[s.value]} {status_label(s, lang).lower()}" for s in Status if counts[s.value]]
    seconds = (report.finished - report.started).total_seconds()
    key = "fmt.summary_interrupted" if report.interrupted else "fmt.summary"
    return text(key, lang, counts=", ".join(parts) or "0", seconds=values.number(seconds, lang, 1),
                profile=report.profile, host=report.hostname)
