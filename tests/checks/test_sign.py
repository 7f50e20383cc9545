import datetime as dt
import socket

import pytest

from kfield.checks.sign import url_matches
from kfield.core.result import Status
from kfield.platform.base import Browser, Certificate, LnaPolicy, NotSupported, Proc, UsbDevice
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
    ([Browser("chrome", "147.0")], {}, Status.WARN, "sign.lna.missing"),
    ([Browser("chrome", "142.0")], {}, Status.OK, "sign.lna.before_websocket"),      # WebSocket rule from 147
    ([Browser("edge", "147.0")], {"edge": LnaPolicy(allowed=("[*.]example.gov.vn",))}, Status.OK, "sign.lna.ok"),
    ([Browser("chrome", "147.0")], {"edge": LnaPolicy(allowed=("[*.]example.gov.vn",))}, Status.WARN, "sign.lna.missing"),
    ([Browser("chrome", "147.0")], {"chrome": LnaPolicy(loopback=("[*.]example.gov.vn",))}, Status.OK, "sign.lna.ok"),
    ([Browser("chrome", "147.0")], {"chrome": LnaPolicy(opt_out=True)}, Status.OK, "sign.lna.ok"),
    ([Browser("chrome", "147.0")], {"chrome": LnaPolicy(opt_out=False)}, Status.WARN, "sign.lna.missing"),
    ([Browser("chrome", "130.0")], {}, Status.OK, "sign.lna.not_needed"),
    ([Browser("firefox", "140.0")], {}, Status.OK, "sign.lna.not_needed"),
])
def test_sign006_lna_policy(browsers, policy, status, key):
    host = FakeHost(browsers=browsers, lna_policies=policy)
    res = compute_check("SIGN006", host=host, eoffice_urls=["https://eoffice.example.gov.vn"])
    assert (res.status, res.summary.key) == (status, key)


def test_sign006_loopback_policy_counts_only_from_146():
    policy = {"chrome": LnaPolicy(loopback=("https://eoffice.example.gov.vn",))}
    # 145 ignores LoopbackNetworkAllowedForUrls, but its WebSocket is not yet under the rule either
    res = compute_check("SIGN006", host=FakeHost(browsers=[Browser("chrome", "145.0")], lna_policies=policy),
                        eoffice_urls=["https://eoffice.example.gov.vn"])
    assert res.summary.key == "sign.lna.before_websocket" and res.summary.params["browsers"] == "chrome 145"


def test_sign006_names_which_policy_is_set_for_which_urls():
    policy = {"chrome": LnaPolicy(("https://eoffice.example.gov.vn",), ("[*.]khanhhoa.gov.vn",), False)}
    res = compute_check("SIGN006", host=FakeHost(browsers=[Browser("chrome", "147.0")], lna_policies=policy),
                        eoffice_urls=["https://eoffice.example.gov.vn"], signing_site_urls=["https://dichvucong.khanhhoa.gov.vn/"])
    shown = [m.value for m in res.evidence]
    assert res.status is Status.OK and shown == [
        "chrome: LocalNetworkAccessAllowedForUrls = https://eoffice.example.gov.vn",
        "chrome: LoopbackNetworkAllowedForUrls = [*.]khanhhoa.gov.vn",
        "chrome: LocalNetworkAccessRestrictionsTemporaryOptOut = 0"]


def test_sign006_without_the_eoffice_address_checks_the_one_stop_site_and_names_the_setting():
    host = FakeHost(browsers=[Browser("chrome", "147.0")], lna_policies={})
    res = compute_check("SIGN006", host=host, signing_site_urls=["https://dichvucong.khanhhoa.gov.vn/"])
    assert (res.status, res.summary.params["urls"]) == (Status.WARN, "https://dichvucong.khanhhoa.gov.vn/")
    assert ("lna_setting", "kfield profile set eoffice_url URL") in [(m.name, m.value) for m in res.evidence]
    allowed = FakeHost(browsers=[Browser("chrome", "147.0")], lna_policies={"chrome": LnaPolicy(("[*.]khanhhoa.gov.vn",))})
    assert compute_check("SIGN006", host=allowed, signing_site_urls=["https://dichvucong.khanhhoa.gov.vn/"]
                         ).summary.key == "sign.lna.ok_no_eoffice"


def test_sign006_without_addresses_skips_naming_the_command():
    res = compute_check("SIGN006", host=FakeHost())
    assert res.summary.key == "sign.lna.no_urls"
    from kfield.core.i18n import render
    assert "kfield profile set eoffice_url" in render(res.summary, "vi") and "eoffice_urls" not in render(res.summary, "en")


def test_sign003_names_a_known_token_model():
    res = compute_check("SIGN003", host=FakeHost(usb_devices=[UsbDevice("096e", "0807", "")]))
    assert res.summary.params["vendor"] == "Feitian ePass2003"
    res = compute_check("SIGN003", host=FakeHost(usb_devices=[UsbDevice("0529", "0620", "Token JC")]))
    assert res.evidence[0].value == "SafeNet eToken 5110 0529:0620 Token JC"


def test_sign008_middleware_in_system_folders(tmp_path):
    from kfield.platform.windows_sign import pkcs11_in

    (tmp_path / "System32").mkdir()
    for name in ("vnptca_p11_v8.dll", "ETPKCS11.DLL", "kernel32.dll"):
        (tmp_path / "System32" / name).write_bytes(b"MZ")
    found = pkcs11_in([str(tmp_path / "System32"), str(tmp_path / "SysWOW64")], ["eTPKCS11.dll", "vnptca_p11_v*.dll"])
    assert [p.rsplit("/", 1)[-1] for p in found] == ["ETPKCS11.DLL", "vnptca_p11_v8.dll"]
    res = compute_check("SIGN008", host=FakeHost(pkcs11_modules=found), platform="windows")
    assert res.status is Status.OK and res.summary.params["names"] == "ETPKCS11.DLL, vnptca_p11_v8.dll"
    assert compute_check("SIGN008", host=FakeHost(pkcs11_modules=[]), platform="windows").status is Status.FAIL
    assert compute_check("SIGN008", host=FakeHost(), platform="linux").summary.key == "core.skip.platform"


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


def test_a_kfield_without_its_protocol_packages_says_it_could_not_check():
    def missing(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'websockets'", name="websockets")

    host = FakeHost(signing_service=missing)
    res = compute_check("SIGN007", host=host, signing_ports=[8987])
    assert (res.status, res.summary.key, res.summary.params["package"]) == (Status.SKIP, "sign.no_package", "websockets")
    res = compute_check("NET008", host=FakeHost(timestamp=missing), timestamp_urls=["http://tsa/"])
    assert res.summary.key == "sign.no_package"
