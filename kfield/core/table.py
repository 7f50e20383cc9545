"""A report table: what the aggregation reports return and every table format draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Change:
    """A value at the first and at the latest look ("before → after"); JSON gives both as numbers."""

    before: Any
    after: Any
    unknown_before: int | None = None         # of a count: how many could not be judged, at each look
    unknown_after: int | None = None

    def __str__(self) -> str:
        return f"{self.before} → {self.after}"


@dataclass(frozen=True)
class Coded:
    """A value people read in words (catalogue key) and machines read as a code (JSON)."""

    key: str
    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Joined:
    """Text made of many parts (a visit's notes, its members): the Markdown and HTML writers write it
    part by part, so a cell of megabytes is never copied whole; elsewhere it is the parts joined."""

    parts: tuple[str, ...]
    sep: str = "; "

    def __str__(self) -> str:
        return self.sep.join(self.parts)


@dataclass(frozen=True)
class Table:
    name: str                                 # coverage, systems, …: also the sheet name
    columns: tuple[str, ...]                  # stable keys; formats label them from the catalogue
    rows: tuple[tuple[Any, ...], ...]
    totals: tuple[Any, ...] | None = None     # a last "total" row, when the sums mean something
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)   # (vi, en) for columns not in the catalogue

    def dicts(self) -> list[dict[str, Any]]:
        return [plain(dict(zip(self.columns, row))) for row in self.rows]


def plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row for JSON: a Change as `col` (after) and `col_before` (+ `col_unknown`, `col_unknown_before`),
    a Coded as its code."""
    out: dict[str, Any] = {}
    for column, value in row.items():
        if isinstance(value, Change):
            out[column], out[f"{column}_before"] = _code(value.after), _code(value.before)
            if value.unknown_after is not None:
                out[f"{column}_unknown"], out[f"{column}_unknown_before"] = value.unknown_after, value.unknown_before
        else:
            out[column] = _code(value)
    return out


def _code(value: Any) -> Any:
    return value.code if isinstance(value, Coded) else value
