"""What the signing chain's checks send: the signing service's WebSocket on 127.0.0.1, an RFC 3161
timestamp request to a TSA, an RFC 6960 OCSP request for a certificate, and plain HTTP(S) fetches
(a CA certificate, a CRL). Every failure to get an answer is `Unreached` with a reason code the
checks turn into words; an answer that is not what the protocol says is `BadAnswer`.

Map: what the signing checks send: the signing service's WebSocket (websockets), RFC 3161 timestamp requests
(asn1crypto), RFC 6960 OCSP (cryptography's `x509.ocsp`), CA certificate and CRL fetches
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import os
import re
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_BODY = 4 << 20
_VERSION = re.compile(r"\d+(?:\.\d+){1,3}")


class Unreached(Exception):
    """No answer: ``reason`` is dns, refused, timeout, tls, reset or http (a non-2xx status)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


class BadAnswer(Exception):
    """An answer that is not the protocol's (``reason``: a short code; ``detail`` for logs)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return "dns"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timeout"
    if isinstance(exc, ssl.SSLError):
        return "tls"
    return "reset"


# --- HTTP ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HttpAnswer:
    status: int
    content_type: str
    body: bytes


def exchange(url: str, body: bytes | None = None, content_type: str = "", timeout: float = 6.0,
             max_bytes: int = MAX_BODY, proxies=()) -> HttpAnswer:
    """GET (or POST ``body``) ``url``; HTTPS with the system's trust store (``SSL_CERT_FILE`` replaces
    it), through the proxy a browser here would use for it (``proxies``: the system's settings, as
    kfield.net.web.proxy_for reads them). Any HTTP status is an answer; no answer at all is Unreached."""
    conn, target = _connection(url, timeout, proxies)
    headers = {"User-Agent": "kfield", "Connection": "close"}
    if body is not None:
        headers["Content-Type"] = content_type
    try:
        conn.request("POST" if body is not None else "GET", target, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read(max_bytes + 1)
    except (OSError, http.client.HTTPException) as exc:
        raise Unreached(_reason(exc), str(exc)) from None
    finally:
        conn.close()
    if len(data) > max_bytes:
        raise BadAnswer("too_large", f"{url}: over {max_bytes} bytes")
    return HttpAnswer(response.status, response.getheader("Content-Type", "") or "", data)


def _connection(url: str, timeout: float, proxies) -> tuple[http.client.HTTPConnection, str]:
    """The connection and request target for ``url``: direct, or through the proxy (a CONNECT tunnel
    for HTTPS, the absolute URL for HTTP, as browsers and the signing tools' WinINet do)."""
    from kfield.net.web import proxy_for

    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    via = urlsplit("//" + proxy_for(url, proxies).split("://")[-1]) if proxies else None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if via is not None and via.hostname:
        first, first_port = via.hostname, via.port or 8080
    else:
        via, first, first_port = None, parts.hostname, port
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            first, first_port, timeout=timeout, context=ssl.create_default_context())
        if via is not None:
            conn.set_tunnel(parts.hostname, port)
        return conn, path
    conn = http.client.HTTPConnection(first, first_port, timeout=timeout)
    return conn, (url if via is not None else path)


# --- the signing service's WebSocket ---------------------------------------------------------
@dataclass(frozen=True)
class ServiceAnswer:
    reply: str           # the first message, cut to 200 characters
    version: str         # a dotted version found in it, "" if none
    trusted: bool        # the TLS certificate is trusted by this PC (a browser would accept it)


def signing_service(url: str, timeout: float = 4.0) -> ServiceAnswer:
    """Open the signing service's WebSocket (e.g. wss://127.0.0.1:8987/GetVersion), send an empty
    request as a page does, read the first reply. A certificate this PC does not trust is tried again
    without verification, so the version is still read and ``trusted`` says what a browser would meet."""
    try:
        return _ask_service(url, timeout, verify=True)
    except Unreached as exc:
        if exc.reason != "untrusted":
            raise
    answer = _ask_service(url, timeout, verify=False)
    return ServiceAnswer(answer.reply, answer.version, False)


def _ask_service(url: str, timeout: float, verify: bool) -> ServiceAnswer:
    from websockets.exceptions import InvalidHandshake, WebSocketException
    from websockets.sync.client import connect

    context = None
    if url.startswith("wss:"):
        context = ssl.create_default_context()
        if not verify:
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with connect(url, ssl=context, open_timeout=timeout, close_timeout=1,
                     user_agent_header="kfield", max_size=1 << 20) as ws:
            ws.send("")
            reply = ws.recv(timeout=timeout)
    except ssl.SSLCertVerificationError as exc:
        raise Unreached("untrusted", str(exc)) from None
    except InvalidHandshake as exc:
        raise Unreached("handshake", str(exc)) from None
    except WebSocketException as exc:
        raise Unreached("closed", str(exc)) from None
    except OSError as exc:
        raise Unreached(_reason(exc), str(exc)) from None
    text = reply if isinstance(reply, str) else reply.decode("utf-8", "replace")
    found = _VERSION.search(text)
    return ServiceAnswer(text[:200], found[0] if found else "", True)


# --- RFC 3161 timestamp ----------------------------------------------------------------------
@dataclass(frozen=True)
class Stamp:
    gen_time: dt.datetime
    signer: str          # the TSA certificate's subject common name, "" when not sent


def timestamp(url: str, timeout: float = 6.0, proxies=()) -> Stamp:
    """Ask ``url`` for a timestamp of a random SHA-256 digest (RFC 3161 over HTTP POST); the token must
    be granted, carry our digest and nonce, and be signed by the certificate it carries (the chain of
    that certificate up to a root is not judged here)."""
    from asn1crypto import tsp

    digest, nonce = hashlib.sha256(os.urandom(32)).digest(), int.from_bytes(os.urandom(8), "big")
    request = tsp.TimeStampReq({"version": 1, "nonce": nonce, "cert_req": True, "message_imprint": {
        "hash_algorithm": {"algorithm": "sha256"}, "hashed_message": digest}})
    answer = exchange(url, request.dump(), "application/timestamp-query", timeout, proxies=proxies)
    if answer.status >= 300:
        raise Unreached("http", f"HTTP {answer.status}")
    return _stamp(answer.body, digest, nonce)


def _stamp(body: bytes, digest: bytes, nonce: int) -> Stamp:
    from asn1crypto import core, tsp

    try:
        # The status first, on its own: asn1crypto wants the token that a refusal does not carry
        status = tsp.PKIStatusInfo.load(core.Sequence.load(body, strict=True)[0].dump())["status"].native
        if status not in ("granted", "granted_with_mods"):
            raise BadAnswer("refused", str(status))
        signed = tsp.TimeStampResp.load(body, strict=True)["time_stamp_token"]["content"]
        info = signed["encap_content_info"]["content"].parsed
        if info["message_imprint"]["hashed_message"].native != digest or info["nonce"].native != nonce:
            raise BadAnswer("mismatch", "the token is not for the digest or nonce sent")
        signer = _token_signer(signed)
        names = signer.subject.get_attributes_for_oid(_common_name())
        return Stamp(info["gen_time"].native, str(names[0].value) if names else signer.subject.rfc4514_string())
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise BadAnswer("not_tsp", str(exc)) from None


def _is_signer(sid, cert) -> bool:
    """The SignerIdentifier names this certificate: by issuer and serial number, or key identifier."""
    if sid.name == "issuer_and_serial_number":
        return cert.serial_number == sid.chosen["serial_number"].native and cert.issuer == sid.chosen["issuer"]
    return cert.key_identifier == sid.chosen.native


def _common_name():
    from cryptography.x509.oid import NameOID

    return NameOID.COMMON_NAME


def _token_signer(signed):
    """The certificate that signed the token (CMS SignerInfo with signed attributes): the content's
    digest must be the one signed, and the signature must verify with that certificate's key."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes

    info = signed["signer_infos"][0]
    algorithm = info["digest_algorithm"]["algorithm"].native
    attributes = {a["type"].native: a["values"][0].native for a in info["signed_attrs"]}
    content = signed["encap_content_info"]["content"].contents
    if attributes.get("message_digest") != hashlib.new(algorithm, content).digest():
        raise BadAnswer("bad_signature", "the signed digest is not the token's")
    sid = info["sid"]
    for candidate in signed["certificates"] or []:
        cert = candidate.chosen
        if _is_signer(sid, cert):
            signer = x509.load_der_x509_certificate(cert.dump())
            signed_bytes = b"\x31" + info["signed_attrs"].dump()[1:]   # signed as a SET OF, sent [0] IMPLICIT
            try:
                _verify(signer.public_key(), info["signature"].native, signed_bytes,
                        getattr(hashes, algorithm.upper())())
            except InvalidSignature:
                raise BadAnswer("bad_signature", "the token's signature does not verify") from None
            return signer
    raise BadAnswer("bad_signature", "the token does not carry its signer's certificate")


# --- RFC 6960 OCSP ---------------------------------------------------------------------------
@dataclass(frozen=True)
class OcspAnswer:
    status: str          # good, revoked, unknown
    responder_url: str
    this_update: dt.datetime | None
    revoked_at: dt.datetime | None = None


def cert_urls(cert_der: bytes) -> tuple[list[str], list[str]]:
    """(OCSP URLs, CA-issuer URLs) from the certificate's Authority Information Access."""
    from cryptography import x509
    from cryptography.x509.oid import AuthorityInformationAccessOID as AIA, ExtensionOID

    cert = x509.load_der_x509_certificate(cert_der)
    try:
        access = cert.extensions.get_extension_for_oid(ExtensionOID.AUTHORITY_INFORMATION_ACCESS).value
    except x509.ExtensionNotFound:
        return [], []
    urls = {AIA.OCSP: [], AIA.CA_ISSUERS: []}
    for item in access:
        if item.access_method in urls and isinstance(item.access_location, x509.UniformResourceIdentifier):
            urls[item.access_method].append(item.access_location.value)
    return urls[AIA.OCSP], urls[AIA.CA_ISSUERS]


def responder_for(cert_der: bytes, fallback: str = "", rewrites: dict | None = None) -> str:
    """Where to ask about a certificate: its own OCSP address, unless a rewrite names its host (the host or
    a parent domain → another responder, as the Government CA's clients send everything to
    ocsp.ca.gov.vn); ``fallback`` when it names none."""
    own = [u for u in cert_urls(cert_der)[0] if u.startswith(("http://", "https://"))]
    if not own:
        if fallback:
            return fallback
        raise BadAnswer("no_ocsp_url")
    host = (urlsplit(own[0]).hostname or "").lower()
    for domain, target in (rewrites or {}).items():
        if host == domain.lower() or host.endswith("." + domain.lower()):
            return target
    return own[0]


def issuer_of(cert_der: bytes, candidates: list[bytes], timeout: float = 6.0, proxies=()) -> bytes:
    """The issuing CA's certificate: one of ``candidates`` whose subject is the issuer, else the
    certificate's CA-issuer address (AIA) fetched over HTTP. BadAnswer("no_issuer") otherwise."""
    from cryptography import x509

    cert = x509.load_der_x509_certificate(cert_der)
    for der in candidates:
        if x509.load_der_x509_certificate(der).subject == cert.issuer:
            return der
    for url in cert_urls(cert_der)[1]:
        if url.startswith(("http://", "https://")):
            answer = exchange(url, timeout=timeout, proxies=proxies)
            if answer.status < 300:
                return _one_certificate(answer.body)
    raise BadAnswer("no_issuer", cert.issuer.rfc4514_string())


def _one_certificate(body: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        if body.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(body).public_bytes(Encoding.DER)
        return x509.load_der_x509_certificate(body).public_bytes(Encoding.DER)
    except ValueError as exc:
        raise BadAnswer("no_issuer", str(exc)) from None


def ocsp_status(cert_der: bytes, issuer_der: bytes, url: str, timeout: float = 6.0, proxies=()) -> OcspAnswer:
    """A real OCSP request (SHA-1 CertID, as responders expect) POSTed to ``url``; the answer must be
    successful, about this certificate, and signed by the issuer or a responder it certified."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509 import ocsp

    cert, issuer = x509.load_der_x509_certificate(cert_der), x509.load_der_x509_certificate(issuer_der)
    request = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
    answer = exchange(url, request.public_bytes(serialization.Encoding.DER), "application/ocsp-request", timeout,
                      proxies=proxies)
    if answer.status >= 300:
        raise Unreached("http", f"HTTP {answer.status}")
    try:
        response = ocsp.load_der_ocsp_response(answer.body)
    except ValueError as exc:
        raise BadAnswer("not_ocsp", str(exc)) from None
    if response.response_status is not ocsp.OCSPResponseStatus.SUCCESSFUL:
        raise BadAnswer("refused", response.response_status.name.lower())
    if response.serial_number != cert.serial_number:
        raise BadAnswer("mismatch", "the answer is about another certificate")
    _verify_ocsp(response, issuer)
    status = {ocsp.OCSPCertStatus.GOOD: "good", ocsp.OCSPCertStatus.REVOKED: "revoked"}.get(
        response.certificate_status, "unknown")
    return OcspAnswer(status, url, response.this_update_utc, response.revocation_time_utc)


def _verify_ocsp(response, issuer) -> None:
    """The response's signature, by the issuer itself or by a responder certificate it issued."""
    from cryptography.exceptions import InvalidSignature

    signers = [issuer] + [c for c in response.certificates if c.issuer == issuer.subject]
    for signer in signers:
        try:
            _verify(signer.public_key(), response.signature, response.tbs_response_bytes,
                    response.signature_hash_algorithm)
            if signer is not issuer:
                _verify(issuer.public_key(), signer.signature, signer.tbs_certificate_bytes,
                        signer.signature_hash_algorithm)
            return
        except InvalidSignature:
            continue
    raise BadAnswer("bad_signature", "no signer of the answer is the issuer or certified by it")


def _verify(key, signature: bytes, data: bytes, algorithm) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    if isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, data, padding.PKCS1v15(), algorithm)
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, data, ec.ECDSA(algorithm))
    else:
        key.verify(signature, data)


# --- CRL -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Crl:
    issuer: str
    next_update: dt.datetime | None
    revoked: int


def crl(url: str, timeout: float = 8.0, proxies=()) -> Crl:
    from cryptography import x509

    answer = exchange(url, timeout=timeout, proxies=proxies)
    if answer.status >= 300:
        raise Unreached("http", f"HTTP {answer.status}")
    try:
        if answer.body.lstrip().startswith(b"-----BEGIN"):
            revocations = x509.load_pem_x509_crl(answer.body)
        else:
            revocations = x509.load_der_x509_crl(answer.body)
    except ValueError as exc:
        raise BadAnswer("not_crl", str(exc)) from None
    names = revocations.issuer.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return Crl(str(names[0].value) if names else revocations.issuer.rfc4514_string(),
               revocations.next_update_utc, len(revocations))
