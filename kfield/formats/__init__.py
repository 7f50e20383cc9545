"""Output formats, one module each, chosen in one place.

``Format`` names every output kfield writes; each command allows a few of them (the CLI's one
``--format``/``--output`` declaration, ``@kfield.cli.common.output_options``). Every check-run module exposes
``render(report, lang, *, color=False, width=100) -> str``; the review's reports are chosen in
``kfield.formats.report``.
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
