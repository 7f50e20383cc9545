"""Ask Windows PowerShell for objects as JSON, and read what it writes.

Windows PowerShell 5.1 (present on every Windows 10/11) serialises dates as
"/Date(1700000000000)/" (milliseconds since the epoch, UTC) and a single object
as a bare object rather than a list; both are normalised here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from kfield.core.errors import SourceUnavailable
from kfield.platform.command import ask

_PS_DATE = re.compile(r"/Date\((-?\d+)([+-]\d{4})?\)/")


def run_json(pipeline: str, timeout: float = 20.0) -> list[dict[str, Any]]:
    """Run a fixed PowerShell pipeline (never built from user input) and read its objects.

    The pipeline is wrapped as ``ConvertTo-Json -InputObject @(…)``, so a PowerShell that ran
    always prints a JSON list — ``[]`` when there is nothing. Empty output (a stub, a blocked or
    broken PowerShell) therefore raises SourceUnavailable instead of reading as "nothing there".
    """
    argv = ["powershell", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command",
            wrap(pipeline)]
    text = ask(argv, timeout=timeout)
    try:
        return parse_json_list(text)
    except ValueError:
        raise SourceUnavailable("powershell", "garbled", detail=text.strip()[:80]) from None


def wrap(pipeline: str) -> str:
    return f"ConvertTo-Json -Compress -Depth 3 -InputObject @({pipeline})"


def parse_json_list(text: str) -> list[dict[str, Any]]:
    text = text.strip().lstrip("\ufeff")
    if not text:
        return []
    data = json.loads(text)
    return data if isinstance(data, list) else [data]


def parse_date(value: Any) -> dt.datetime | None:
    """A PowerShell date ("/Date(ms)/", an ISO string, or a {"value": ...} wrapper) in UTC."""
    if isinstance(value, dict):
        value = value.get("value") or value.get("DateTime")
    if not isinstance(value, str) or not value:
        return None
    match = _PS_DATE.fullmatch(value.strip())
    if match:
        return dt.datetime.fromtimestamp(int(match[1]) / 1000, dt.timezone.utc)
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
