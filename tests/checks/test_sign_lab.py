"""The signing chain's checks against real servers on loopback (tests/lab/signlab.py): a signing service
on a secure WebSocket, a CA's RFC 3161 timestamp authority, RFC 6960 OCSP responder, certificate and CRL.
Only the certificate store and the browser facts are given (a Linux machine has no Windows store)."""

import datetime as dt
import socket

import pytest
import trustme

from kfield.core.result import Status
from kfield.net.actions import NetActions
from kfield.platform.base import Certificate
from kfield.testing import compute_check
from tests.fakes import FakeHost
from tests.lab.signlab import CaServer, SigningService

NET = NetActions()


@pytest.fixture(scope="module")
def ca_server():
    with CaServer() as server:
        yield server


@pytest.fixture
def trusted(tmp_path, monkeypatch):
    """A trustme CA this process trusts (SSL_CERT_FILE, the ordinary OpenSSL setting)."""
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    return ca


def sign007(port, path="/GetVersion"):
    return compute_check("SIGN007", host=FakeHost(signing_service=NET.signing_service),
                         signing_ports=[port], signing_ws_path=path)


def test_sign007_reads_the_version_from_the_signing_services_websocket(trusted):
    with SigningService(trusted, version="2.1.7") as service:
        res = sign007(service.port)
    assert (res.status, res.summary.key, res.summary.params["version"]) == (Status.OK, "sign.ws.ok", "2.1.7")
    assert res.summary.params["url"] == f"wss://127.0.0.1:{service.port}/GetVersion"


def test_sign007_a_certificate_this_pc_does_not_trust_is_what_a_browser_refuses(trusted):
    with SigningService(trustme.CA(), version="3.0.1") as service:   # another CA: not trusted here
        res = sign007(service.port)
    assert (res.status, res.summary.key) == (Status.FAIL, "sign.ws.untrusted")
    assert ("service_version", "3.0.1") in [(m.name, m.value) for m in res.evidence]


def test_sign007_a_service_that_never_answers_and_a_closed_port(trusted):
    with SigningService(trusted, silent=True) as service:
        res = sign007(service.port)
    assert (res.status, res.summary.key) == (Status.FAIL, "sign.ws.silent")
    assert res.evidence[0].name in ("sign_timeout", "sign_closed")
    spare = socket.socket()
    spare.bind(("127.0.0.1", 0))
    port = spare.getsockname()[1]
    spare.close()
    res = sign007(port)
    assert res.status is Status.FAIL and res.evidence[0].name == "sign_refused"


def test_sign007_is_skipped_when_nothing_listens_on_the_port():
    from kfield.core.registry import load_all
    from kfield.core.runner import run

    host = FakeHost(port_listening=False)
    results = {r.check_id: r for r in run([load_all()["SIGN001"], load_all()["SIGN007"]],
                                          {"host": host, "signing_ports": [8987], "signing_ws_path": "/GetVersion"})}
    assert results["SIGN001"].status is Status.FAIL and results["SIGN007"].status is Status.SKIP


def test_net008_gets_a_real_rfc3161_timestamp(ca_server):
    ca_server.tsa_mode = "grant"
    host = FakeHost(timestamp=NET.timestamp)
    res = compute_check("NET008", host=host, timestamp_urls=[f"{ca_server.url}/tsa"])
    assert res.status is Status.OK, res
    assert "kfield lab TSA" in res.evidence[0].value and abs(res.evidence[1].value) < 5
    assert f"POST /tsa application/timestamp-query" in ca_server.requests


@pytest.mark.parametrize("mode, evidence", [("reject", "sign_refused_answer"), ("garbage", "sign_not_tsp"),
                                            ("wrong_nonce", "sign_mismatch"), ("bad_signature", "sign_bad_signature")])
def test_net008_a_refused_wrong_or_foreign_answer_is_no_timestamp(ca_server, mode, evidence):
    ca_server.tsa_mode = mode
    try:
        res = compute_check("NET008", host=FakeHost(timestamp=NET.timestamp), timestamp_urls=[f"{ca_server.url}/tsa"])
    finally:
        ca_server.tsa_mode = "grant"
    assert res.status is Status.FAIL and [m.name for m in res.evidence] == [evidence]


def store(ca_server, key=True):
    ca = ca_server.ca
    return [Certificate(f"CN=NGUYỄN VĂN A", "CN=kfield lab root CA", ca.user.not_valid_after_utc, key, "", ca.user_der)]


def sign009(ca_server, certificates, **params):
    host = FakeHost(user_certificates=certificates, ocsp=NET.ocsp)
    return compute_check("SIGN009", host=host, platform="windows", **params)


@pytest.mark.parametrize("mode, status, key", [
    ("good", Status.OK, "sign.ocsp.good"),
    ("revoked", Status.FAIL, "sign.ocsp.revoked"),
    ("unknown", Status.WARN, "sign.ocsp.unknown"),
    ("unauthorized", Status.WARN, "sign.ocsp.bad"),
    ("foreign_signer", Status.WARN, "sign.ocsp.bad"),
])
def test_sign009_asks_the_issuers_ocsp_responder_about_the_certificate(ca_server, mode, status, key):
    ca_server.ocsp_mode = mode
    try:
        res = sign009(ca_server, store(ca_server))
    finally:
        ca_server.ocsp_mode = "good"
    assert (res.status, res.summary.key) == (status, key)
    if mode == "revoked":
        assert res.summary.params["date"] == (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=2)).date().isoformat()
    if mode == "foreign_signer":
        assert res.evidence[0].name == "sign_bad_signature"
    assert "GET /ca.crt" in ca_server.requests and "POST /ocsp application/ocsp-request" in ca_server.requests


def test_sign009_without_a_certificate_skips_and_an_unreachable_responder_fails():
    assert sign009(None, []).summary.key == "sign.ocsp.no_cert"
    with CaServer() as server:
        certificates = store(server)
    res = sign009(server, certificates)     # the server is gone: the issuer's address does not answer
    assert (res.status, res.summary.key) == (Status.FAIL, "sign.ocsp.unreached")
    assert res.evidence[0].name == "sign_refused"


def test_sign009_uses_the_profiles_responder_when_the_certificate_names_none():
    from tests.lab.signlab import authority

    with CaServer() as server:
        server.ca = authority(server.url, ocsp_in_cert=False)
        res = sign009(server, store(server), ocsp_urls=[f"{server.url}/ocsp"])
        assert res.status is Status.OK and f"{server.url}/ocsp: good" in res.evidence[1].value


def test_sign010_ocsp_responders_answer_and_the_crl_is_current(ca_server):
    host = FakeHost(http_answer=NET.http_answer, crl=NET.crl)
    res = compute_check("SIGN010", host=host, ocsp_urls=[f"{ca_server.url}/"], crl_urls=[f"{ca_server.url}/root.crl"])
    assert res.status is Status.OK, res
    assert res.evidence[1].value.startswith(f"{ca_server.url}/root.crl: kfield lab root CA, 1, → ")
    ca_server.crl_next_update_days = -1
    try:
        res = compute_check("SIGN010", host=host, ocsp_urls=[], crl_urls=[f"{ca_server.url}/root.crl"])
    finally:
        ca_server.crl_next_update_days = 7
    assert (res.status, res.summary.key) == (Status.WARN, "sign.ca.stale")
    res = compute_check("SIGN010", host=host, ocsp_urls=["http://127.0.0.1:9/"], crl_urls=[f"{ca_server.url}/ca.crt"])
    assert res.status is Status.FAIL and [m.name for m in res.evidence] == ["sign_refused", "sign_not_crl"]


def test_the_real_command_shows_the_signing_services_version_in_vietnamese(trusted, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    with SigningService(trusted, version="2.1.7") as service:
        profile = tmp_path / "p.yaml"
        profile.write_text(f"version: 1\nid: lab\ntitle: {{vi: a, en: a}}\nselect: {{ids: [SIGN007]}}\n"
                           f"params:\n  signing_ports: [{service.port}]\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(root), "KFIELD_DATA_DIR": str(tmp_path), "KFIELD_NO_PROGRESS": "1"}
        done = subprocess.run([sys.executable, "-m", "kfield", "check", "--profile", str(profile), "--lang", "vi"],
                              capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"[Đạt] SIGN007 Công cụ ký số trả lời: Công cụ ký số trả lời tại wss://127.0.0.1:{service.port}/GetVersion, " \
           f"phiên bản 2.1.7" in done.stdout
    assert "Phiên bản công cụ ký số: 2.1.7" in done.stdout


def test_sign009_rewrites_the_certificates_responder_by_domain_as_the_government_clients_do():
    from tests.lab.signlab import authority

    with CaServer() as server:
        server.ca = authority(server.url, ocsp_url="http://ocsp.vgca.ca.gov.vn/")   # never asked: rewritten
        res = sign009(server, store(server), ocsp_rewrites={"ca.gov.vn": f"{server.url}/ocsp"})
        assert res.status is Status.OK and f"{server.url}/ocsp: good" in res.evidence[1].value
