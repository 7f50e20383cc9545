"""`kfield usb init`: write the kit onto a stick and return what was written (never prints)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from kfield.core.errors import UsageError
from kfield.core.paths import bundled_dir
from kfield.usb import installed, manifest, wheels, zipapp

TARGETS = ("linux", "windows")

SAFE_PROFILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")  # goes into launcher text
LAUNCHERS = {
    "kfield": ("kfield", '"$@"', "%*"),
    "run-checks": ("scripted run", 'run --profile {p} --non-interactive --results-dir "$KIT/results" "$@"',
                   'run --profile {p} --non-interactive --results-dir "%KIT%results" %*'),
}


@dataclass(frozen=True)
class Kit:
    root: Path
    files: int
    size_bytes: int
    manifest_sha256: str
    wheels: int
    target: str = "linux"
    built: str = ""


# What `usb init` writes: an earlier kit's files are replaced only at these paths (a manifest listing
# anything else is not one kfield made, and nothing it lists elsewhere is ever deleted).
KIT_FOLDERS = ("python", "wheelhouse", "checks", "playbooks")
KIT_TOP_FILES = ("kfield.pyz", "kfield.sh", "kfield.cmd", "run-checks.sh", "run-checks.cmd", "verify.py",
                 "HUONG-DAN.txt", "README.txt")


def this_os() -> str:
    return "windows" if sys.platform == "win32" else "linux"


def init(dest, profile: str = "usb", wheelhouse: bool = True, target: str | None = None) -> Kit:
    if not str(dest).strip():
        raise UsageError("usb.error.empty_dest")
    dest = Path(dest)
    check_profile(profile)
    target = target or this_os()
    if target not in TARGETS:
        raise UsageError("usb.error.bad_platform", platform=target, choices=", ".join(TARGETS))
    from kfield.usb import markers

    markers.require()
    created = not os.path.lexists(dest)
    try:
        return write_kit(prepare(dest), profile, wheelhouse, target)
    except OSError as exc:  # a full, removed or read-only stick: one line, exit 2
        from kfield.core.oserrors import reason

        _remove_if_created(dest, created)
        raise UsageError("usb.error.cannot_write", path=str(exc.filename or dest), reason=reason(exc)) from None
    except BaseException:    # no Windows parts, no network, Ctrl-C: no half-written folder is left
        _remove_if_created(dest, created)
        raise


def _remove_if_created(dest: Path, created: bool) -> None:
    """Only a folder this run made (shutil.rmtree removes links, never what they point to)."""
    if created and os.path.isdir(dest) and not os.path.islink(dest):
        shutil.rmtree(dest, ignore_errors=True)


def write_kit(root: Path, profile: str, wheelhouse: bool, target: str = "linux") -> Kit:
    """Every writer returns the names it wrote; only those go into the manifest, so the user's
    own files on the stick stay out of it (editing them never makes a launcher refuse)."""
    program, count = _windows_program(root) if target == "windows" else _zipapp_program(root, wheelhouse)
    listed = [*program, *copy_yaml(root), *write_launchers(root, profile, target),
              *write_guides(root, profile, target), write_verifier(root)]
    (root / "results").mkdir(exist_ok=True)
    from kfield import __version__

    built = build_date()
    digest = manifest.write(root, listed, __version__, built)
    size = sum((root / rel).stat().st_size for rel in listed) + (root / manifest.NAME).stat().st_size
    return Kit(root, len(listed) + 1, size, digest, count, target, built)


def build_date() -> str:
    """Today, or SOURCE_DATE_EPOCH's day (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isascii() and epoch.isdigit() and len(epoch) < 12:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def _zipapp_program(root: Path, wheelhouse: bool) -> tuple:
    dists = installed.closure()
    zipapp.build(dists, root / "kfield.pyz")
    made = wheels.write_all(dists, root / "wheelhouse") if wheelhouse else []
    return ["kfield.pyz", *(f"wheelhouse/{path.name}" for path in made)], len(made)


def _windows_program(root: Path) -> tuple:
    from kfield.usb import winkit, winsource

    names, count = winkit.write_python(root, winsource.cache_dir())
    return names, count


def check_profile(profile: str) -> None:
    """A bundled profile name: the pyz carries the bundled profiles, and the name goes into scripts."""
    from kfield.core.profile import bundled_profiles

    if not SAFE_PROFILE.match(profile) or profile not in {path.stem for path in bundled_profiles()}:
        raise UsageError("usb.error.bad_profile", profile=profile)


def prepare(dest: Path) -> Path:
    """DEST as a folder holding nothing but an earlier kit (whose files are removed, so stale wheels
    go) and the folders kfield writes into (kept). Refused: DEST a link or a file; a link, FIFO or
    device anywhere inside; a file kfield did not write; a manifest kfield did not make."""
    if os.path.islink(dest):
        raise UsageError("usb.error.dest_link", path=str(dest), names=str(dest))
    if dest.exists() and not dest.is_dir():
        raise UsageError("usb.error.dest_not_dir", path=str(dest))
    dest.mkdir(parents=True, exist_ok=True)
    old = _earlier_kit(dest)
    files, special = manifest.walk(dest)
    if special:
        raise UsageError("usb.error.dest_link", path=str(dest), names=_names(special))
    foreign = [rel for rel in files if rel not in old]
    if foreign:
        raise UsageError("usb.error.dest_foreign", path=str(dest), names=_names(foreign))
    for rel in old:
        if rel in files:
            (dest / rel).unlink()
    return dest.resolve()


def _earlier_kit(dest: Path) -> dict:
    """The entries of the manifest an earlier `usb init` wrote here ({} when there is none)."""
    try:
        found = manifest.load(dest)
    except manifest.Malformed:
        raise UsageError("usb.error.dest_manifest", path=str(dest / manifest.NAME)) from None
    if found is None:
        return {}
    if not all(_ours(rel) for rel in found.entries) or "verify.py" not in found.entries:
        raise UsageError("usb.error.dest_manifest", path=str(dest / manifest.NAME))
    return found.entries


def _ours(rel: str) -> bool:
    return rel in KIT_TOP_FILES or (rel.split("/")[0] in KIT_FOLDERS and "/" in rel)


def _names(paths: list) -> str:
    return ", ".join(paths[:3]) + (f" (+{len(paths) - 3})" if len(paths) > 3 else "")


def copy_yaml(root: Path) -> list:
    """Contents only (copyfile): copying permissions or times fails on FAT sticks."""
    names = []
    for kind in ("checks", "playbooks"):
        source = bundled_dir(kind)
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                rel = f"{kind}/{path.relative_to(source).as_posix()}"
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, root / rel)
                names.append(rel)
    return names


def write_launchers(root: Path, profile: str, target: str = "linux") -> list:
    if target == "windows":
        return write_windows_launchers(root, profile)
    names = []
    for name, (purpose, sh_args, cmd_args) in LAUNCHERS.items():
        sh = _template("launcher.sh", PURPOSE=purpose, NAME=f"{name}.sh", COMMAND=sh_args.format(p=profile))
        cmd = _template("launcher.cmd", PURPOSE=purpose, NAME=f"{name}.cmd", COMMAND=cmd_args.format(p=profile))
        (root / f"{name}.sh").write_bytes(sh.encode("utf-8"))
        (root / f"{name}.cmd").write_bytes(cmd.replace("\n", "\r\n").encode("utf-8"))
        _make_executable(root / f"{name}.sh")
        names += [f"{name}.sh", f"{name}.cmd"]
    return names


def write_windows_launchers(root: Path, profile: str) -> list:
    """kfield.cmd and run-checks.cmd running the kit's own python\\python.exe."""
    for name, (purpose, _sh, cmd_args) in LAUNCHERS.items():
        wait = "--wait " if name == "run-checks" else ""     # a double-clicked window stays open
        cmd = _template("launcher-windows.cmd", PURPOSE=purpose, WAIT=wait, COMMAND=cmd_args.format(p=profile))
        (root / f"{name}.cmd").write_bytes(cmd.replace("\n", "\r\n").encode("utf-8"))
    return [f"{name}.cmd" for name in LAUNCHERS]


def write_guides(root: Path, profile: str, target: str = "linux") -> list:
    from kfield import __version__

    values = {"PROFILE": profile, "VERSION": __version__, "PYTHON": platform.python_version(),
              "PLATFORM": f"{sys.platform} {platform.machine()}"}
    suffix = ""
    if target == "windows":
        from kfield.usb.winsource import EMBEDDED_VERSION

        values["PYTHON"], suffix = EMBEDDED_VERSION, "-windows"
    for name in ("HUONG-DAN.txt", "README.txt"):
        text = _template(name.replace(".txt", f"{suffix}.txt"), **values)
        (root / name).write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return ["HUONG-DAN.txt", "README.txt"]


def write_verifier(root: Path) -> str:
    """verify.py is kfield/usb/manifest.py itself: one implementation, tested both ways."""
    (root / "verify.py").write_bytes(Path(manifest.__file__).read_bytes())
    return "verify.py"


def _template(name: str, **values: str) -> str:
    text = resources.files("kfield.usb").joinpath("templates", name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    return text


def _make_executable(path: Path) -> None:
    try:
        path.chmod(0o755)
    except OSError:  # FAT sticks have no permission bits: `sh kfield.sh` still works
        pass
