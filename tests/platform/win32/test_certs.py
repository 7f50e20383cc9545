"""crypt32 gives DER bytes; these tests decode real certificates made by OpenSSL and trustme."""

import datetime as dt
import hashlib
import subprocess

import pytest

from kfield.platform.win32 import certs

trustme = pytest.importorskip("trustme")


def _der_from_pem(pem: bytes) -> bytes:
    import base64

    body = b"".join(line for line in pem.splitlines() if line and not line.startswith(b"-----"))
    return base64.b64decode(body)


def test_trustme_leaf_certificate():
    ca = trustme.CA()
    leaf = ca.issue_cert("eoffice.khanhhoa.gov.vn")
    der = _der_from_pem(leaf.cert_chain_pems[0].bytes())
    cert = certs.certificate_from_der(der, True)
    assert cert.has_private_key and cert.thumbprint == hashlib.sha1(der).hexdigest().upper()
    assert cert.der == der   # kept whole: SIGN009 builds its OCSP request from it
    assert cert.not_after > dt.datetime.now(dt.timezone.utc)
    assert "O=trustme" in cert.issuer


@pytest.mark.skipif(subprocess.run(["which", "openssl"], capture_output=True).returncode, reason="no openssl here")
def test_openssl_certificate_with_vietnamese_subject_and_uid(tmp_path):
    subject = "/C=VN/ST=Khánh Hòa/O=UBND xã Cam Lâm/CN=Nguyễn Văn Ánh/UID=CMND:012345678"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / "k.pem"),
                    "-out", str(tmp_path / "c.der"), "-outform", "DER", "-days", "30", "-utf8", "-subj", subject],
                   check=True, capture_output=True)
    der = (tmp_path / "c.der").read_bytes()
    cert = certs.certificate_from_der(der, False)
    assert cert.subject.startswith("UID=CMND:012345678, CN=Nguyễn Văn Ánh, O=UBND xã Cam Lâm")
    assert cert.subject == cert.issuer and not cert.has_private_key
    days = (cert.not_after - dt.datetime.now(dt.timezone.utc)).days
    assert 28 <= days <= 30


def test_generalized_and_utc_times():
    assert certs._time(b"491231235959Z", 0x17, 0, 13) == dt.datetime(2049, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)
    assert certs._time(b"500101000000Z", 0x17, 0, 13).year == 1950
    assert certs._time(b"20510101000000Z", 0x18, 0, 15).year == 2051


@pytest.mark.parametrize("junk", [b"", b"\x30", b"\x30\x84\xff\xff\xff\xff", b"\x30\x03\x02\x01\x00"])
def test_malformed_der_is_left_out(junk):
    assert certs.certificates([(junk, True)]) == []
