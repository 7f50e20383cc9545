"""Where the logs come from: folders, mounted sticks and zip files sent over chat.

Every visit log (`*.jsonl`) found under the given paths is yielded as bytes with a label that
says where it came from ("stick/visits/x.jsonl", "logs.zip!visits/x.jsonl"). Zip members are read
in memory, never extracted, so a hostile name cannot write anywhere; names that try to climb out
(absolute, `..`, drive letters), links, and archives that would inflate beyond the limits (zip
bombs) are refused with a reason and the import goes on with the rest.

Only what the user named is read: inside a named folder, symbolic links (to files or folders) are
refused, never followed, and only regular files are opened (opened without following a link and
checked again once open, so a file swapped for a link, a FIFO or a device meanwhile is refused too).
One inflation budget covers the whole import, every nesting level included; an archive whose end
record declares more entries (or a larger central directory) than is plausible is refused before
its directory is read, and one whose entries overlap (many names for the same bytes) is refused.
"""

from __future__ import annotations

import io
import lzma
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

SUFFIX = ".jsonl"
REASONS = ("traversal", "link", "bomb", "too_big", "zip", "unreadable", "missing", "special")   # why refused


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 256 * 2**20         # one log file
    archive_bytes: int = 2 * 2**30        # all members of one archive, inflated
    ratio: int = 200                      # inflated / compressed, per member (text logs reach ~15)
    members: int = 100_000
    directory_bytes: int = 32 * 2**20     # one central directory (100,000 entries with long names)
    depth: int = 2                        # a zip inside a zip inside the given zip


class _Budget:
    """Bytes left to inflate in this import, shared by every archive at every nesting level."""

    def __init__(self, limit: int) -> None:
        self.left = limit


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
    for path in with_stick_data(paths):
        items = _files(path) if path.is_dir() else [path] if path.is_file() else []
        total += sum(p.stat(follow_symlinks=False).st_size for p in items if isinstance(p, Path))
    return total


def walk(paths, limits: Limits = Limits()) -> Iterator[LogFile | Refused]:
    budget = _Budget(limits.archive_bytes)
    for path in with_stick_data(paths):
        if path.is_dir():
            for item in _files(path):
                yield from _one(item, limits, budget) if isinstance(item, Path) else [item]
        elif path.exists():
            yield from _one(path, limits, budget)
        else:
            yield Refused(str(path), "missing")


def with_stick_data(paths) -> list:
    """The named paths, plus the data folder of the USB kit a named folder belongs to (a kit holds
    MANIFEST.sha256 and verify.py; kfield keeps its visits in <kit>/kfield-data): `logs import E:\\results`
    or any folder of the stick imports what the stick recorded. Its events are stored once however
    often they are reached."""
    named = [Path(p) for p in paths]
    extra = []
    for path in named:
        kit = _kit_of(path) if path.is_dir() and not path.is_symlink() else None
        data = kit / "kfield-data" if kit else None
        if data and data.is_dir() and not data.is_symlink() and not _under(data, named + extra):
            extra.append(data)
    return named + extra


def _kit_of(folder: Path):
    for candidate in (folder, *list(folder.absolute().parents)[:3]):
        if (candidate / "MANIFEST.sha256").is_file() and (candidate / "verify.py").is_file():
            return candidate
    return None


def _under(folder: Path, roots: list) -> bool:
    folder = folder.absolute()
    return any(folder == root.absolute() or root.absolute() in folder.parents for root in roots)


def _files(folder: Path) -> Iterator[Path | Refused]:
    """Candidate files under `folder`, in name order, one directory listing at a time (a list of
    every Path on a big stick would be walked by each garbage collection: import time grew faster
    than the number of files). Links are refused, not followed; only regular files are candidates.
    Iterative: a tree nested thousands of folders deep is walked like any other."""
    pending = [iter([folder])]
    while pending:
        item = next(pending[-1], None)
        if item is None:
            pending.pop()
        elif isinstance(item, Path):
            pending.append(_listing(item))
        elif isinstance(item, Refused):
            yield item
        elif item.is_symlink():
            yield Refused(item.path, "link", _target(item.path))
        elif item.is_dir(follow_symlinks=False):
            pending.append(iter([Path(item.path)]))
        elif item.name.lower().endswith((SUFFIX, ".zip")):
            yield Path(item.path) if item.is_file(follow_symlinks=False) else Refused(item.path, "special")


def _listing(folder: Path) -> Iterator:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return iter([Refused(str(folder), "unreadable", _why(exc))])
    return iter(entries)


def _why(exc: OSError) -> str:
    """What the system said, as a catalogue key the CLI words in the reader's language (never its English)."""
    from kfield.core.oserrors import reason

    said = reason(exc)
    return said.key if not said.params else f"errno {said.params.get('errno', 0)}"


def _target(path: str) -> str:
    try:
        return os.readlink(path)[:200]
    except OSError:
        return ""


def _one(path: Path, limits: Limits, budget: _Budget) -> Iterator[LogFile | Refused]:
    try:
        handle = _open_regular(path)
    except OSError as exc:
        yield Refused(str(path), "unreadable", _why(exc))
        return
    if isinstance(handle, Refused):
        yield handle
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if path.suffix.lower() == ".zip":
            yield from _archive(str(path), handle, limits, 1, budget)
        elif size > limits.file_bytes:
            yield Refused(str(path), "too_big", str(size), size)
        else:
            data = handle.read(limits.file_bytes + 1)
            yield LogFile(str(path), data, len(data))


def _open_regular(path: Path):
    """The file open for reading (the one opener, kfield.core.files.open_regular), or Refused: a
    link is not followed, a FIFO does not block the open, anything but a regular file."""
    from kfield.core.files import open_regular

    try:
        handle = open_regular(path)
    except OSError:
        if path.is_symlink():
            return Refused(str(path), "link", "")
        raise
    return handle if handle is not None else Refused(str(path), "special")


def _archive(origin: str, handle, limits: Limits, depth: int, budget: _Budget) -> Iterator[LogFile | Refused]:
    implausible = _implausible(handle, limits)
    if implausible:
        yield Refused(origin, "bomb", implausible)
        return
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        yield Refused(origin, "zip", str(exc)[:200])
        return
    with archive:
        members = archive.infolist()
        overlap = _overlapping(members)
        if overlap:
            yield Refused(origin, "bomb", overlap)
            return
        for info in members:
            yield from _member(origin, archive, info, limits, depth, budget)


# what a damaged member raises while it inflates (zlib/lzma streams, bz2 raises OSError)
_INFLATE_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error,
                   lzma.LZMAError)
_EOCD, _EOCD64, _LOCATOR64 = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"


def _implausible(handle, limits: Limits) -> str:
    """Why the archive's end record is implausible (too many entries, too large a central
    directory), read from the last 64 KiB before zipfile builds an entry per record; "" if fine."""
    try:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 65_557))
        tail = handle.read()
    except (OSError, ValueError):
        return ""                                   # zipfile says what is wrong with it
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) < at + 22:
        return ""
    entries, directory = int.from_bytes(tail[at + 10:at + 12], "little"), int.from_bytes(tail[at + 12:at + 16], "little")
    locator = tail.rfind(_LOCATOR64, 0, at)
    if locator >= 0 and (entries == 0xFFFF or directory == 0xFFFFFFFF):
        entries, directory = _zip64_counts(handle, int.from_bytes(tail[locator + 8:locator + 16], "little"))
    if entries > limits.members:
        return f"{entries} members"
    return f"central directory of {directory} bytes" if directory > limits.directory_bytes else ""


def _zip64_counts(handle, offset: int) -> tuple[int, int]:
    try:
        handle.seek(offset)
        record = handle.read(56)
    except (OSError, ValueError):
        return 0, 0
    if len(record) < 56 or not record.startswith(_EOCD64):
        return 0, 0
    return int.from_bytes(record[32:40], "little"), int.from_bytes(record[40:48], "little")


def _overlapping(members: list[zipfile.ZipInfo]) -> str:
    """Entries whose data share bytes (a central directory pointing many names at one member
    inflates the same bytes again and again)."""
    spans = sorted((m.header_offset, m.header_offset + 30 + _raw_name_length(m) + m.compress_size) for m in members)
    for (start, end), (following, _) in zip(spans, spans[1:]):
        if following < end:
            return f"overlapping entries at byte {following}"
    return ""


def _raw_name_length(info: zipfile.ZipInfo) -> int:
    """The name's length as stored (UTF-8 when flagged, else CP437 as zipfile decoded it)."""
    return len(info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace"))


def _member(origin, archive, info: zipfile.ZipInfo, limits: Limits, depth: int, budget: _Budget):
    label = f"{origin}!{info.filename}"
    name = info.filename.lower()
    if info.is_dir() or not name.endswith((SUFFIX, ".zip")):
        return
    problem = unsafe_name(info.filename) or _link(info) or _inflation(info, limits, budget.left)
    if problem:
        yield Refused(label, *problem, weight=info.compress_size)
        return
    try:
        data = _read_capped(archive, info, min(limits.file_bytes if name.endswith(SUFFIX) else budget.left, budget.left))
    except _INFLATE_ERRORS as exc:
        yield Refused(label, "zip", str(exc), info.compress_size)
        return
    if data is None:
        yield Refused(label, "bomb", "inflates beyond its declared size or the limit", info.compress_size)
        return
    budget.left -= len(data)
    if not name.endswith(".zip"):
        yield LogFile(label, data, info.compress_size if depth == 1 else 0)
    elif depth >= limits.depth:
        yield Refused(label, "bomb", "zip nested too deep")
    else:
        yield from _archive(label, io.BytesIO(data), limits, depth + 1, budget)


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
