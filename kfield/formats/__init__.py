"""Output formats, one module each, chosen in one place.

``Format`` names every output kfield writes; each command allows a few of them (the CLI's one
``--format``/``--output`` declaration, ``@kfield.cli.common.output_options``). Every check-run module exposes
``render(report, lang, *, color=False, width=100) -> str``; the review's reports are chosen in
``kfield.formats.report``.

Map `kfield/formats/<format>.py`: `__init__.py` holds the one `Format` enum (every output kfield writes; each
command names those it allows in `@kfield.cli.common.output_options(...)`, the one `--format`/`--output`
declaration) and picks a check run's formatter; `report.py` is the one place `kfield report` and the hub choose
a report's formatter; one formatter per output: console, json, csv, markdown, html; `scan.py` for `lan scan`;
`json.py` also holds the one JSON writer (`document`, `envelope` with `schema_version`) every JSON output goes
through, and `pieces` that writes a document whose sequences are read as they are written (the same text);
`html.py` also holds `page_head`, the one opening of every HTML page (the check report, report and export
pages, the visit record, the dashboard) with its Content-Security-Policy: nothing loaded, no script but the
ones the page names by their SHA-256
"""

from __future__ import annotations

import importlib
from enum import Enum
from types import ModuleType


class Format(str, Enum):
    """Every output format; a command names those it writes."""

    console = "console"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"
    xlsx = "xlsx"

    @property
    def binary(self) -> bool:
        """Bytes that go to a file or a pipe, never onto a terminal."""
        return self is Format.xlsx


MEDIA_TYPES = {Format.console: "text/plain; charset=utf-8", Format.csv: "text/csv; charset=utf-8",
               Format.json: "application/json", Format.md: "text/markdown; charset=utf-8",
               Format.html: "text/html; charset=utf-8",
               Format.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}

FORMATS = {
    "console": "kfield.formats.console",
    "json": "kfield.formats.json",
    "csv": "kfield.formats.csv",
    "md": "kfield.formats.markdown",
    "html": "kfield.formats.html",
}
RUN_FORMATS = tuple(Format(name) for name in FORMATS)       # what a check run is written as


def get(name: str | Format) -> ModuleType:
    return importlib.import_module(FORMATS[Format(name).value])
