"""Output formats, one module each, chosen in one place.

Every module exposes ``render(report, lang, *, color=False, width=100) -> str``.
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
