"""`kfield usb init`: write the kit onto a stick and return what was written (never prints)."""

from __future__ import annotations

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

OWNED_FOLDERS = ("checks", "playbooks", "wheelhouse")  # replaced as a whole on each init
TOP_FILES = ("kfield.pyz", "verify.py", "kfield.sh", "kfield.cmd", "run-checks.sh", "run-checks.cmd",
             "HUONG-DAN.txt", "README.txt")
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


def init(dest: Path, profile: str = "usb", wheelhouse: bool = True) -> Kit:
    check_profile(profile)
    try:
        return write_kit(prepare(dest), profile, wheelhouse)
    except OSError as exc:  # a full, removed or read-only stick: one line, exit 2
        raise UsageError("usb.error.cannot_write", path=str(exc.filename or dest),
                         reason=exc.strerror or str(exc)) from None


def write_kit(root: Path, profile: str, wheelhouse: bool) -> Kit:
    dists = installed.closure()
    zipapp.build(dists, root / "kfield.pyz")
    made = wheels.write_all(dists, root / "wheelhouse") if wheelhouse else []
    copy_yaml(root)
    write_launchers(root, profile)
    write_guides(root, profile)
    (root / "verify.py").write_bytes(Path(manifest.__file__).read_bytes())
    (root / "results").mkdir(exist_ok=True)
    listed = kit_names(root)
    digest = manifest.write(root, listed)
    size = sum((root / rel).stat().st_size for rel in listed) + (root / manifest.NAME).stat().st_size
    return Kit(root, len(listed) + 1, size, digest, len(made))


def kit_names(root: Path) -> list:
    """What the kit wrote, for the manifest: the user's own files on the stick stay out of it,
    so editing them never makes a launcher refuse."""
    names = [name for name in TOP_FILES if (root / name).is_file()]
    for folder in OWNED_FOLDERS:
        names += [p.relative_to(root).as_posix() for p in (root / folder).rglob("*") if p.is_file()]
    return sorted(names)


def check_profile(profile: str) -> None:
    """A bundled profile name: the pyz carries the bundled profiles, and the name goes into scripts."""
    from kfield.core.profile import bundled_profiles

    if not SAFE_PROFILE.match(profile) or profile not in {path.stem for path in bundled_profiles()}:
        raise UsageError("usb.error.bad_profile", profile=profile)


def prepare(dest: Path) -> Path:
    if dest.exists() and not dest.is_dir():
        raise UsageError("usb.error.dest_not_dir", path=str(dest))
    dest.mkdir(parents=True, exist_ok=True)
    for name in OWNED_FOLDERS:
        shutil.rmtree(dest / name, ignore_errors=True)
    return dest.resolve()


def copy_yaml(root: Path) -> None:
    """Contents only (copyfile): copying permissions or times fails on FAT sticks."""
    for kind in ("checks", "playbooks"):
        source = bundled_dir(kind)
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                target = root / kind / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def write_launchers(root: Path, profile: str) -> None:
    for name, (purpose, sh_args, cmd_args) in LAUNCHERS.items():
        sh = _template("launcher.sh", PURPOSE=purpose, NAME=f"{name}.sh", COMMAND=sh_args.format(p=profile))
        cmd = _template("launcher.cmd", PURPOSE=purpose, NAME=f"{name}.cmd", COMMAND=cmd_args.format(p=profile))
        (root / f"{name}.sh").write_bytes(sh.encode("utf-8"))
        (root / f"{name}.cmd").write_bytes(cmd.replace("\n", "\r\n").encode("utf-8"))
        _make_executable(root / f"{name}.sh")


def write_guides(root: Path, profile: str) -> None:
    from kfield import __version__

    values = {"PROFILE": profile, "VERSION": __version__, "PYTHON": platform.python_version(),
              "PLATFORM": f"{sys.platform} {platform.machine()}"}
    for name in ("HUONG-DAN.txt", "README.txt"):
        (root / name).write_bytes(_template(name, **values).replace("\n", "\r\n").encode("utf-8"))


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
