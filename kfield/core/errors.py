"""Domain errors. Library code raises these; only the CLI turns them into exit codes."""

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
