"""Run an external program safely: an argument list, never a shell, always a timeout."""

from __future__ import annotations

import os
import shutil
import subprocess

from kfield.core.errors import CommandFailed, NotSupported, SourceUnavailable

# Windows: "This program is blocked by group policy" (AppLocker / Software Restriction Policies).
ERROR_ACCESS_DISABLED_BY_POLICY = 1260


def run(argv: list[str], timeout: float = 10.0, ok_codes: tuple[int, ...] = (0,),
        env: dict[str, str] | None = None) -> str:
    """stdout of ``argv`` as text; NotSupported when the program is absent.

    ``env`` adds variables to the inherited environment (e.g. LC_ALL=C for untranslated output)."""
    if shutil.which(argv[0]) is None:
        raise NotSupported("platform.no_program", program=argv[0])
    try:
        done = subprocess.run(
            argv, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False,
            env={**os.environ, **env} if env else None,
        )
    except subprocess.TimeoutExpired:
        raise CommandFailed(argv, f"no answer after {timeout:g} s", "timeout") from None
    except OSError as exc:
        blocked = getattr(exc, "winerror", None) == ERROR_ACCESS_DISABLED_BY_POLICY
        raise CommandFailed(argv, str(exc), "blocked" if blocked else "failed") from None
    if done.returncode not in ok_codes:
        raise CommandFailed(argv, f"exit {done.returncode}: {_text(done.stderr).strip()[:200]}")
    return _text(done.stdout)


def ask(argv: list[str], timeout: float = 10.0, ok_codes: tuple[int, ...] = (0,)) -> str:
    """stdout of ``argv`` when it says something; SourceUnavailable when the program is absent,
    fails, times out, is blocked by policy or prints nothing (wine's and restricted PCs' stubs
    exit 0 silently: an empty answer is "could not check", never "none")."""
    source = argv[0]
    try:
        text = run(argv, timeout=timeout, ok_codes=ok_codes)
    except NotSupported:
        raise SourceUnavailable(source, "missing") from None
    except CommandFailed as exc:
        raise SourceUnavailable(source, exc.kind, detail=exc.reason) from None
    if not text.strip():
        raise SourceUnavailable(source, "empty")
    return text


def _text(raw: bytes) -> str:
    for encoding in ("utf-8", "cp1258", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")
