import datetime as dt
from pathlib import Path

import pytest

from kfield.platform.powershell import parse_json_list
from kfield.platform.windows_sec import (decode_product_state, parse_defender, parse_firewall,
                                         parse_hotfixes, parse_security_center, truthy)

FIX = Path(__file__).parent.parent / "fixtures" / "windows" / "sec"


def load(name):
    return parse_json_list((FIX / name).read_text(encoding="utf-8"))


def test_firewall_profiles_with_numeric_booleans():
    state = parse_firewall(load("firewall-profiles.json"))
    assert state.enabled is False
    assert state.profiles == (("Domain", True), ("Private", True), ("Public", False))


def test_defender_status_and_signature_date():
    [defender] = parse_defender(load("mpcomputerstatus.json"))
    assert defender.enabled and defender.signature_updated == dt.datetime(2025, 11, 24, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("state, expected", [
    (266240, (True, True)), (397312, (True, True)), (397328, (True, False)),
    (393472, (False, True)), (262144, (False, True)),
])
def test_product_state_decoding(state, expected):
    assert decode_product_state(state) == expected


def test_security_center_products():
    products = parse_security_center(load("securitycenter2-antivirus.json"))
    assert [(p.name, p.enabled, p.up_to_date) for p in products] == [
        ("Windows Defender", False, True), ("Bkav Pro", True, True)]


def test_hotfixes_newest_date_with_both_date_shapes():
    assert parse_hotfixes(load("hotfixes.json")) == dt.datetime(2025, 10, 15, tzinfo=dt.timezone.utc)
    assert parse_hotfixes([]) is None


def test_truthy():
    assert truthy("True") and truthy(1) and truthy(True)
    assert not truthy("False") and not truthy(0) and not truthy(None)
