"""Run an external program safely: an argument list, never a shell, always a timeout."""

from __future__ import annotations

import shutil
import subprocess

from kfield.platform.base import NotSupported


class CommandFailed(Exception):
    def __init__(self, argv: list[str], reason: str) -> None:
        super().__init__(f"{argv[0]}: {reason}")
        self.argv, self.reason = argv, reason


def run(argv: list[str], timeout: float = 10.0, ok_codes: tuple[int, ...] = (0,)) -> str:
    """stdout of ``argv`` as text; NotSupported when the program is absent."""
    if shutil.which(argv[0]) is None:
        raise NotSupported("platform.no_program", program=argv[0])
    try:
        done = subprocess.run(
            argv, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False,
        )
    except subprocess.TimeoutExpired:
        raise CommandFailed(argv, f"no answer after {timeout:g} s") from None
    except OSError as exc:
        raise CommandFailed(argv, str(exc)) from None
    if done.returncode not in ok_codes:
        raise CommandFailed(argv, f"exit {done.returncode}: {_text(done.stderr).strip()[:200]}")
    return _text(done.stdout)


def _text(raw: bytes) -> str:
    for encoding in ("utf-8", "cp1258", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")
