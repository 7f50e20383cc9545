"""Catalogue entries: playbook."""

MESSAGES: dict[str, tuple[str, str]] = {}
