"""The one way kfield opens a file it reads: regular files only, never blocking, bounded.

Two ways in, one set of flags:
- ``open_regular(path)`` for files met while walking a folder (visit logs, imported logs): a link is
  never followed (O_NOFOLLOW), and anything but a regular file gives None.
- ``read(path, kind)`` for a file a person named (a profile, playbook, ``--answers``, ``--rules``):
  a link the person named is resolved once by the system and its target checked like any file.

Either way a FIFO, a device, a socket or a folder is refused before a byte is read (``lstat``/``stat``
first, then ``fstat`` of what was really opened), the open itself has O_NONBLOCK so a FIFO cannot
hang it, and ``read`` holds at most the cap of its kind (``CAPS``). Every refusal is a FilesError:
one line in the reader's language (exit 2), never errno text.

Map: the one opener for every file kfield reads: regular files only (a FIFO, device, socket or folder refused
before a byte is read), `O_NONBLOCK`, a size cap per kind, links followed only when the person named them; OS
errors as a sentence (exit 2)
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from kfield.core.errors import ProfileError
from kfield.core.oserrors import reason
from kfield.core.result import Message

BASE_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
READ_FLAGS = BASE_FLAGS | getattr(os, "O_NOFOLLOW", 0)     # for files found inside a folder walk

# bytes one file of each kind may hold: far above any real one (the biggest bundled playbook is 12 KB,
# a 2,000-step playbook about 300 KB), low enough that /dev/zero-sized mistakes cost nothing
CAPS = {"profile": 4 * 2**20, "playbook": 4 * 2**20, "answers": 4 * 2**20, "rules": 4 * 2**20,
        "yaml": 4 * 2**20, "json": 64 * 2**20}

_KINDS = ((stat.S_ISDIR, "files.is_folder"), (stat.S_ISFIFO, "files.is_fifo"), (stat.S_ISSOCK, "files.is_socket"),
          (stat.S_ISCHR, "files.is_device"), (stat.S_ISBLK, "files.is_device"), (stat.S_ISLNK, "files.is_link"))


class FilesError(ProfileError):
    """A named file that cannot be read as one: missing, not a regular file, too big, refused by the system."""


def not_regular(mode: int) -> str:
    """The catalogue key saying what a non-regular file is ("" for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    return next((key for test, key in _KINDS if test(mode)), "files.not_regular")


def open_regular(path: Path) -> BinaryIO | None:
    """A file opened for reading, never through a link (OSError ELOOP), never blocking on a FIFO; None
    when what is there is not a regular file (a FIFO, a device, a socket). Visit logs and imports."""
    fd = os.open(path, READ_FLAGS)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb")


def read_own(path: Path, cap: int | None = CAPS["json"]) -> bytes:
    """One of kfield's own files in its data folder (the member, the open-visit pointer, a visit log
    being packed): never through a link, never blocking, at most ``cap`` bytes. OSError as the system
    says it (FileNotFoundError when it is not there); something that is not a regular file is EINVAL."""
    handle = open_regular(path)
    if handle is None:
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    with handle:
        return handle.read() if cap is None else handle.read(cap)


def read(path: Path | str, kind: str = "yaml", follow: bool = True) -> bytes:
    """The bytes of a file a person named, or FilesError (``files.*``, ``schema.no_file``).
    ``follow=False`` for a file found in a folder the person named: a link there is refused."""
    where, cap = shown(path), CAPS[kind]
    try:
        _refuse_special(os.stat(path) if follow else os.lstat(path), where)
        fd = os.open(path, BASE_FLAGS if follow else READ_FLAGS)
    except OSError as exc:
        raise _error(exc, where) from None
    except ValueError:                              # a NUL or a lone surrogate in the name
        raise FilesError("files.bad_name", path=where) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            found = os.fstat(fd)
            _refuse_special(found, where)           # what was opened, should the path have changed since
            if found.st_size > cap:
                raise FilesError("files.too_big", path=where, size=_mb(found.st_size), cap=_mb(cap))
            data = handle.read(cap + 1)
        except OSError as exc:
            raise _error(exc, where) from None
    if len(data) > cap:                             # a file that grew while it was read
        raise FilesError("files.too_big", path=where, size=_mb(len(data)), cap=_mb(cap))
    return data


def exists(path: Path | str) -> bool:
    """Whether anything (a link included) is at ``path``; a name the system cannot take is not there."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def is_folder(path: Path | str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _refuse_special(found: os.stat_result, where: str) -> None:
    key = not_regular(found.st_mode)
    if key:
        raise FilesError("files.refused", path=where, what=Message(key, {}))


def _error(exc: OSError, where: str) -> FilesError:
    if exc.errno == errno.ENOENT:
        return FilesError("schema.no_file", path=where)
    if exc.errno == errno.ENXIO:                    # a socket opened as a file
        return FilesError("files.refused", path=where, what=Message("files.is_socket", {}))
    return FilesError("schema.unreadable", path=where, reason=reason(exc))


def shown(path: Path | str) -> str:
    """A path as a person may see it: bytes that were not UTF-8 in the name become �, never an
    encoding error on the way to the screen."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}"
