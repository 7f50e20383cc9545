"""The computer the checks see: OS facts (kfield.platform) joined with network actions
(kfield.net.actions). The one place that knows both; neither package imports the other's side."""

from __future__ import annotations

from kfield.net.actions import NetActions
from kfield.platform import current_facts
from kfield.platform.base import Host


def current_host() -> Host:
    """This computer: its LinuxHost or WindowsHost facts, with the network actions mixed in."""
    facts = type(current_facts())
    return type(f"{facts.__name__}WithNet", (facts, NetActions), {})()
