"""JSON output; its shape is published as docs/report.schema.json."""

from __future__ import annotations

import json

from kfield.core.report import Report


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    data = report.to_dict()
    data["lang"] = lang
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
