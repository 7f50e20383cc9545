"""MANIFEST.sha256 of a USB kit: write it, verify it, and on a Windows kit run kfield after it.
Standard library only (Python 3.10+).

This same file is copied onto the stick as verify.py. The Linux launchers run `python -I verify.py`
before kfield.pyz; the Windows launchers run `python.exe -I -B verify.py --run ARGS`, which checks
the kit and then runs kfield in the same process (one Python start: each costs seconds under wine),
so nothing of kfield is imported before every file is checked.

What is refused (exit 2, two lines per language, never a traceback, never a hang):
- a manifest that is missing, not a regular file, over 8 MB, not UTF-8, holds a NUL, a line over
  4,096 characters, a line that is not `<sha256>  <path>` or a comment, a path leaving the kit,
  the same path twice, no entry at all, or that does not list every file the launchers run;
- anything in the kit that is not a regular file or a folder (a link, a FIFO, a device, a Windows
  reparse point): never followed, never opened;
- a file the manifest does not list (outside `results/` and `kfield-data/`, where kfield writes),
  a listed file missing, a listed file whose SHA-256 differs.

Hashing 75 MB of a Windows kit took seconds before every command, so a verified kit leaves a stamp
in kfield-data/: one SHA-256 over the manifest and every file's path, size and modification time.
While it matches, the files are not hashed again; any write through the file system changes a
size or a time, so a changed file is hashed and refused. A stick cannot vouch for itself (whoever
can change its files can change this verifier, the manifest and the stamp): the launchers print
the manifest's short hash and build date at every start, to compare with the ones noted when the
stick was built, and `kfield usb verify STICK --expect HASH` from a trusted laptop always hashes
every file.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

NAME = "MANIFEST.sha256"
DATA = "kfield-data"                      # where kfield keeps what it records when run from the stick
STAMP = "kit-stamp"                       # inside DATA
UNLISTED = ("results", DATA)              # folders kfield writes into: never in the manifest
SYSTEM = ("system volume information", "$recycle.bin")   # root folders Windows makes on a stick: not entered
HEADER = "# kfield-kit "                  # first line: "# kfield-kit <version> <build date>"
MAX_BYTES = 8 << 20
MAX_LINE = 4096
ENTRY = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")
REPARSE_POINT = 0x400                     # FILE_ATTRIBUTE_REPARSE_POINT: links and junctions on Windows
LAUNCHED = {
    "linux": ("verify.py", "kfield.pyz", "kfield.sh", "run-checks.sh", "kfield.cmd", "run-checks.cmd"),
    "windows": ("verify.py", "kfield.cmd", "run-checks.cmd", "python/python.exe", "python/python311.dll",
                "python/python311._pth", "python/python311.zip", "python/Lib/site-packages/kfield/__init__.py",
                "python/Lib/site-packages/kfield/__main__.py"),
}


class Malformed(Exception):
    """The manifest cannot be trusted as a list: `reason` is one of REASONS' keys."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Manifest:
    entries: dict                         # relative path (forward slashes) -> lower-case SHA-256
    digest: str                           # SHA-256 of the manifest file itself
    version: str = ""
    built: str = ""

    @property
    def short(self) -> str:
        return self.digest[:12]


@dataclass(frozen=True)
class Verdict:
    missing: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    extra: list = field(default_factory=list)       # files the manifest does not list: refused
    special: list = field(default_factory=list)     # links, FIFOs, devices, unreadable folders: refused
    no_manifest: bool = False
    malformed: str = ""                             # a Malformed reason
    detail: str = ""
    manifest: Manifest | None = None
    stamped: bool = False                           # accepted from the stamp, without hashing

    @property
    def ok(self) -> bool:
        return not (self.no_manifest or self.malformed or self.missing or self.changed or self.extra
                    or self.special)


# -- reading files without following links or blocking -----------------------------------------

def _open_regular(path: Path) -> int:
    """A descriptor of a regular file, opened without following a link and without blocking on a
    FIFO; anything else raises NotRegular (after the open, so a swap meanwhile is caught too)."""
    if not hasattr(os, "O_NOFOLLOW") and _is_link(path):       # Windows: no O_NOFOLLOW
        raise NotRegular(str(path))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO):     # a link (O_NOFOLLOW); a socket
            raise NotRegular(str(path)) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegular(str(path))
    return fd


class NotRegular(OSError):
    pass


def _os_detail(exc: OSError) -> str:
    return errno.errorcode.get(exc.errno, str(exc.errno)) if isinstance(exc.errno, int) else "?"


def _is_link(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISLNK(info.st_mode) or bool(getattr(info, "st_file_attributes", 0) & REPARSE_POINT)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_capped(path: Path, cap: int) -> bytes:
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise Malformed("too_big")
    return data


# -- the manifest --------------------------------------------------------------------------------

def write(root: Path, names: list | None = None, version: str = "", built: str = "") -> str:
    """Write MANIFEST.sha256 (sha256sum format, after a header comment) for `names` (default: every
    file) and return the manifest's own SHA-256."""
    header = f"{HEADER}{version or '?'} {built or '?'}\n"
    rels = sorted(names if names is not None else kit_files(root))
    lines = [f"{sha256(root / rel)}  {rel}\n" for rel in rels]
    (root / NAME).write_text(header + "".join(lines), encoding="utf-8", newline="\n")
    return sha256(root / NAME)


def parse(data: bytes) -> tuple:
    """(entries, version, built) of a manifest's bytes, or Malformed."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("encoding") from None
    if "\x00" in text:
        raise Malformed("nul")
    entries, version, built = {}, "", ""
    for number, line in enumerate(text.split("\n"), 1):
        line = line[:-1] if line.endswith("\r") else line
        if len(line) > MAX_LINE:
            raise Malformed("line", str(number))
        if line.startswith(HEADER) and number == 1:
            version, _, built = line[len(HEADER):].partition(" ")
        elif line.strip() and not line.startswith("#"):
            match = ENTRY.fullmatch(line)
            if match is None or not _safe(match.group(2)) or match.group(2) in entries:
                raise Malformed("entry", str(number))
            entries[match.group(2)] = match.group(1).lower()
    if not entries:
        raise Malformed("empty")
    return entries, version, built


def _safe(rel: str) -> bool:
    parts = rel.split("/")
    return not (rel.startswith("/") or "\\" in rel or ":" in rel or ".." in parts or "." in parts or "" in parts)


def load(root: Path) -> Manifest | None:
    """The kit's manifest, None when there is none; Malformed when it cannot be trusted as a list."""
    try:
        data = _read_capped(root / NAME, MAX_BYTES)
    except FileNotFoundError:
        return None
    except NotRegular:
        raise Malformed("special") from None
    except OSError as exc:
        raise Malformed("unreadable", _os_detail(exc)) from None
    entries, version, built = parse(data)
    return Manifest(entries, hashlib.sha256(data).hexdigest(), version, built)


def read(root: Path) -> dict:
    """The listed paths and hashes (empty when there is no manifest or it is malformed)."""
    try:
        found = load(root)
    except Malformed:
        return {}
    return found.entries if found else {}


def kind(entries: dict) -> str:
    return "windows" if any(rel.startswith("python/") for rel in entries) else "linux"


def unlisted_launched(entries: dict) -> list:
    """Files the launchers run that the manifest does not list."""
    return [rel for rel in LAUNCHED[kind(entries)] if rel not in entries]


# -- the tree ------------------------------------------------------------------------------------

def walk(root: Path) -> tuple:
    """({relative path: (size, mtime_ns)} of every regular file, [paths that are not a regular file
    or a folder, or could not be listed]). Iterative; links are reported, never followed; the
    folders kfield writes into and Windows' own root folders are not entered."""
    files, special, pending = {}, [], [("", str(root))]
    while pending:
        rel_folder, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            special.append(rel_folder or ".")
            continue
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            _sort(entry, rel, rel_folder, files, special, pending)
    return files, sorted(special)


def _sort(entry, rel: str, rel_folder: str, files: dict, special: list, pending: list) -> None:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        special.append(rel)
        return
    at_root = not rel_folder
    if stat.S_ISLNK(info.st_mode) or getattr(info, "st_file_attributes", 0) & REPARSE_POINT:
        special.append(rel)
    elif stat.S_ISDIR(info.st_mode):
        if not (at_root and (entry.name in UNLISTED or entry.name.lower() in SYSTEM)):
            pending.append((rel, entry.path))
    elif not stat.S_ISREG(info.st_mode):
        special.append(rel)
    elif not (at_root and entry.name == NAME):
        files[rel] = (info.st_size, info.st_mtime_ns)


def kit_files(root: Path) -> list:
    """Relative paths (forward slashes) of every regular file the manifest covers, sorted."""
    return sorted(walk(root)[0])


# -- verification --------------------------------------------------------------------------------

def verify(root: Path, stamp: bool = True) -> Verdict:
    """Check the kit at `root`. With `stamp`, a kit whose files are as they were at the last full
    check (same paths, sizes and times; same manifest) is accepted without hashing."""
    try:
        found = load(root)
    except Malformed as exc:
        return Verdict(malformed=exc.reason, detail=exc.detail)
    if found is None:
        return Verdict(no_manifest=True)
    not_listed = unlisted_launched(found.entries)
    if not_listed:
        return Verdict(malformed="launched", detail=", ".join(not_listed), manifest=found)
    files, special = walk(root)
    missing = sorted(rel for rel in found.entries if rel not in files)
    extra = sorted(rel for rel in files if rel not in found.entries)
    if special or missing or extra:
        return Verdict(missing=missing, extra=extra, special=special, manifest=found)
    key = _stamp_key(found, files)
    if stamp and _read_stamp(root) == key:
        return Verdict(manifest=found, stamped=True)
    changed, special = _hash_all(root, found.entries)
    verdict = Verdict(changed=changed, special=special, manifest=found)
    if verdict.ok and stamp:
        _write_stamp(root, key)
    return verdict


def _hash_all(root: Path, entries: dict) -> tuple:
    changed, special = [], []
    for rel, expected in entries.items():
        try:
            if sha256(root / rel) != expected:
                changed.append(rel)
        except OSError:                   # swapped for a link or a FIFO since the walk, or unreadable
            special.append(rel)
    return sorted(changed), sorted(special)


def _stamp_key(found: Manifest, files: dict) -> str:
    digest = hashlib.sha256(found.digest.encode("ascii"))
    for rel in sorted(files):
        size, mtime = files[rel]
        digest.update(f"\n{rel}\0{size}\0{mtime}".encode("utf-8"))
    return digest.hexdigest()


def _read_stamp(root: Path) -> str:
    try:
        return _read_capped(root / DATA / STAMP, 256).decode("ascii").strip()
    except (OSError, Malformed, UnicodeDecodeError):
        return ""


def _write_stamp(root: Path, key: str) -> None:
    """Best effort: a read-only stick is hashed at every start instead. Written to a new file of
    its own (never through a link) and renamed over the old stamp."""
    folder = root / DATA
    temporary = folder / f".{STAMP}.{os.getpid()}.tmp"
    try:
        if not folder.is_dir():
            folder.mkdir()
        if _is_link(folder):
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(temporary, flags, 0o644)
        with os.fdopen(fd, "wb") as stream:
            stream.write(key.encode("ascii") + b"\n")
        os.replace(temporary, folder / STAMP)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


# -- what the launchers print (they do not know the user's language: Vietnamese, then English) ----

def _names(paths: list) -> str:
    shown = ", ".join(paths[:3])
    return shown + (f" (+{len(paths) - 3})" if len(paths) > 3 else "")


MALFORMED = {
    "empty": ("không liệt kê tệp nào", "lists no file"),
    "encoding": ("không phải văn bản UTF-8", "is not UTF-8 text"),
    "nul": ("chứa ký tự NUL", "holds a NUL character"),
    "line": ("có dòng quá dài (dòng {detail})", "has an over-long line (line {detail})"),
    "entry": ("có dòng không đúng dạng \"<sha256>  <tệp>\" (dòng {detail})",
              "has a line that is not \"<sha256>  <file>\" (line {detail})"),
    "too_big": ("lớn quá mức một bảng băm", "is too large for a manifest"),
    "special": ("không phải một tệp thường", "is not a regular file"),
    "unreadable": ("không đọc được ({detail})", "cannot be read ({detail})"),
    "launched": ("không liệt kê tệp mà trình khởi chạy chạy: {detail}",
                 "does not list files the launchers run: {detail}"),
}
NEXT_STEP = ("kfield: Đừng dùng USB này. Hãy tạo lại bộ từ một máy tin cậy của tổ (kfield usb init), "
             "hoặc báo giảng viên.",
             "kfield: Do not use this stick. Rebuild the kit from a trusted team laptop (kfield usb init), "
             "or tell your lecturer.")


def reason(verdict: Verdict) -> tuple:
    """(Vietnamese, English) of why the kit is refused."""
    if verdict.no_manifest:
        return f"thiếu tệp {NAME}", f"{NAME} is missing"
    if verdict.malformed:
        vi, en = MALFORMED[verdict.malformed]
        return f"{NAME} " + vi.format(detail=verdict.detail), f"{NAME} " + en.format(detail=verdict.detail)
    if verdict.special:
        names = _names(verdict.special)
        return (f"không phải tệp thường (liên kết, thiết bị…): {names}",
                f"not a regular file (a link, a device…): {names}")
    if verdict.missing:
        names = _names(verdict.missing)
        return f"thiếu tệp {names}", f"missing file {names}"
    if verdict.extra:
        names = _names(verdict.extra)
        return f"tệp lạ, không có trong {NAME}: {names}", f"file not in {NAME}: {names}"
    names = _names(verdict.changed)
    return f"tệp đã bị thay đổi: {names}", f"file changed: {names}"


def refusal(verdict: Verdict) -> list:
    """The lines a launcher prints: the reason in Vietnamese and English, then what to do."""
    vi, en = reason(verdict)
    return [f"kfield: USB bị từ chối: {vi}.", f"kfield: kit refused: {en}.", *NEXT_STEP]


def banner(found: Manifest) -> str:
    """Printed at every start: the hash and date to compare with the ones noted at build time."""
    return (f"kfield USB: mã bảng băm {found.short}, tạo ngày {found.built} "
            f"/ manifest {found.short}, built {found.built}")


# -- the launcher's entry point -------------------------------------------------------------------

def main(argv: list | None = None) -> int:
    """verify.py [--wait] [--run KFIELD-ARGS...]: check the kit; with --run, run kfield after it
    (its exit code is returned); --wait: wait for a key when the window is the launcher's own."""
    args = list(sys.argv[1:] if argv is None else argv)
    wait = args[:1] == ["--wait"]
    args = args[1:] if wait else args
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a Windows console in cp1252 cannot print Vietnamese otherwise
            stream.reconfigure(encoding="utf-8", errors="replace")
    root = Path(os.path.dirname(os.path.abspath(__file__)))
    try:
        code = _check_and_run(root, args)
    except KeyboardInterrupt:
        code = 130
    if wait:
        _wait_for_a_key()
    return code


def _check_and_run(root: Path, args: list) -> int:
    verdict = verify(root)
    if not verdict.ok:
        for line in refusal(verdict):
            print(line, file=sys.stderr)
        return 2
    print(banner(verdict.manifest), file=sys.stderr)
    if args[:1] != ["--run"]:
        return 0
    os.environ["KFIELD_KIT"] = str(root)
    sys.argv = ["kfield", *args[1:]]
    return _run_kfield()


def _run_kfield() -> int:
    import runpy

    try:
        runpy.run_module("kfield", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def _wait_for_a_key() -> None:
    """Only when the console is this launcher's own (started by double-click: cmd and python are
    the only processes attached), so a window never closes before its last lines are read."""
    if sys.platform != "win32" or not sys.stdin or not sys.stdin.isatty():
        return
    import ctypes
    import msvcrt

    attached = (ctypes.c_uint * 8)()
    if ctypes.windll.kernel32.GetConsoleProcessList(attached, 8) > 2:
        return
    print("Bấm phím bất kỳ để đóng cửa sổ… / Press any key to close this window…", file=sys.stderr)
    sys.stderr.flush()
    msvcrt.getwch()


if __name__ == "__main__":
    sys.exit(main())
