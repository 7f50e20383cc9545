"""kfield.pyz: a shiv zipapp of the installed distributions (built with `python -m shiv`)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kfield.core.errors import UsageError

ENTRY_POINT = "kfield.__main__:main"


def build(dists: list, output: Path) -> Path:
    """Copy every distribution into one site-packages folder and let shiv zip it.

    shiv writes into a temporary folder and sets the executable bit there; the zipapp is then
    copied without permissions, which a FAT stick would refuse."""
    if importlib.util.find_spec("shiv") is None:
        raise UsageError("usb.error.no_shiv")
    with tempfile.TemporaryDirectory(prefix="kfield-kit-") as tmp:
        site = Path(tmp) / "site-packages"
        for dist in dists:
            _copy(dist.files, site)
        _shiv(site, Path(tmp) / output.name)
        shutil.copyfile(Path(tmp) / output.name, output)
    return output


def _copy(files: dict, site: Path) -> None:
    for rel, source in files.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _shiv(site: Path, output: Path) -> None:
    argv = [sys.executable, "-m", "shiv", "--site-packages", str(site), "--entry-point", ENTRY_POINT,
            "--output-file", str(output), "--python", "/usr/bin/env python3", "--compressed", "--reproducible"]
    done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise UsageError("usb.error.shiv_failed", reason=last)
