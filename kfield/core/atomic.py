"""Writing files whole or not at all, and only where they were meant to go.

Every file kfield writes goes through here: the `--output` of every command (`write`, `writing`),
and kfield's own small files — the open-visit pointer, the member profile, playbook progress and
transcripts (`replace`, `write_json`). The bytes go to a temporary file created exclusively
(`O_CREAT|O_EXCL|O_NOFOLLOW`, a random name beside the target: a link or a file someone left at a
predictable name is never opened, overwritten or deleted), are flushed to the disk, and the file is
renamed over the target only at the end, and only over a regular file or nothing. An error or
Ctrl-C before the end removes the temporary file, and the target is as it was.

What the user named for `--output` is checked the way input paths are: a device, a pipe, a socket
or a folder is refused with a sentence (exit 2), never renamed over (as root, `-o /dev/null` would
replace the system's null device); a link is resolved once and its target must be a regular file
or nothing; a name the system cannot hold is a sentence, not an internal error. `/dev/stdout`,
`/dev/stderr` and `/dev/null` — devices a person means to write to — are written to in place.

Map: the one writer of files: `--output` checked (devices, pipes, sockets, links, long names), an exclusive
temporary file renamed only over a regular file or nothing; kfield's own small files and JSON (the settings, the
hub's join, outbox state and address)
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

from kfield.core.errors import UsageError

TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
              | getattr(os, "O_BINARY", 0))
# Devices a person names on purpose: written to in place (the streams kfield already holds, or nothing).
MEANT = {"/dev/stdout": "stdout", "/dev/fd/1": "stdout", "/proc/self/fd/1": "stdout",
         "/dev/stderr": "stderr", "/dev/fd/2": "stderr", "/proc/self/fd/2": "stderr", "/dev/null": "null"}
if sys.platform == "win32":
    MEANT = {"nul": "null", "con": "stdout"}
KINDS = ((stat.S_ISCHR, "out.device"), (stat.S_ISBLK, "out.device"), (stat.S_ISFIFO, "out.fifo"),
         (stat.S_ISSOCK, "out.socket"), (stat.S_ISDIR, "folder"))


def write(path: Path, body: str | bytes | Iterable[str]) -> None:
    """The `--output` of a command: text (whole, or in pieces as it is made) or bytes, into `path`."""
    with writing(path, binary=isinstance(body, bytes)) as handle:
        for piece in (body,) if isinstance(body, (str, bytes)) else body:
            handle.write(piece)


@contextlib.contextmanager
def writing(path: Path, *, binary: bool = True) -> Iterator[IO]:
    """A handle to write `path` through: the file appears, complete, when the block ends without an
    error; an error (OSError → a domain error naming the path and the reason) or Ctrl-C leaves nothing."""
    meant = MEANT.get(os.path.normcase(str(path)))
    if meant:
        with _stream(meant, binary) as handle:
            yield handle
        return
    target = output_target(path)
    with _reported(path):
        with _exclusive(target, binary) as handle:
            yield handle


def output_target(path: Path) -> Path:
    """Where `--output PATH` will be written, or a domain error saying why not: the path itself when it
    names nothing yet or a regular file; the target of a link (resolved once) that names a regular file."""
    info = _lstat(path)
    if info is None:
        _folder_of(path)
        return path
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(path))
        info = _lstat(real)
        if info is None or stat.S_ISLNK(info.st_mode):
            raise UsageError("out.link", path=str(path), target=str(real))
        _refuse(path, info)
        return real
    _refuse(path, info)
    return path


def is_folder(path: Path) -> bool:
    """`path.is_dir()` that says no, instead of raising, for a name the system cannot hold."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def replace(path: Path, body: str | bytes, *, mode: int = 0o666) -> None:
    """kfield's own small files (the open-visit pointer, the member profile, progress): whole, through
    an exclusive temporary file (created with `mode`, less the umask); raises OSError for the caller to word."""
    with _exclusive(path, binary=True, mode=mode) as handle:
        handle.write(body.encode("utf-8") if isinstance(body, str) else body)


def create_once(path: Path, body: bytes, *, mode: int = 0o600) -> bool:
    """Put a complete file at `path` only if nothing is there (a key made once): written to an
    exclusive temporary file, then hard-linked into place, which fails if the name exists — two
    processes racing both end up reading the one file that won. False when it was already there."""
    temp, fd = _temp_beside(path, mode)
    try:
        with _open(fd, binary=True) as handle:
            handle.write(body)
            handle.flush()
            os.fsync(fd)
        os.link(temp, path, follow_symlinks=False)
        return True
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def write_new(path: Path, body: str) -> None:
    """A file that must not exist yet (the results of `kfield run`, in the folder it just made):
    whole or not at all; anything already at that name — a link planted there — is refused."""
    with _reported(path):
        if _lstat(path) is not None:
            raise FileExistsError(17, "exists", str(path))
        with _exclusive(path, binary=False) as handle:
            handle.write(body)


def write_json(path: Path, data) -> None:
    """JSON that a crash leaves old or new, never half (its folder made if missing). The path may be
    one the user named (`playbook run --transcript PATH`): checked as an output is."""
    import json

    body = json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
    with _reported(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    target = output_target(path)
    with _reported(path):
        replace(target, body, mode=0o600)                # private to the user (a member's name, answers)


@contextlib.contextmanager
def _exclusive(target: Path, binary: bool, durable: bool = True, mode: int = 0o666) -> Iterator[IO]:
    temp, fd = _temp_beside(target, mode)
    try:
        with _open(fd, binary) as handle:
            _keep_mode(fd, target)
            yield handle
            handle.flush()
            if durable:
                os.fsync(fd)
        now = _lstat(target)
        if now is not None and not stat.S_ISREG(now.st_mode):
            _refuse(target, now)                       # put there while we wrote: never renamed over
            raise UsageError("out.link", path=str(target), target=os.path.realpath(target))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _sync_folder(target.parent)


def _temp_beside(target: Path, mode: int) -> tuple[Path, int]:
    """A new file of a random name in the target's folder (so the rename stays on one disk), created
    exclusively: an existing name, a link planted there, is never opened."""
    stub = target.name[:32]
    for _ in range(16):
        temp = target.with_name(f".{stub}.{secrets.token_hex(6)}.part")
        try:
            return temp, os.open(temp, TEMP_FLAGS, mode)
        except FileExistsError:
            continue
    raise FileExistsError(17, "no free temporary name", str(target))


def _open(fd: int, binary: bool) -> IO:
    try:
        return os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline=None)
    except BaseException:
        os.close(fd)
        raise


def _keep_mode(fd: int, target: Path) -> None:
    """A file written again keeps its permissions (the temporary file starts with the umask's)."""
    info = _lstat(target)
    if info is not None and hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(info.st_mode))


def _sync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _lstat(path: Path) -> os.stat_result | None:
    """None when nothing is there; a name the system cannot take (too long, a NUL) is a domain error."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise _cannot(path, exc) from None
    except ValueError:                                       # an embedded NUL
        raise UsageError("cli.cannot_write", path=str(path).replace("\0", "\\0"),
                         reason=_reason(OSError(22, "NUL"))) from None


def _folder_of(path: Path) -> None:
    folder = path.parent
    if _lstat(folder) is None or not is_folder(folder):      # a typo in a folder name must not scatter files
        raise UsageError("cli.no_folder", path=str(path), folder=str(folder))


def _refuse(path: Path, info: os.stat_result) -> None:
    for test, kind in KINDS:
        if test(info.st_mode):
            if kind == "folder":
                raise UsageError("cli.cannot_write", path=str(path), reason=_reason(IsADirectoryError(21, "")))
            raise UsageError(kind, path=str(path))


@contextlib.contextmanager
def _stream(meant: str, binary: bool) -> Iterator[IO]:
    if meant == "null":
        sink = _Discard()
        yield sink if binary else io.TextIOWrapper(sink, encoding="utf-8")
        return
    stream = sys.stdout if meant == "stdout" else sys.stderr
    yield stream.buffer if binary else stream
    (stream.buffer if binary else stream).flush()


class _Discard(io.RawIOBase):
    """Bytes written to the null device: taken, and dropped."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return len(data)


@contextlib.contextmanager
def _reported(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise _cannot(path, exc) from None


def _cannot(path: Path, exc: OSError) -> UsageError:
    return UsageError("cli.cannot_write", path=str(path), reason=_reason(exc))


def _reason(exc: OSError):
    from kfield.core.oserrors import reason

    return reason(exc)
