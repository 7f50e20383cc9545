"""`kfield usb verify`: the manifest check from an installed kfield, as domain errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kfield.core.errors import UsageError
from kfield.usb import manifest


@dataclass(frozen=True)
class Checked:
    verdict: manifest.Verdict
    files: int
    digest: str


def check_kit(root: Path, expect: str | None = None) -> Checked:
    """Raise on a missing manifest, a replaced manifest, a missing or changed file."""
    verdict = manifest.verify(root)
    if verdict.no_manifest:
        raise UsageError("usb.error.no_manifest", path=str(root))
    digest = manifest.sha256(root / manifest.NAME)
    if expect and expect.strip().lower() != digest:
        raise UsageError("usb.error.manifest_hash", path=str(root), actual=digest, expected=expect.strip())
    if verdict.missing:
        raise UsageError("usb.error.missing", path=str(root), names=", ".join(verdict.missing))
    if verdict.changed:
        raise UsageError("usb.error.changed", path=str(root), names=", ".join(verdict.changed))
    return Checked(verdict, len(manifest.read(root)) + 1, digest)
