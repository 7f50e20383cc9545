"""A report table: what the aggregation reports return and every table format draws.

Map: the `Table` a report returns and every table format draws; `Joined` (a cell in parts) and `Reread` (a
sequence read again from its log on each walk)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping


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


class Reread:
    """A sequence read again from where it is kept each time it is walked (a visit's notes or check
    runs, from its log), its length known beforehand: the writers take it item by item and never
    hold it whole."""

    def __init__(self, read: Callable[[], Iterable[Any]], count: int) -> None:
        self.read, self.count = read, count

    def __iter__(self) -> Iterator[Any]:
        return iter(self.read())

    def __len__(self) -> int:
        return self.count

    def __repr__(self) -> str:
        return f"Reread({self.count} items)"


@dataclass(frozen=True)
class Joined:
    """Text made of many parts (a visit's notes, its members): the CSV, Markdown and HTML writers write
    it part by part (the parts may be a `Reread`), so a cell of megabytes is never made whole; elsewhere
    it is the parts joined."""

    parts: Iterable[str]
    sep: str = "; "

    def __str__(self) -> str:
        return self.sep.join(self.parts)

    def pieces(self) -> Iterator[str]:
        """The text a piece at a time: each part after the first with the separator before it."""
        for index, part in enumerate(self.parts):
            yield self.sep + part if index else part

    def head(self, limit: int) -> tuple[str, bool]:
        """The joined text cut at `limit` characters, and whether it was cut (a spreadsheet cell holds
        at most 32,767): the parts after the cut are not read."""
        taken, size = [], 0
        for piece in self.pieces():
            if size + len(piece) > limit:
                taken.append(piece[:limit - size])
                return "".join(taken), True
            taken.append(piece)
            size += len(piece)
        return "".join(taken), False


@dataclass(frozen=True)
class Table:
    name: str                                 # coverage, systems, …: also the sheet name
    columns: tuple[str, ...]                  # stable keys; formats label them from the catalogue
    rows: tuple[tuple[Any, ...], ...]
    totals: tuple[Any, ...] | None = None     # a last "total" row, when the sums mean something
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)   # (vi, en) for columns not in the catalogue
    polarity: Mapping[str, bool | None] = field(default_factory=dict)     # a yes/no column: is "yes" good?

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
    from kfield.core.values import data

    return value.code if isinstance(value, Coded) else data(value)
