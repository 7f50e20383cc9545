"""A signing-chain lab on loopback: a certificate authority (root → a user's certificate with its OCSP and
CA-issuer addresses), an HTTP server that is the CA's RFC 3161 timestamp authority, its RFC 6960 OCSP
responder, its certificate and its CRL, and a signing service answering a secure WebSocket with a
trustme certificate, as the government signing tool does on 127.0.0.1:8987. Everything is built with
`cryptography`, `asn1crypto` and `websockets`; nothing leaves 127.0.0.1.

``mode`` attributes change what a server answers while it runs (a refused timestamp, a revoked
certificate, a CRL past its next update…), so one lab serves every case of a test module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import json
import threading
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

DER = serialization.Encoding.DER


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Phòng thử kfield"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


@dataclass
class Authority:
    """A root CA and one user certificate it issued, whose AIA names the lab's responder and issuer URL."""

    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    user_key: ec.EllipticCurvePrivateKey
    user: x509.Certificate
    tsa_key: ec.EllipticCurvePrivateKey
    tsa: x509.Certificate

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(DER)

    @property
    def user_der(self) -> bytes:
        return self.user.public_bytes(DER)


def authority(base_url: str, now: dt.datetime | None = None, ocsp_in_cert: bool = True,
              ocsp_url: str = "") -> Authority:
    now = now or dt.datetime.now(dt.timezone.utc)
    key = ec.generate_private_key(ec.SECP256R1())
    root = (x509.CertificateBuilder().subject_name(_name("kfield lab root CA")).issuer_name(_name("kfield lab root CA"))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    user_key, tsa_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    access = [x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                     x509.UniformResourceIdentifier(f"{base_url}/ca.crt"))]
    if ocsp_in_cert:
        access.insert(0, x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                                x509.UniformResourceIdentifier(ocsp_url or f"{base_url}/ocsp")))
    user = _issued(key, root, user_key, "NGUYỄN VĂN A", now,
                   x509.AuthorityInformationAccess(access))
    tsa = _issued(key, root, tsa_key, "kfield lab TSA", now,
                  x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]))
    return Authority(key, root, user_key, user, tsa_key, tsa)


def _issued(ca_key, ca, key, common: str, now: dt.datetime, extension) -> x509.Certificate:
    return (x509.CertificateBuilder().subject_name(_name(common)).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
            .add_extension(extension, critical=False).sign(ca_key, hashes.SHA256()))


# --- the CA's HTTP server: TSA, OCSP, its certificate, its CRL --------------------------------
@dataclass
class CaServer:
    ca: Authority | None = None
    tsa_mode: str = "grant"          # grant, reject, garbage, wrong_nonce, bad_signature
    ocsp_mode: str = "good"          # good, revoked, unknown, unauthorized, foreign_signer
    crl_next_update_days: int = 7
    requests: list[str] = field(default_factory=list)
    url: str = ""

    def __enter__(self) -> "CaServer":
        lab = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):   # quiet
                pass

            def do_GET(self):
                lab.requests.append(f"GET {self.path}")
                if self.path == "/ca.crt":
                    return self._send(200, "application/pkix-cert", lab.ca.der)
                if self.path == "/root.crl":
                    return self._send(200, "application/pkix-crl", lab.crl())
                return self._send(200, "text/plain", b"kfield lab CA")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                lab.requests.append(f"POST {self.path} {self.headers.get('Content-Type')}")
                if self.path == "/tsa":
                    return self._send(200, "application/timestamp-reply", lab.timestamp(body))
                if self.path == "/ocsp":
                    return self._send(200, "application/ocsp-response", lab.ocsp(body))
                return self._send(404, "text/plain", b"no")

            def _send(self, status, kind, data):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.ca is None:
            self.ca = authority(self.url)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # RFC 3161: a TSTInfo for the request's digest and nonce, in a CMS SignedData signed by the TSA
    def timestamp(self, body: bytes) -> bytes:
        from asn1crypto import cms, tsp
        from asn1crypto import x509 as ax509

        if self.tsa_mode == "garbage":
            return b"<html>not a timestamp</html>"
        if self.tsa_mode == "reject":
            # asn1crypto insists on the token, which a rejection has not: the outer SEQUENCE by hand
            status = tsp.PKIStatusInfo({"status": "rejection", "fail_info": {"bad_alg"}}).dump()
            return b"\x30" + bytes([len(status)]) + status
        request = tsp.TimeStampReq.load(body)
        nonce = request["nonce"].native + (1 if self.tsa_mode == "wrong_nonce" else 0)
        info = tsp.TSTInfo({"version": 1, "policy": "1.3.6.1.4.1.99999.1", "message_imprint": request["message_imprint"],
                            "serial_number": x509.random_serial_number(), "nonce": nonce,
                            "gen_time": dt.datetime.now(dt.timezone.utc).replace(microsecond=0)})
        attributes = cms.CMSAttributes([
            {"type": "content_type", "values": ["tst_info"]},
            {"type": "message_digest", "values": [hashlib.sha256(info.dump()).digest()]},
        ])
        key = ec.generate_private_key(ec.SECP256R1()) if self.tsa_mode == "bad_signature" else self.ca.tsa_key
        signature = key.sign(attributes.dump(), ec.ECDSA(hashes.SHA256()))
        tsa_cert = ax509.Certificate.load(self.ca.tsa.public_bytes(DER))
        signer = {"version": "v1", "digest_algorithm": {"algorithm": "sha256"}, "signed_attrs": attributes,
                  "signature_algorithm": {"algorithm": "sha256_ecdsa"}, "signature": signature,
                  "sid": cms.SignerIdentifier({"issuer_and_serial_number": {
                      "issuer": tsa_cert.issuer, "serial_number": tsa_cert.serial_number}})}
        signed = cms.SignedData({"version": "v3", "digest_algorithms": [{"algorithm": "sha256"}],
                                 "encap_content_info": {"content_type": "tst_info",
                                                        "content": cms.ParsableOctetString(info.dump())},
                                 "certificates": [tsa_cert], "signer_infos": [signer]})
        token = cms.ContentInfo({"content_type": "signed_data", "content": signed})
        return tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token}).dump()

    # RFC 6960: an answer for the asked certificate, signed by the CA (or, foreign_signer, by a stranger)
    def ocsp(self, body: bytes) -> bytes:
        if self.ocsp_mode == "unauthorized":
            return ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED).public_bytes(DER)
        ocsp.load_der_ocsp_request(body)   # a malformed request is an error here, as on a real responder
        now = dt.datetime.now(dt.timezone.utc)
        status = {"good": ocsp.OCSPCertStatus.GOOD, "revoked": ocsp.OCSPCertStatus.REVOKED}.get(
            self.ocsp_mode, ocsp.OCSPCertStatus.UNKNOWN)
        revoked = now - dt.timedelta(days=2) if self.ocsp_mode == "revoked" else None
        reason = x509.ReasonFlags.key_compromise if revoked else None
        builder = ocsp.OCSPResponseBuilder().add_response(
            self.ca.user, self.ca.cert, hashes.SHA1(), status, now, now + dt.timedelta(days=1), revoked, reason)
        signer_key, signer_cert = self.ca.key, self.ca.cert
        if self.ocsp_mode == "foreign_signer":
            stranger = authority(self.url)
            signer_key, signer_cert = stranger.key, stranger.cert
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, signer_cert)
        return builder.sign(signer_key, hashes.SHA256()).public_bytes(DER)

    def crl(self) -> bytes:
        now = dt.datetime.now(dt.timezone.utc)
        revoked = (x509.RevokedCertificateBuilder().serial_number(12345).revocation_date(now - dt.timedelta(days=3))
                   .build())
        return (x509.CertificateRevocationListBuilder().issuer_name(self.ca.cert.subject)
                .last_update(now - dt.timedelta(days=8)).next_update(now + dt.timedelta(days=self.crl_next_update_days))
                .add_revoked_certificate(revoked).sign(self.ca.key, hashes.SHA256()).public_bytes(DER))


# --- the signing service: a secure WebSocket on 127.0.0.1 -------------------------------------
@dataclass
class SigningService:
    """Answers ``/GetVersion`` with its version (JSON), as a page expects; other paths get an error.
    ``trustme_ca`` signs its certificate for 127.0.0.1; ``silent`` accepts and never answers."""

    trustme_ca: object
    version: str = "2.1.7"
    silent: bool = False
    port: int = 0

    def __enter__(self) -> "SigningService":
        import ssl

        from websockets.sync.server import serve

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.trustme_ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)

        def handler(ws):
            try:
                ws.recv(timeout=5)
                if self.silent:
                    ws.recv(timeout=5)
                elif ws.request.path == "/GetVersion":
                    ws.send(json.dumps({"code": 0, "data": self.version}))
                else:
                    ws.send(json.dumps({"code": 404, "error": "unknown method"}))
            except Exception:   # the client went away: nothing to answer
                pass

        self.server = serve(handler, "127.0.0.1", 0, ssl=context)
        self.port = self.server.socket.getsockname()[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
