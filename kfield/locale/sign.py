"""Catalogue entries: sign."""

MESSAGES: dict[str, tuple[str, str]] = {}
