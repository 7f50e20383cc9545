"""`kfield logs pack`: this laptop's visit logs in one zip, to send by chat or on a stick.

The zip holds `visits/*.jsonl` exactly as written (the lecturer's `kfield logs import` reads the
zip as it is) and a short `manifest.json`: who packed it, when, and each log with its size,
line count and SHA-256, so a damaged copy is noticed on arrival.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from pathlib import Path

from kfield.core import files
from kfield.core.errors import UsageError
from kfield.visit import visits
from kfield.visit.communes import fold


def default_name(member_name: str, now: dt.datetime) -> str:
    """kfield-logs-tran-thi-binh-20261124-1730.zip: no marks or spaces, safe in any chat app."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(member_name)).strip("-") or "kfield"
    return f"kfield-logs-{slug}-{now:%Y%m%d-%H%M}.zip"


def logs() -> list[Path]:
    folder = visits.visits_dir()
    return sorted(p for p in folder.glob("*.jsonl") if p.is_file() and not p.is_symlink()) if folder.is_dir() else []


def pack(dest: Path, member: dict, now: dt.datetime | None = None) -> int:
    """Write the zip to `dest` (its folder must exist); returns how many logs it holds. The zip is
    made in an exclusive temporary file and appears under its name only once complete: Ctrl-C or a
    full disk leaves no zip (kfield.core.atomic)."""
    from kfield.core import atomic

    found = logs()
    if not found:
        raise UsageError("visit.list.none")
    moment = now or dt.datetime.now(dt.timezone.utc)
    entries: list[dict] = []
    with atomic.writing(dest) as handle, zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in found:
            entries.append(_add(archive, path))
        archive.writestr("manifest.json", json.dumps(_manifest(member, moment, entries), ensure_ascii=False,
                                                     indent=2) + "\n")
    return len(entries)


def _add(archive: zipfile.ZipFile, path: Path) -> dict:
    data = files.read_own(path, None)      # a link or FIFO planted among the logs: refused, never followed
    archive.writestr(f"visits/{path.name}", data)
    return {"file": f"visits/{path.name}", "bytes": len(data), "lines": data.count(b"\n"),
            "sha256": hashlib.sha256(data).hexdigest()}


def _manifest(member: dict, moment: dt.datetime, entries: list[dict]) -> dict:
    from kfield import __version__

    return {"kind": "kfield-logs", "version": 1, "kfield": __version__, "packed": moment.isoformat(timespec="seconds"),
            "member": member, "visits": len(entries), "files": entries}
