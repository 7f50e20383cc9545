"""The computer the checks see: OS facts (kfield.platform) joined with network actions
(kfield.net.actions). The one place that knows both; neither package imports the other's side.

Map `kfield/net/actions.py`, `kfield/machine.py`: `NetActions` (everything kfield sends: ping, TCP, DNS, web,
ARP, DHCP, MTU, traceroute, the signing chain); `machine.current_host()` joins OS facts and actions for the
checks
"""

from __future__ import annotations

from kfield.net.actions import NetActions
from kfield.platform import current_facts
from kfield.platform.base import Host


def current_host() -> Host:
    """This computer: its LinuxHost or WindowsHost facts, with the network actions mixed in."""
    facts = type(current_facts())
    return type(f"{facts.__name__}WithNet", (facts, NetActions), {})()
