"""The stick's own memory (kfield-data/stick.json): the commune of the last visit started from it,
which a scripted run with no open visit is filed under. Only on a stick. Not settings.json: that
file holds the addresses of `kfield profile set` (kfield.core.settings), which refuses anything else."""

from __future__ import annotations

import json

from kfield.core.paths import data_dir, kit_root

NAME = "stick.json"


def remember_commune(commune: str, province: int) -> None:
    """Kept when a visit starts from the stick; never fails the visit (a read-only stick)."""
    if kit_root() is None:
        return
    from kfield.core.errors import UsageError
    from kfield.playbook.store import write_json

    try:
        write_json(data_dir() / NAME, {"commune": commune, "province": province})
    except (OSError, UsageError):
        pass


def commune() -> tuple | None:
    """(commune code or name, province) from the stick's settings, or None."""
    if kit_root() is None:
        return None
    try:
        data = json.loads((data_dir() / NAME).read_text(encoding="utf-8"))
        return str(data["commune"]), int(data.get("province", 56))
    except (OSError, ValueError, KeyError, TypeError):
        return None
