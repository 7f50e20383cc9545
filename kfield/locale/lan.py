"""Catalogue entries: lan."""

MESSAGES: dict[str, tuple[str, str]] = {}
