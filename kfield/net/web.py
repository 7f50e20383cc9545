"""HTTP(S) probes with the standard library: each phase timed, each failure named.

A failed HTTPS probe says where it stopped — name lookup, TCP connect, the proxy (when
one is used, as a browser on this PC would: `proxy_for`), TLS handshake (and why: untrusted
chain, expired, not yet valid, wrong host name, a reset), or the HTTP answer — because that
place is what `kfield diagnose` needs. Each step is timed: lookup, connect, TLS, first byte,
the small download of the page.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 5
# OpenSSL X509 verify codes → the name kfield reports.
VERIFY_KINDS = {10: "expired", 9: "not_yet_valid", 62: "hostname", 18: "untrusted", 19: "untrusted",
                20: "untrusted", 21: "untrusted", 2: "untrusted", 27: "untrusted"}
INTERCEPTORS = ("fortinet", "fortigate", "kaspersky", "eset", "bitdefender", "avast", "avg", "sophos",
                "zscaler", "palo alto", "checkpoint", "check point", "cisco umbrella", "netspark", "bkav")


@dataclass(frozen=True)
class WebProbe:
    url: str
    stage: str = "done"           # where it stopped: dns, connect, proxy, tls, http, done
    error: str = ""               # dns_failed, timeout, refused, unreachable, reset, expired, hostname, untrusted,
                                  # proxy_status (the proxy answered its tunnel request with an error) …
    detail: str = ""
    ip: str = ""
    dns_ms: float | None = None
    connect_ms: float | None = None
    tls_ms: float | None = None
    http_ms: float | None = None
    status: int | None = None
    location: str = ""
    issuer: str = ""
    days_left: int | None = None
    redirects: tuple[str, ...] = ()
    valid_from: str = ""          # the certificate's dates (YYYY-MM-DD) and names, read even when
    valid_until: str = ""         # verification failed, so that a person can be told what is wrong
    names: tuple[str, ...] = ()
    via: str = ""                 # the proxy the request went through ("" direct)
    first_byte_ms: float | None = None   # request sent → the answer's first line
    size: int = 0                 # bytes of the page read (at most READ_BYTES)
    clock_skew_s: float | None = None    # the server's Date header minus this PC's clock (None: no Date)

    @property
    def ok(self) -> bool:
        return self.stage == "done" and not self.error

    @property
    def intercepted(self) -> bool:
        """A certificate from a TLS-inspecting product rather than a public CA."""
        return any(word in self.issuer.lower() for word in INTERCEPTORS)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def probe(url: str, timeout: float = 5.0, context: ssl.SSLContext | None = None, follow: bool = True,
          proxy: str = "", _seen: tuple[str, ...] = ()) -> WebProbe:
    """The page as a browser gets it; ``proxy`` ("host:port" or "http://host:port") when the
    browser would use one for this URL (the name is then looked up by the proxy, not here)."""
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    host = parts.hostname or ""
    hop_host, hop_port = proxy_address(proxy) if proxy else (host, port)
    started = time.perf_counter()
    ip = _lookup(hop_host, hop_port, LOOKUP_S)
    if isinstance(ip, Exception):
        return WebProbe(url, "dns", "dns_failed", str(ip)[:120], via=proxy)
    base = {"url": url, "ip": ip, "dns_ms": _ms(started), "via": proxy}
    started = time.perf_counter()
    try:
        sock = socket.create_connection((ip, hop_port), timeout=timeout)
    except OSError as exc:
        return WebProbe(stage="connect", error=_socket_error(exc), detail=str(exc)[:120], **base)
    base["connect_ms"] = _ms(started)
    try:
        if proxy and secure:
            _tunnel(sock, host, port, timeout)
        if secure:
            sock, tls = _handshake(sock, host, timeout, context)
            base.update(tls)
        result = _request(sock, host, parts, secure, timeout, base, absolute=bool(proxy) and not secure)
    except _Stop as stop:
        return WebProbe(**base, **stop.fields)
    finally:
        sock.close()
    if follow and result.status in (301, 302, 303, 307, 308) and result.location:
        target = urljoin(url, result.location)
        if target in _seen or len(_seen) >= MAX_REDIRECTS:   # a browser gives up too: "too many redirects"
            return WebProbe(**{**result.__dict__, "stage": "http", "error": "redirect_loop",
                               "detail": f"{len(_seen) + 1} redirects, then {target}"})
        after = probe(target, timeout, context, follow, proxy, _seen + (url,))
        return WebProbe(**{**after.__dict__, "redirects": (url, *after.redirects)})
    return result


def proxy_address(proxy: str) -> tuple[str, int]:
    """("host", port) of "host:port" or "http://host:port/" (8080 when no port is given)."""
    parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
    return parts.hostname or "", parts.port or 8080


def proxy_for(url: str, proxies, environ=None) -> str:
    """The proxy a browser on this PC would use for ``url`` ("" direct), from the system's
    settings (kfield.platform.base.Proxy list): the environment's scheme-specific variable, then
    ALL_PROXY, honouring NO_PROXY; WinINet's, then WinHTTP's server. A PAC file is not evaluated
    here (its script needs a JavaScript engine): a PAC-only PC is probed directly."""
    import os
    import urllib.request

    environ = os.environ if environ is None else environ
    scheme, host = urlsplit(url).scheme, urlsplit(url).hostname or ""
    bypass = environ.get("no_proxy") or environ.get("NO_PROXY") or ""
    by_source: dict[str, str] = {}
    for found in proxies:   # a source's first server: WinINet's "http=a:1;https=b:2" lists several
        by_source.setdefault(found.source, found.server)
    env = [by_source.get(f"env:{scheme.upper()}_PROXY"), by_source.get("env:ALL_PROXY")]
    chosen = next((s for s in env if s), "")
    if chosen and bypass and urllib.request.proxy_bypass_environment(host, {"no": bypass}):
        return ""
    return chosen or by_source.get("wininet") or by_source.get("winhttp") or ""


def _tunnel(sock, host: str, port: int, timeout: float) -> None:
    """CONNECT through the proxy, as a browser does for HTTPS; the proxy's refusal is told by its status."""
    sock.settimeout(timeout)
    try:
        sock.sendall(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode("ascii"))
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 16384:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
    except OSError as exc:
        raise _Stop(stage="proxy", error=_socket_error(exc), detail=str(exc)[:120]) from None
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    fields = line.split()
    code = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
    if code != 200:
        raise _Stop(stage="proxy", error="proxy_status", status=code, detail=line[:120])


LOOKUP_S = 6.5   # as NET001: long enough for a dead first DNS server (5 s on Linux) before the next answers


def _lookup(host: str, port: int, timeout: float):
    """The host's first IPv4 address, or the exception (a timeout when the resolver takes too long)."""
    from kfield.net.probe import first

    def ask():
        try:
            return socket.getaddrinfo(host, port, socket.AF_INET, socket.SOCK_STREAM)[0][4][0]
        except (OSError, UnicodeError) as exc:
            return exc

    answer = first([ask], lambda value: value is not None, timeout)
    return TimeoutError("no answer from the resolver in time") if answer is None else answer


class _Stop(Exception):
    def __init__(self, **fields) -> None:
        super().__init__(fields.get("error", ""))
        self.fields = fields


def _socket_error(exc: OSError) -> str:
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ConnectionResetError):
        return "reset"
    return "unreachable"


def _handshake(sock, host: str, timeout: float, context):
    context = context or ssl.create_default_context()
    started = time.perf_counter()
    peer = sock.getpeername()[:2]
    try:
        tls = context.wrap_socket(sock, server_hostname=host)
    except ssl.SSLCertVerificationError as exc:
        kind = VERIFY_KINDS.get(exc.verify_code, "untrusted")
        facts = certificate_facts(_unverified_certificate(peer, host, timeout))
        raise _Stop(stage="tls", error=kind, detail=(exc.verify_message or str(exc))[:160], **facts) from None
    except (ssl.SSLError, OSError) as exc:
        raise _Stop(stage="tls", error=_tls_error(exc), detail=str(exc)[:160]) from None
    cert = tls.getpeercert() or {}
    fields = {"tls_ms": _ms(started), "days_left": _days_left(cert), **certificate_facts(cert)}
    return tls, fields


def _tls_error(exc: Exception) -> str:
    """timeout, reset (a TCP RST or an EOF in the middle of the handshake: something cut the
    connection after the ClientHello), or tls_failed (the server's own TLS alert)."""
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timeout"
    if isinstance(exc, (ConnectionResetError, ssl.SSLEOFError, BrokenPipeError)) or "EOF" in str(exc):
        return "reset"
    return "tls_failed"


def _unverified_certificate(peer, host: str, timeout: float) -> dict:
    """The certificate a server presents, read without trusting it (only to describe it)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with socket.create_connection(peer, timeout=timeout) as raw, \
                context.wrap_socket(raw, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    except OSError:
        return {}
    return decode_certificate(der) if der else {}


def decode_certificate(der: bytes) -> dict:
    """getpeercert()'s dictionary for a certificate that was not verified (CPython's own
    decoder; absent on an interpreter without it, then nothing is described)."""
    import tempfile

    decode = getattr(ssl._ssl, "_test_decode_cert", None)  # noqa: SLF001 — the stdlib has no public one
    if decode is None:
        return {}
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/peer.pem"
        with open(path, "w", encoding="ascii") as out:
            out.write(ssl.DER_cert_to_PEM_cert(der))
        try:
            return decode(path)
        except (ssl.SSLError, ValueError):
            return {}


def certificate_facts(cert: dict) -> dict:
    """Issuer, validity dates and the names a certificate was issued for."""
    names = tuple(value for kind, value in cert.get("subjectAltName", ()) if kind == "DNS")
    if not names:
        names = tuple(v for rdn in cert.get("subject", ()) for k, v in rdn if k == "commonName")
    return {"issuer": _name(cert.get("issuer", ())), "valid_from": _date(cert.get("notBefore")),
            "valid_until": _date(cert.get("notAfter")), "names": names}


def _date(value) -> str:
    if not value:
        return ""
    seconds = ssl.cert_time_to_seconds(value)
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


def _name(rdns) -> str:
    parts = dict(item for rdn in rdns for item in rdn)
    return parts.get("organizationName") or parts.get("commonName") or ""


def _days_left(cert: dict) -> int | None:
    if "notAfter" not in cert:
        return None
    return int((ssl.cert_time_to_seconds(cert["notAfter"]) - time.time()) // 86400)


READ_BYTES = 256 * 1024   # "a small download": the start of the page, as a browser's first screen needs


def _request(sock, host: str, parts, secure: bool, timeout: float, base: dict, absolute: bool = False) -> WebProbe:
    conn = (http.client.HTTPSConnection if secure else http.client.HTTPConnection)(host, timeout=timeout)
    conn.sock = sock
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    if absolute:   # plain HTTP through a proxy names the whole URL
        path = f"{parts.scheme}://{parts.netloc}{path}"
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers={"User-Agent": "kfield", "Connection": "close"})
        response = conn.getresponse()
        first_byte = _ms(started)
        size = len(response.read(READ_BYTES))
    except (OSError, http.client.HTTPException) as exc:
        raise _Stop(stage="http", error=_http_error(exc), detail=str(exc)[:120]) from None
    announced = response.getheader("Content-Length") or ""
    if announced.isdigit() and size < min(int(announced), READ_BYTES):   # the page cut short: a broken answer
        raise _Stop(stage="http", error="http_failed", status=response.status,
                    detail=f"body cut after {size} of {announced} bytes")
    return WebProbe(stage="done", http_ms=_ms(started), status=response.status, first_byte_ms=first_byte,
                    size=size, location=response.getheader("Location") or "",
                    clock_skew_s=_skew(response.getheader("Date")), **base)


def _skew(date_header: str | None) -> float | None:
    """The server's clock minus this PC's, from an HTTP Date header (one-second resolution)."""
    from email.utils import parsedate_to_datetime

    try:
        return round(parsedate_to_datetime(date_header).timestamp() - time.time(), 1) if date_header else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _http_error(exc: Exception) -> str:
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "timeout"
    return "reset" if isinstance(exc, (ConnectionResetError, BrokenPipeError)) else "http_failed"
