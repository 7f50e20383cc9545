"""Times a person reads: local time (UTC+7, Vietnam, unless KFIELD_TZ names another zone).

Logs and machine formats (JSON) keep UTC ISO 8601; only what is shown is converted.
"""

from __future__ import annotations

import datetime as dt
import os

VIETNAM = dt.timezone(dt.timedelta(hours=7), "UTC+7")   # no daylight saving in Vietnam


def zone() -> dt.tzinfo:
    """KFIELD_TZ (an IANA name such as Asia/Ho_Chi_Minh) when this machine knows it, else UTC+7."""
    name = os.environ.get("KFIELD_TZ", "").strip()
    if name:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name)
        except (ValueError, OSError, ImportError, KeyError):   # unknown name, or no tz database (Windows)
            pass
    return VIETNAM


def local(iso: str | None) -> dt.datetime | None:
    """An ISO time from a log as an aware local datetime; None for nothing or an unreadable value."""
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(zone())


def human(iso: str | None, empty: str = "") -> str:
    """"20/11/2026 08:00" in local time, the way dates are written in Vietnam (day first)."""
    moment = local(iso)
    return moment.strftime("%d/%m/%Y %H:%M") if moment else (iso or empty)


def zone_name() -> str:
    """"UTC+7", or the IANA name in KFIELD_TZ when that is the zone in use."""
    current = zone()
    return "UTC+7" if current is VIETNAM else str(current)


def naive_local(iso: str | None) -> dt.datetime | None:
    """Local time without a zone: what a spreadsheet cell holds as a real date."""
    moment = local(iso)
    return moment.replace(tzinfo=None) if moment else None
