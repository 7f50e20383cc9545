"""Where transcripts and saved progress live, and how they are written (atomically).

Data folder: KFIELD_DATA_DIR, else platformdirs' user data folder for kfield.
Transcripts go to ``<data>/transcripts/``; saved progress for ``--resume`` to
``<data>/progress/<playbook id>.json`` beside them (one saved run per playbook).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kfield.core import files
from kfield.core.errors import UsageError
from kfield.core.paths import data_dir  # shared with the visit logs

PROGRESS_VERSION = 1


def transcripts_dir() -> Path:
    return data_dir() / "transcripts"


def progress_path(playbook_id: str) -> Path:
    return data_dir() / "progress" / f"{playbook_id}.json"


def write_json(path: Path, data: Any) -> None:
    """Write JSON so that a crash leaves either the old file or the new one, never half."""
    from kfield.core.atomic import write_json as atomic_json

    atomic_json(path, data)


def save_progress(playbook_id: str, progress: dict[str, Any]) -> Path:
    path = progress_path(playbook_id)
    write_json(path, {"progress_version": PROGRESS_VERSION, **progress})
    return path


def load_progress(playbook_id: str) -> dict[str, Any]:
    path = progress_path(playbook_id)
    if not files.exists(path):
        raise UsageError("pb.resume.none", playbook=playbook_id, path=str(path))
    try:      # the one opener: a FIFO or a link planted in the data folder is refused, never followed
        data = json.loads(files.read(path, "json", follow=False).decode("utf-8"))
    except files.FilesError as exc:
        why = exc.message.params.get("what") or exc.message.params.get("reason") or exc.message
        raise UsageError("pb.resume.unreadable", path=str(path), reason=why) from None
    except ValueError:
        raise UsageError("pb.resume.unreadable", path=str(path), reason="JSON") from None
    if not isinstance(data, dict) or data.get("progress_version") != PROGRESS_VERSION:
        raise UsageError("pb.resume.unreadable", path=str(path), reason="progress_version")
    return data


def forget_progress(playbook_id: str) -> None:
    progress_path(playbook_id).unlink(missing_ok=True)
