"""Domain errors. Library code raises these; only the CLI turns them into exit codes.

Map: domain errors; `kfield/cli/errors.py` is the one funnel to exit codes (`handled`; database driver errors
worded there too); `kfield/__main__.py` is the entry point: it takes `--lang` off the command line wherever it
stands and sets the run's language before the command line loads (help texts are made at import), catches a
Ctrl-C before that, and enters the funnel once; commands return their exit code; the root callback
(`kfield/cli/__init__.py`) resolves the language for the run and keeps it on the Typer context (`ctx.obj`); the
platform part: `NotSupported` (skip), `SourceUnavailable` (skip "could not check": the source gave no answer)
and `CommandFailed` (a program failed, timed out or was blocked)
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class KfieldError(Exception):
    """Base of every expected error: a catalogue message and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, key: str, /, **params: Any) -> None:
        from kfield.core.result import Message

        super().__init__(key)
        self.message = Message(key, params)

    def __str__(self) -> str:  # English rendering for logs and tracebacks
        from kfield.core.i18n import render

        return render(self.message, "en")


class UsageError(KfieldError):
    """Bad command-line usage or input (exit 2)."""


class ProfileError(KfieldError):
    """A profile or playbook file is missing or invalid (exit 2)."""


class PrivilegeError(KfieldError):
    """The action needs administrator rights (exit 2)."""


# --- platform errors: raised by the OS adapters (kfield.platform), read by the check runner ---------

class NotSupported(Exception):
    """This host cannot answer the question; carries a catalogue key and params (a check skips)."""

    def __init__(self, key: str = "platform.windows_only", /, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


SOURCE_REASONS = ("empty", "failed", "timeout", "blocked", "denied", "garbled", "location_off", "missing")


class SourceUnavailable(NotSupported):
    """The source was asked and gave no answer: it printed nothing, failed, timed out, was blocked by
    policy or refused access. "Could not check" — never to be read as "off", "none" or "absent".

    ``source`` names what was asked ("powershell", "netsh", "wlanapi", "registry", "crypt32"…);
    ``reason`` is one of SOURCE_REASONS and picks the catalogue line (platform.source.<reason>).
    """

    def __init__(self, source: str, reason: str, /, detail: str = "", **params: Any) -> None:
        if reason not in SOURCE_REASONS:
            raise ValueError(f"unknown source reason {reason!r}")
        super().__init__(f"platform.source.{reason}", source=source, detail=detail[:160], **params)
        self.source, self.reason, self.detail = source, reason, detail


class CommandFailed(Exception):
    """An external program ran and failed: a non-zero exit, no answer in time, or blocked by policy.
    Raised by ``kfield.platform.command``; the runner reads its kind ("could not check")."""

    def __init__(self, argv: list[str], reason: str, kind: str = "failed") -> None:
        super().__init__(f"{argv[0]}: {reason}")
        self.argv, self.reason, self.kind = argv, reason, kind   # kind: failed / timeout / blocked
