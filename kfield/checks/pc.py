"""Computer checks (PC): operating system, load, memory, disk, battery, clock."""

from __future__ import annotations

import datetime as dt

from kfield.core.registry import check, param
from kfield.core.result import fail, measure, ok, skip, warn
from kfield.core.schema import Date, Map, Num
from kfield.platform.base import Host

param("os_end_of_support", Map(values=Date(), key_pattern=r"[a-z0-9.-]+",
                                doc="OS key (windows-10, debian-12…) → end-of-support date"), {
    "windows-7": dt.date(2020, 1, 14),
    "windows-8.1": dt.date(2023, 1, 10),
    "windows-10": dt.date(2025, 10, 14),
    "windows-11": dt.date(2031, 10, 14),
})
param("os_eos_warn_days", Num(integer=True, minimum=0, maximum=3650), 180)


@check("PC001", tags=("quick", "usb", "os"), timeout=5)
def os_support(host: Host, os_end_of_support: dict, os_eos_warn_days: int, today=None):
    """Operating system and whether its vendor still ships security fixes."""
    info = host.os_info()
    evidence = (measure("os", info.name), measure("os_build", info.build))
    ends = os_end_of_support.get(info.key)
    if ends is None:
        return ok("pc.os.unknown_eos", evidence=evidence, os=info.name)
    days = (ends - (today or dt.date.today())).days
    evidence += (measure("eos_date", ends.isoformat()), measure("eos_days", days, "days"))
    if days < 0:
        return fail("pc.os.unsupported", evidence=evidence, remedy="pc.os.remedy", os=info.name, date=ends.isoformat())
    if days <= os_eos_warn_days:
        return warn("pc.os.ending", evidence=evidence, remedy="pc.os.remedy", os=info.name, days=days)
    return ok("pc.os.supported", evidence=evidence, os=info.name, date=ends.isoformat())
