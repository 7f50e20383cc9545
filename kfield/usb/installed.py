"""What is installed: kfield and its dependency closure, as files to copy.

The kit is built from this Python's installed distributions (no download): each one becomes
a tree of (path inside site-packages → file on disk). kfield itself is taken from its
package folder, so an editable install (a checkout) works too, with the bundled checks/ and
playbooks/ put under kfield/_bundled/ as in the wheel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from kfield.core.errors import UsageError
from kfield.core.paths import bundled_dir

SKIPPED_PARTS = ("__pycache__",)


@dataclass(frozen=True)
class Dist:
    name: str
    version: str
    files: dict  # relative path inside site-packages (posix) → source Path
    tags: tuple  # wheel tags from the installed WHEEL file, e.g. ("cp311-cp311-manylinux_2_17_x86_64",)


def closure() -> list:
    """kfield and every distribution it needs on this Python, kfield first."""
    seen, order, todo = set(), [], ["kfield"]
    while todo:
        name = _canonical(todo.pop())
        if name not in seen:
            seen.add(name)
            order.append(_distribution(name))
            todo.extend(_needed(order[-1]))
    return [kfield_dist(order[0]), *(installed_dist(dist) for dist in order[1:])]


def _distribution(name: str):
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        if _canonical(name) == "kfield":     # run from a checkout: the kit needs kfield's installed metadata
            raise UsageError("usb.error.kfield_not_installed") from None
        raise UsageError("usb.error.not_installed", name=name) from None


def kfield_installed():
    """kfield's installed distribution (its version and requirements); exit 2 with the way out if missing."""
    return _distribution("kfield")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _needed(dist) -> list:
    from kfield.usb.markers import Requirement

    names = []
    for text in dist.requires or []:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            names.append(req.name)
    return names


def installed_dist(dist) -> Dist:
    files = {}
    for entry in dist.files or []:
        rel = entry.as_posix()
        if rel.startswith("..") or any(part in SKIPPED_PARTS for part in entry.parts):
            continue
        source = Path(dist.locate_file(entry))
        if source.is_file() and rel.split("/")[-1] != "RECORD":
            files[rel] = source
    return Dist(dist.metadata["Name"], dist.version, files, _tags(dist))


def kfield_dist(dist) -> Dist:
    """kfield from its package folder plus the bundled YAML, and a minimal dist-info."""
    import kfield

    package = Path(kfield.__file__).resolve().parent
    files = _tree(package, "kfield", skip="_bundled")
    for kind in ("checks", "playbooks"):
        files.update(_tree(bundled_dir(kind), f"kfield/_bundled/{kind}"))
    info = f"kfield-{dist.version}.dist-info"
    for name in ("METADATA", "entry_points.txt"):
        source = Path(dist.locate_file(f"{info}/{name}"))
        if source.is_file():
            files[f"{info}/{name}"] = source
    return Dist("kfield", dist.version, files, ("py3-none-any",))


def _tree(folder: Path, prefix: str, skip: str = "") -> dict:
    files = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(p in SKIPPED_PARTS or p == skip for p in rel.parts) and path.suffix != ".pyc":
            files[f"{prefix}/{rel.as_posix()}"] = path
    return files


def _tags(dist) -> tuple:
    wheel = dist.read_text("WHEEL") or ""
    tags = tuple(line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:"))
    return tags or ("py3-none-any",)
