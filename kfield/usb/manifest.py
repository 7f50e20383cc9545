"""MANIFEST.sha256 of a USB kit: write it, verify it. Standard library only.

This same file is copied onto the stick as verify.py: the launchers run it with
`python -I verify.py` before kfield.pyz, so a changed zipapp cannot vouch for itself.
Files the manifest does not list (the user's own files, results/) are allowed: they are
returned as `extra` and never run by the launchers. verify.py cannot protect itself; the
SHA-256 of the manifest printed by `kfield usb init` lets a lecturer check the manifest.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

NAME = "MANIFEST.sha256"
UNLISTED = ("results",)  # folders the kit writes into: never in the manifest


@dataclass(frozen=True)
class Verdict:
    missing: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    no_manifest: bool = False

    @property
    def ok(self) -> bool:
        return not (self.no_manifest or self.missing or self.changed)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def kit_files(root: Path) -> list:
    """Relative paths (forward slashes) of every file the manifest covers, sorted.

    os.walk (scandir) rather than rglob + is_file: a Windows kit holds thousands of files and
    scandir gets each one's type without another system call (much faster on Windows and wine)."""
    names = []
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        if rel_folder == ".":
            dirs[:] = [d for d in dirs if d not in UNLISTED]
        names += [name if rel_folder == "." else f"{rel_folder}/{name}" for name in files]
    return sorted(name for name in names if name != NAME)


def write(root: Path, names: list | None = None) -> str:
    """Write MANIFEST.sha256 (sha256sum format) for `names` (default: every file) and return
    the manifest's own SHA-256."""
    lines = [f"{sha256(root / rel)}  {rel}\n" for rel in sorted(names if names is not None else kit_files(root))]
    (root / NAME).write_text("".join(lines), encoding="utf-8", newline="\n")
    return sha256(root / NAME)


def read(root: Path) -> dict:
    listed = {}
    for line in (root / NAME).read_text(encoding="utf-8").splitlines():
        digest, sep, rel = line.partition("  ")
        if sep and rel:
            listed[rel] = digest.lower()
    return listed


def verify(root: Path) -> Verdict:
    if not (root / NAME).is_file():
        return Verdict(no_manifest=True)
    listed, missing, changed = read(root), [], []
    for rel, expected in listed.items():
        actual = _digest_or_none(inside(root, rel))     # one open per file: no stat, no resolve
        if actual is None:
            missing.append(rel)
        elif actual != expected:
            changed.append(rel)
    extra = [rel for rel in kit_files(root) if rel not in listed]
    return Verdict(sorted(missing), sorted(changed), extra)


def _digest_or_none(path: Path):
    try:
        return sha256(path)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return None


def inside(root: Path, rel: str) -> Path:
    """A listed path; one leaving the kit (a forged manifest naming ../x, /x or C:x) is never a file.
    Checked on the text, not with resolve(): resolving thousands of paths is slow on Windows."""
    parts = rel.replace("\\", "/").split("/")
    if rel.startswith(("/", "\\")) or ".." in parts or ":" in rel or "" in parts:
        return root / NAME / "outside"  # never a file: reported as missing
    return root / rel


def _names(paths: list) -> str:
    shown = ", ".join(paths[:3])
    return shown + (f" (+{len(paths) - 3})" if len(paths) > 3 else "")


def refusal(verdict: Verdict) -> list:
    """The two lines (vi, en) a launcher prints; the launcher does not know the language."""
    if verdict.no_manifest:
        return [f"kfield: USB bị từ chối: thiếu tệp {NAME}.", f"kfield: kit refused: {NAME} is missing."]
    if verdict.missing:
        names = _names(verdict.missing)
        return [f"kfield: USB bị từ chối: thiếu tệp {names}.", f"kfield: kit refused: missing file {names}."]
    names = _names(verdict.changed)
    return [f"kfield: USB bị từ chối: tệp đã bị thay đổi: {names}.", f"kfield: kit refused: file changed: {names}."]


def main() -> int:
    if hasattr(sys.stderr, "reconfigure"):  # a Windows console in cp1252 cannot print Vietnamese otherwise
        sys.stderr.reconfigure(encoding="utf-8", errors="replace")
    verdict = verify(Path(__file__).resolve().parent)
    if verdict.ok:
        return 0
    for line in refusal(verdict):
        print(line, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
