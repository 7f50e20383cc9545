"""Where the logs come from: folders, mounted sticks and zip files sent over chat.

Every visit log (`*.jsonl`) found under the given paths is yielded as bytes with a label that
says where it came from ("stick/visits/x.jsonl", "logs.zip!visits/x.jsonl"). Zip members are read
in memory, never extracted, so a hostile name cannot write anywhere; names that try to climb out
(absolute, `..`, drive letters), links, and archives that would inflate beyond the limits (zip
bombs) are refused with a reason and the import goes on with the rest.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

SUFFIX = ".jsonl"
REASONS = ("traversal", "link", "bomb", "too_big", "zip", "unreadable", "missing")   # why an entry is refused


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 256 * 2**20         # one log file
    archive_bytes: int = 2 * 2**30        # all members of one archive, inflated
    ratio: int = 200                      # inflated / compressed, per member (text logs reach ~15)
    members: int = 100_000
    depth: int = 2                        # a zip inside a zip inside the given zip


@dataclass(frozen=True)
class LogFile:
    origin: str                           # where it came from, for the summary and quarantine
    data: bytes
    weight: int = 0                       # bytes of the given paths this stands for (progress)


@dataclass(frozen=True)
class Refused:
    origin: str
    reason: str                           # traversal, link, bomb, too_big, zip, unreadable, missing
    detail: str = ""
    weight: int = 0


def total_weight(paths) -> int:
    """Bytes on disk of the candidate files under `paths`: what progress counts towards."""
    total = 0
    for path in map(Path, paths):
        items = _files(path) if path.is_dir() else [path] if path.is_file() else []
        total += sum(p.stat().st_size for p in items)
    return total


def walk(paths, limits: Limits = Limits()) -> Iterator[LogFile | Refused]:
    for path in map(Path, paths):
        if path.is_dir():
            for item in _files(path):
                yield from _one(item, limits)
        elif path.exists():
            yield from _one(path, limits)
        else:
            yield Refused(str(path), "missing")


def _files(folder: Path) -> Iterator[Path]:
    """Candidate files under `folder`, in name order, one directory listing at a time (a list of
    every Path on a big stick would be walked by each garbage collection: import time grew faster
    than the number of files)."""
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith((SUFFIX, ".zip")) and os.path.isfile(os.path.join(top, name)):
                yield Path(top, name)


def _one(path: Path, limits: Limits) -> Iterator[LogFile | Refused]:
    try:
        if path.suffix.lower() == ".zip":
            with open(path, "rb") as handle:
                yield from _archive(str(path), handle, limits, 1)
        elif path.stat().st_size > limits.file_bytes:
            yield Refused(str(path), "too_big", str(path.stat().st_size), path.stat().st_size)
        else:
            data = path.read_bytes()
            yield LogFile(str(path), data, len(data))
    except OSError as exc:
        yield Refused(str(path), "unreadable", exc.strerror or str(exc))


def _archive(origin: str, handle, limits: Limits, depth: int) -> Iterator[LogFile | Refused]:
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Refused(origin, "zip", str(exc))
        return
    with archive:
        members = archive.infolist()
        if len(members) > limits.members:
            yield Refused(origin, "bomb", f"{len(members)} members")
            return
        budget = [limits.archive_bytes]
        for info in members:
            yield from _member(origin, archive, info, limits, depth, budget)


def _member(origin, archive, info: zipfile.ZipInfo, limits: Limits, depth: int, budget: list[int]):
    label = f"{origin}!{info.filename}"
    name = info.filename.lower()
    if info.is_dir() or not name.endswith((SUFFIX, ".zip")):
        return
    problem = unsafe_name(info.filename) or _link(info) or _inflation(info, limits, budget[0])
    if problem:
        yield Refused(label, *problem, weight=info.compress_size)
        return
    try:
        data = _read_capped(archive, info, min(limits.file_bytes if name.endswith(SUFFIX) else budget[0], budget[0]))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        yield Refused(label, "zip", str(exc), info.compress_size)
        return
    if data is None:
        yield Refused(label, "bomb", "inflates beyond its declared size or the limit", info.compress_size)
        return
    budget[0] -= len(data)
    if not name.endswith(".zip"):
        yield LogFile(label, data, info.compress_size if depth == 1 else 0)
    elif depth >= limits.depth:
        yield Refused(label, "bomb", "zip nested too deep")
    else:
        yield from _archive(label, io.BytesIO(data), limits, depth + 1)


def unsafe_name(name: str) -> tuple[str, str] | None:
    """A member name that would land outside the folder it is extracted into."""
    posix = name.replace("\\", "/")
    parts = PurePosixPath(posix).parts
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":") or ".." in parts or "\x00" in name:
        return "traversal", name
    return None


def _link(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    mode = info.external_attr >> 16
    return ("link", info.filename) if stat.S_ISLNK(mode) else None


def _inflation(info: zipfile.ZipInfo, limits: Limits, budget: int) -> tuple[str, str] | None:
    if info.file_size > budget or info.file_size > limits.archive_bytes:
        return "bomb", f"{info.file_size} bytes inflated"
    if info.file_size > 2**20 and info.file_size > limits.ratio * max(info.compress_size, 1):
        return "bomb", f"ratio {info.file_size // max(info.compress_size, 1)}:1"
    return None


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """The member's bytes, or None if it inflates past its declared size or the cap (a header
    can lie about the size; the stream cannot)."""
    limit = min(info.file_size, cap)
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    return None if len(data) > limit else data
