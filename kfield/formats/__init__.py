"""Output formats, one module each, chosen in one place.

Every module exposes ``render(report, lang, *, color=False, width=100) -> str``.

Map `kfield/formats/<format>.py`: one formatter per output: console, json, csv, markdown, html; `scan.py` for
`lan scan`; `json.py` also holds the one JSON writer (`document`, `envelope` with `schema_version`) every JSON
output goes through, and `pieces` that writes a document whose sequences are read as they are written (the
same text); `html.py` also holds `page_head`, the one opening of every HTML page (the check report, report
and export pages, the visit record, the dashboard) with its Content-Security-Policy: nothing loaded, no
script but the ones the page names by their SHA-256
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATS = {
    "console": "kfield.formats.console",
    "json": "kfield.formats.json",
    "csv": "kfield.formats.csv",
    "md": "kfield.formats.markdown",
    "html": "kfield.formats.html",
}


def get(name: str) -> ModuleType:
    return importlib.import_module(FORMATS[name])
