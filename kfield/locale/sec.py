"""Catalogue entries: sec."""

MESSAGES: dict[str, tuple[str, str]] = {}
