"""The one message catalogue, in Vietnamese and English.

Each module below holds the entries of one area as ``MESSAGES = {key: (vi, en)}``;
``load()`` merges them. A meta-test checks that both languages exist, that their
format parameters match, and that every key is used.
"""

from __future__ import annotations

import importlib

MODULES = ("core", "cli", "fmt", "pc", "sign", "sec", "lan", "net", "diag", "speed", "visit", "playbook", "agg", "usb", "ready", "out",
           "hub", "menu")


def load() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for name in MODULES:
        module = importlib.import_module(f"kfield.locale.{name}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"duplicate catalogue key {key} in kfield.locale.{name}")
            merged[key] = pair
    return merged
