import datetime as dt

from kfield.platform.powershell import parse_date, parse_json_list


def test_ps51_date_is_milliseconds_since_epoch_utc():
    assert parse_date("/Date(1700000000000)/") == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_iso_and_wrapped_dates():
    assert parse_date("2025-01-02T03:04:05Z").year == 2025
    assert parse_date({"value": "/Date(0)/", "DateTime": "x"}).year == 1970
    assert parse_date("not a date") is None and parse_date(None) is None


def test_single_object_becomes_list_and_bom_is_ignored():
    assert parse_json_list('\ufeff{"a": 1}') == [{"a": 1}]
    assert parse_json_list("") == []
