"""`kfield usb verify`: the manifest check from an installed kfield, as domain errors. It always
hashes every file (the stick's stamp is never trusted here)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kfield.core.errors import UsageError
from kfield.usb import manifest


MALFORMED = {"empty": "usb.error.malformed.empty", "encoding": "usb.error.malformed.encoding",
             "nul": "usb.error.malformed.nul", "line": "usb.error.malformed.line",
             "entry": "usb.error.malformed.entry", "too_big": "usb.error.malformed.too_big",
             "special": "usb.error.malformed.special", "unreadable": "usb.error.malformed.unreadable",
             "launched": "usb.error.malformed.launched"}
REFUSED = (("special", "usb.error.special"), ("missing", "usb.error.missing"), ("extra", "usb.error.extra"),
           ("changed", "usb.error.changed"))


@dataclass(frozen=True)
class Checked:
    verdict: manifest.Verdict
    files: int
    digest: str
    built: str = ""


def check_kit(root: Path, expect: str | None = None) -> Checked:
    """Raise on a missing, replaced or malformed manifest, and on any file missing, changed, not
    listed or not a regular file. The folder named is never followed if it is a link."""
    if os.path.islink(root):
        raise UsageError("usb.error.special", path=str(root), names=str(root))
    if not root.is_dir():
        raise UsageError("usb.error.no_manifest", path=str(root))
    verdict = manifest.verify(root, stamp=False)
    if verdict.no_manifest:
        raise UsageError("usb.error.no_manifest", path=str(root))
    if verdict.malformed:
        raise UsageError(MALFORMED[verdict.malformed], path=str(root), detail=verdict.detail)
    digest = verdict.manifest.digest
    if expect and expect.strip().lower() != digest:
        raise UsageError("usb.error.manifest_hash", path=str(root), actual=digest, expected=expect.strip())
    for kind, key in REFUSED:
        names = getattr(verdict, kind)
        if names:
            raise UsageError(key, path=str(root), names=manifest._names(names))
    return Checked(verdict, len(verdict.manifest.entries) + 1, digest, verdict.manifest.built)
