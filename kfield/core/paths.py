"""Where bundled data lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_dir(kind: str) -> Path:
    """``checks`` or ``playbooks``: the installed copy first, then the source tree."""
    installed = _PACKAGE / "_bundled" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / kind
