"""Typed cells: what a report or export value is, so each format renders it once (formats/values.py).

A cell says what it holds — a yes/no/unknown and whether "yes" is good, a count of PCs with how many
could not be judged, a number, a percentage, a duration, a local time, days left, a visit id, a
contact role — and never how it looks: Vietnamese decimal commas, day-first dates, real spreadsheet
numbers, colours from polarity and JSON codes are the renderer's. Unknown is its own value
(None), never 0.

Map: typed cells: yes/no/unknown with polarity, tallies, numbers, percentages, durations, local times, days
left, visit ids, roles; unknown is its own value, never 0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Answer:
    """Yes, no or unknown (None: skipped, erred or not checked); `good`: whether "yes" is the good
    answer (None: neither, such as "in the province")."""

    value: bool | None
    good: bool | None = True

    @property
    def code(self) -> str:
        return "unknown" if self.value is None else "yes" if self.value else "no"

    @property
    def tone(self) -> str:
        """good / bad / unknown / "" (neutral): what the HTML colours it."""
        if self.value is None:
            return "unknown"
        if self.good is None:
            return ""
        return "good" if self.value == self.good else "bad"


@dataclass(frozen=True)
class Tally:
    """How many of `total` PCs answered "yes", and how many could not be judged."""

    yes: int
    unknown: int
    total: int
    good: bool | None = True

    @property
    def all_unknown(self) -> bool:
        return self.total > 0 and self.unknown == self.total


@dataclass(frozen=True)
class Number:
    """A measured or summed number (hours on site, megabytes); None is unknown."""

    value: float | None
    digits: int = 1


@dataclass(frozen=True)
class Percent:
    value: float | None                  # 0–100
    digits: int = 1


@dataclass(frozen=True)
class Duration:
    seconds: float | None


@dataclass(frozen=True)
class Moment:
    """A time from a log (ISO 8601, UTC or with its offset), shown in local time (UTC+7 / KFIELD_TZ)."""

    iso: str | None


@dataclass(frozen=True)
class Day:
    day: dt.date | None


@dataclass(frozen=True)
class DaysLeft:
    """Days until an end (support, a certificate): negative is overdue."""

    days: int | None


@dataclass(frozen=True)
class VisitId:
    """A visit's full id; people read its short form (`d5d89a`)."""

    full: str

    @property
    def short(self) -> str:
        return self.full.rsplit("-", 1)[-1] if self.full else ""


@dataclass(frozen=True)
class Role:
    """A contact role of the check profile (`contacts: provincial_ca: {vi, en}`): its words in the
    reader's language, its code for JSON."""

    code: str
    title: tuple[str, str] = ("", "")             # (vi, en); empty: the code is all there is


def data(value: Any) -> Any:
    """A typed cell for JSON: codes, numbers, ISO times; unknown is null."""
    if isinstance(value, Answer):
        return value.code
    if isinstance(value, Tally):
        return None if value.all_unknown else value.yes
    if isinstance(value, (Number, Percent)):
        return value.value
    if isinstance(value, Duration):
        return value.seconds
    if isinstance(value, Moment):
        return value.iso
    if isinstance(value, Day):
        return value.day.isoformat() if value.day else None
    if isinstance(value, DaysLeft):
        return value.days
    if isinstance(value, VisitId):
        return value.full
    if isinstance(value, Role):
        return value.code
    return value
