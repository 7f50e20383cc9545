"""MAC → vendor from Wireshark's manufacturer database as shipped inside scapy
(about 50,000 IEEE prefixes, offline). Imported on first use only (~0.2 s)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _database():
    from scapy.data import MANUFDB

    return MANUFDB


def vendor(mac: str) -> str:
    """The registered vendor of ``mac``, or "" when unknown or locally administered."""
    if not mac or int(mac.split(":")[0], 16) & 0x02:
        return ""
    try:
        name = _database()._get_manuf(mac.lower())
    except (ImportError, ValueError, KeyError):
        return ""
    return "" if name.lower() == mac.lower() else name
