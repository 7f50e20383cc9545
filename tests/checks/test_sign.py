import datetime as dt
import socket

import pytest

from kfield.checks.sign import url_matches
from kfield.core.result import Status
from kfield.platform.base import Browser, Certificate, NotSupported, Proc, UsbDevice
from kfield.platform.linux import LinuxHost
from kfield.testing import compute_check
from tests.fakes import FakeHost

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)


def test_sign001_against_a_real_loopback_listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    try:
        res = compute_check("SIGN001", host=LinuxHost(), signing_ports=[port])
        assert res.status is Status.OK and str(port) in res.summary.params["ports"]
    finally:
        server.close()
    res = compute_check("SIGN001", host=LinuxHost(), signing_ports=[port])
    assert res.status is Status.FAIL and res.remedy.key == "sign.port.remedy"


def test_sign002_process_match_is_case_insensitive():
    host = FakeHost(processes=[Proc(10, "vgcasignservice.EXE", 1)])
    assert compute_check("SIGN002", host=host).status is Status.OK
    assert compute_check("SIGN002", host=FakeHost(processes=[Proc(1, "bash", 1)])).status is Status.FAIL


def test_sign003_token_vendors():
    host = FakeHost(usb_devices=[UsbDevice("8087", "0026"), UsbDevice("096e", "0006", "ePass")])
    res = compute_check("SIGN003", host=host)
    assert res.status is Status.OK and res.summary.params["vendor"] == "Feitian"
    assert compute_check("SIGN003", host=FakeHost(usb_devices=[UsbDevice("8087", "0026")])).status is Status.FAIL
    skipped = compute_check("SIGN003", host=FakeHost(usb_devices=NotSupported("sign.no_usb_bus")))
    assert skipped.status is Status.SKIP


def cert(days, key=True):
    return Certificate("CN=NGUYỄN VĂN A, O=UBND", "CN=CA, O=X", NOW + dt.timedelta(days=days), key)


@pytest.mark.parametrize("certs, status, key", [
    ([cert(400)], Status.OK, "sign.cert.ok"),
    ([cert(10)], Status.WARN, "sign.cert.expiring"),
    ([cert(-3)], Status.FAIL, "sign.cert.expired"),
    ([cert(400, key=False)], Status.FAIL, "sign.cert.none"),
    ([], Status.FAIL, "sign.cert.none"),
    ([cert(-100), cert(200)], Status.OK, "sign.cert.ok"),
])
def test_sign004_certificate(certs, status, key):
    res = compute_check("SIGN004", host=FakeHost(user_certificates=certs), now=NOW, platform="windows")
    assert (res.status, res.summary.key) == (status, key)


def test_sign004_skips_off_windows():
    assert compute_check("SIGN004", host=FakeHost(), platform="linux").summary.key == "core.skip.platform"


@pytest.mark.parametrize("browsers, key", [
    ([], "sign.browser.none"),
    ([Browser("chrome", "109.0.5414.120")], "sign.browser.old"),
    ([Browser("firefox", "128.4.0")], "sign.browser.ok"),
    ([Browser("edge", "142.0.3595.53")], "sign.browser.ok_lna"),
])
def test_sign005_browsers(browsers, key):
    assert compute_check("SIGN005", host=FakeHost(browsers=browsers)).summary.key == key


@pytest.mark.parametrize("browsers, policy, status, key", [
    ([Browser("chrome", "142.0")], {}, Status.WARN, "sign.lna.missing"),
    ([Browser("chrome", "142.0")], {"chrome": ["[*.]example.gov.vn"]}, Status.OK, "sign.lna.ok"),
    ([Browser("chrome", "130.0")], {}, Status.OK, "sign.lna.not_needed"),
    ([Browser("firefox", "140.0")], {}, Status.OK, "sign.lna.not_needed"),
])
def test_sign006_lna_policy(browsers, policy, status, key):
    host = FakeHost(browsers=browsers, lna_allowed_urls=policy)
    res = compute_check("SIGN006", host=host, eoffice_urls=["https://eoffice.example.gov.vn"])
    assert (res.status, res.summary.key) == (status, key)


def test_sign006_without_addresses_skips():
    assert compute_check("SIGN006", host=FakeHost()).summary.key == "sign.lna.no_urls"


@pytest.mark.parametrize("pattern, url, expected", [
    ("*", "https://x.vn", True),
    ("https://eoffice.example.gov.vn", "https://eoffice.example.gov.vn/login", True),
    ("http://eoffice.example.gov.vn", "https://eoffice.example.gov.vn", False),
    ("[*.]example.gov.vn", "https://a.b.example.gov.vn", True),
    ("[*.]example.gov.vn", "https://example.gov.vn", True),
    ("[*.]example.gov.vn", "https://badexample.gov.vn", False),
    ("eoffice.example.gov.vn", "https://eoffice.example.gov.vn:8443/", True),
])
def test_url_patterns(pattern, url, expected):
    assert url_matches(pattern, url) is expected
