"""Local time for people: UTC+7 by default, KFIELD_TZ when it names a zone this machine knows."""

import datetime as dt

from kfield.formats import when


def test_utc_becomes_vietnam_time_day_first(monkeypatch):
    monkeypatch.delenv("KFIELD_TZ", raising=False)
    assert when.human("2026-11-24T17:30:00+00:00") == "25/11/2026 00:30"
    assert when.naive_local("2026-11-24T17:30:00+00:00") == dt.datetime(2026, 11, 25, 0, 30)
    assert when.zone_name() == "UTC+7"


def test_a_named_zone_and_bad_values(monkeypatch):
    monkeypatch.setenv("KFIELD_TZ", "Asia/Tokyo")
    assert when.human("2026-11-24T17:30:00+00:00") == "25/11/2026 02:30"
    monkeypatch.setenv("KFIELD_TZ", "Not/AZone")
    assert when.human("2026-11-24T17:30:00+00:00") == "25/11/2026 00:30"        # unknown: UTC+7
    assert when.human(None, "—") == "—" and when.human("garbage") == "garbage" and when.local("") is None
