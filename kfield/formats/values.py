"""One renderer per format for the typed cells (kfield/core/values.py).

- `text`: what the console, CSV, Markdown and HTML show, in the reader's language — Vietnamese
  style in Vietnamese («96,6 %», «1.234,5», «14/10/2025», «quá hạn 419 ngày»), English style in English.
- `sheet`: an XLSX cell's value and number format: real numbers and dates, words only for words.
- JSON keeps codes and numbers, unknown as null (`kfield.core.values.data`, which report JSON uses).
- `tone`: the HTML class that colours a cell from its polarity (good / bad / unknown).
Unknown is shown as unknown («chưa rõ») in every format but JSON, never as 0.

Map: the typed cells' one renderer per format: text in the reader's language, XLSX values, JSON codes, HTML
tone
"""

from __future__ import annotations

from typing import Any

from kfield.core.i18n import text as say
from kfield.core.values import Answer, Day, DaysLeft, Duration, Moment, Number, Percent, Role, Tally, VisitId

TYPED = (Answer, Tally, Number, Percent, Duration, Moment, Day, DaysLeft, VisitId, Role)


def unknown(lang: str) -> str:
    return say("report.answer.unknown", lang)


def number(value: float, lang: str, digits: int = 1) -> str:
    """1234.5 → «1.234,5» in Vietnamese, "1,234.5" in English; no trailing zeros (5.0 → «5»)."""
    shown = f"{value:,.{digits}f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    if shown in ("-0", ""):
        shown = "0"
    return shown.translate(str.maketrans(",.", ".,")) if lang == "vi" else shown


def text(value: Any, lang: str) -> str:
    """A typed cell as words and figures in the reader's language."""
    render = _TEXT.get(type(value))
    return render(value, lang) if render else str(value)


def _answer(value: Answer, lang: str) -> str:
    return say(f"report.answer.{value.code}", lang)


def _tally(value: Tally, lang: str) -> str:
    if value.total == 0:
        return "—"                                    # no PC of the unit was checked: nothing to count
    if value.all_unknown:
        return unknown(lang)
    shown = number(value.yes, lang, 0)
    return say("values.tally_unknown", lang, count=shown, unknown=number(value.unknown, lang, 0)) if value.unknown \
        else shown


def _percent(value: Percent, lang: str) -> str:
    if value.value is None:
        return unknown(lang)
    return say("values.percent", lang, value=number(value.value, lang, value.digits))


def _duration(value: Duration, lang: str) -> str:
    seconds = value.seconds
    if seconds is None:
        return unknown(lang)
    if abs(seconds) < 60:
        return f"{number(seconds, lang, 1)} {say('unit.s', lang)}"
    if abs(seconds) < 3600:
        return f"{number(seconds / 60, lang, 1)} {say('unit.min', lang)}"
    return f"{number(seconds / 3600, lang, 1)} {say('unit.h', lang)}"


def _moment(value: Moment, lang: str) -> str:
    from kfield.formats.when import local

    moment = local(value.iso)
    return moment.strftime("%d/%m/%Y %H:%M") if moment else (value.iso or unknown(lang))


def _days_left(value: DaysLeft, lang: str) -> str:
    if value.days is None:
        return unknown(lang)
    days = number(abs(value.days), lang, 0)
    return say("values.overdue" if value.days < 0 else "values.days", lang, days=days)


_TEXT = {
    Answer: _answer,
    Tally: _tally,
    Number: lambda v, lang: unknown(lang) if v.value is None else number(v.value, lang, v.digits),
    Percent: _percent,
    Duration: _duration,
    Moment: _moment,
    Day: lambda v, lang: v.day.strftime("%d/%m/%Y") if v.day else unknown(lang),
    DaysLeft: _days_left,
    VisitId: lambda v, lang: v.short,
    Role: lambda v, lang: (v.title[0] if lang == "vi" else v.title[1]) or v.title[0] or v.title[1] or v.code,
}


def sheet(value: Any, lang: str) -> tuple[Any, str | None]:
    """An XLSX cell: (value, number format or None). Numbers stay numbers, times real dates in
    local time; yes/no, unknown and roles are words."""
    if isinstance(value, Tally):
        return (unknown(lang), None) if value.all_unknown else (value.yes, "0")
    if isinstance(value, (Number, Percent)) and value.value is not None:
        return (value.value / 100, "0.0%") if isinstance(value, Percent) else (value.value, "0.0" if value.digits else "0")
    if isinstance(value, Duration) and value.seconds is not None:
        return value.seconds, "0.0"
    if isinstance(value, Moment):
        from kfield.formats.when import naive_local

        moment = naive_local(value.iso)
        return (moment, "DD/MM/YYYY HH:MM") if moment else (text(value, lang), None)
    if isinstance(value, Day) and value.day:
        return value.day, "DD/MM/YYYY"
    if isinstance(value, DaysLeft) and value.days is not None:
        return value.days, "0"
    return text(value, lang), None


def tone(value: Any) -> str:
    """good / bad / unknown / "": the class the HTML colours a cell with."""
    if isinstance(value, Answer):
        return value.tone
    if isinstance(value, Tally):
        return _tally_tone(value)
    if isinstance(value, DaysLeft) and value.days is not None:
        return "bad" if value.days < 0 else ""
    return ""


def _tally_tone(value: Tally) -> str:
    """A good item: good when every PC judged says yes, bad when one says no; a bad item (OS past end
    of support): bad when one says yes, good when none does; unknown when none could be judged."""
    judged = value.total - value.unknown
    if value.total == 0 or value.good is None:
        return ""
    if judged == 0:
        return "unknown"
    if value.good:
        return "good" if value.yes == judged else "bad"
    return "bad" if value.yes else "good"


class Toned(str):
    """Rendered text that remembers its tone, for the HTML writer (every other writer reads a str)."""

    tone: str = ""

    def __new__(cls, shown: str, tone: str = "") -> "Toned":
        made = super().__new__(cls, shown)
        made.tone = tone
        return made

