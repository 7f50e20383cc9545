"""JSON output and the one JSON writer every JSON document goes through (check runs, exports,
reports, scans, verdicts, speed): an envelope with `schema_version`, UTF-8 text (Vietnamese kept as
it is, not \\u-escaped), two-space indent, dates and paths as strings, one final newline. The shapes
are published as docs/report.schema.json, docs/visit-export.schema.json and friends."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kfield.core.report import Report


def document(data: dict[str, Any]) -> str:
    """A JSON document as kfield writes every one."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def envelope(schema_version: int, data: dict[str, Any]) -> str:
    """`data` under its `schema_version` (the version first, as readers look for it)."""
    return document({"schema_version": schema_version, **data})


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    data = report.to_dict()
    data["lang"] = lang
    return document(data)
