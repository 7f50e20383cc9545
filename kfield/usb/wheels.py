"""wheelhouse/: each installed distribution packed back into a wheel, offline.

`pip install --no-index --find-links wheelhouse kfield` then installs exactly what this
machine had (same platform and Python for the compiled parts: psutil, PyYAML, pydantic-core).
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from pathlib import Path

INSTALL_ONLY = ("INSTALLER", "REQUESTED", "direct_url.json", "RECORD")
WHEEL_FILE = "Wheel-Version: 1.0\nGenerator: kfield usb init\nRoot-Is-Purelib: true\nTag: {tag}\n"


def write_all(dists: list, folder: Path) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    return [write(dist, folder) for dist in dists]


def _escaped(name: str) -> str:
    """A distribution name as wheel file and dist-info names spell it (PEP 427)."""
    return re.sub(r"[-_.]+", "_", name)


def filename(dist) -> str:
    name = _escaped(dist.name)
    parts = [sorted({tag.split("-")[i] for tag in dist.tags}) for i in range(3)]
    return f"{name}-{dist.version}-{'-'.join('.'.join(p) for p in parts)}.whl"


def write(dist, folder: Path) -> Path:
    path = folder / filename(dist)
    info = f"{_escaped(dist.name)}-{dist.version}.dist-info"
    members = {rel: src.read_bytes() for rel, src in dist.files.items() if not _install_only(rel)}
    members = {_rename_info(rel, info): body for rel, body in members.items()}
    members.setdefault(f"{info}/WHEEL", WHEEL_FILE.format(tag=dist.tags[0]).encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for rel in sorted(members):
            wheel.writestr(zipfile.ZipInfo(rel, (1980, 1, 1, 0, 0, 0)), members[rel], zipfile.ZIP_DEFLATED)
        wheel.writestr(f"{info}/RECORD", _record(members, info))
    return path


def _install_only(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) == 2 and parts[0].endswith(".dist-info") and parts[1] in INSTALL_ONLY


def _rename_info(rel: str, info: str) -> str:
    """A dist-info folder spelled differently (PyYAML-6.0.dist-info) takes the wheel's spelling."""
    head, _, tail = rel.partition("/")
    return f"{info}/{tail}" if head.endswith(".dist-info") else rel


def _record(members: dict, info: str) -> str:
    rows = []
    for rel, body in sorted(members.items()):
        digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).rstrip(b"=").decode()
        rows.append(f"{rel},sha256={digest},{len(body)}")
    return "\n".join(rows + [f"{info}/RECORD,,"]) + "\n"
