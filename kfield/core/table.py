"""A report table: what the aggregation reports return and every table format draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Table:
    name: str                                 # coverage, systems, …: also the sheet name
    columns: tuple[str, ...]                  # stable keys; formats label them from the catalogue
    rows: tuple[tuple[Any, ...], ...]
    totals: tuple[Any, ...] | None = None     # a last "total" row, when the sums mean something

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]
