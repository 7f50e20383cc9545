""""Could not check" is not "off": every check whose Windows source can fail ends in a skip that
says which source and why — never ok, fail or warn. Runs each check through the real runner."""

import pytest

from kfield.core.errors import SourceUnavailable
from kfield.core.i18n import render
from kfield.core.result import Status
from kfield.testing import compute_check
from tests.fakes import FakeHost

CASES = [
    ("SEC002", "firewall", SourceUnavailable("powershell", "empty")),
    ("SEC003", "antivirus", SourceUnavailable("SecurityCenter2", "failed", detail="0x80041010")),
    ("SEC004", "last_update", SourceUnavailable("powershell", "timeout")),
    ("SIGN003", "usb_devices", SourceUnavailable("pnputil", "missing")),
    ("SIGN004", "user_certificates", SourceUnavailable("crypt32", "failed", detail="CertOpenStore error 5")),
    ("SIGN005", "browsers", SourceUnavailable("registry", "denied", detail="HKCU\\Software\\Google")),
]


@pytest.mark.parametrize("check_id, method, error", CASES)
def test_unavailable_source_is_a_skip_with_the_reason(check_id, method, error):
    res = compute_check(check_id, host=FakeHost(**{method: error}), platform="windows")
    assert res.status is Status.SKIP
    assert res.summary.key == error.key
    vi, en = render(res.summary, "vi"), render(res.summary, "en")
    assert error.source in vi and error.source in en and "Không kiểm tra được" in vi


def test_location_permission_off_names_the_setting():
    from tests.fakes import FakeHost as Host
    from kfield.platform.base import Interface

    wlan = Interface("Wi-Fi", True, 300, 1500, "aa:bb:cc:dd:ee:ff", (("192.168.1.20", 24),), wireless=True)
    host = Host(interfaces=[wlan], wifi=SourceUnavailable("netsh", "location_off"),
                default_route=None)
    res = compute_check("LAN006", host=host, platform="windows")
    assert res.status is Status.SKIP
    assert "Vị trí" in render(res.summary, "vi") and "Privacy & security → Location" in render(res.summary, "en")


def test_empty_antivirus_answer_is_still_a_fail():
    """An answer of "no products" from Security Center is an answer: that one stays a fail."""
    res = compute_check("SEC003", host=FakeHost(antivirus=[]), platform="windows")
    assert res.status is Status.FAIL


def test_empty_certificate_store_answered_is_still_a_fail():
    res = compute_check("SIGN004", host=FakeHost(user_certificates=[]), platform="windows")
    assert res.status is Status.FAIL and res.summary.key == "sign.cert.none"
