"""kfield.net.web against real HTTP(S) servers on loopback with a test CA (trustme)."""

import datetime as dt
import http.server
import socket
import ssl
import threading

import pytest

from tests.lab.proxy import pipe   # the lab proxy's own byte pipe

from kfield.net import web

trustme = pytest.importorskip("trustme")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/old":
            self.send_response(302)
            self.send_header("Location", "/new")
            self.end_headers()
            return
        self.send_response(204 if self.path == "/generate_204" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def serve(cert=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def client(ca):
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


@pytest.fixture
def https(ca, request):
    server = serve(ca.issue_cert(*request.param[0], **request.param[1]))
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def url(port, path="/"):
    return f"https://localhost:{port}{path}"


@pytest.mark.parametrize("https", [(("localhost",), {})], indirect=True)
def test_valid_certificate_gives_status_issuer_and_days(ca, https):
    found = web.probe(url(https), timeout=3, context=client(ca))
    assert found.ok and found.status == 200 and found.days_left > 300 and found.tls_ms is not None


@pytest.mark.parametrize("https", [(("localhost",), {"not_after": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
                                                     "not_before": dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc)})],
                         indirect=True)
def test_expired_certificate(ca, https):
    found = web.probe(url(https), timeout=3, context=client(ca))
    assert (found.stage, found.error) == ("tls", "expired")
    assert (found.valid_from, found.valid_until, found.names) == ("2019-01-01", "2020-01-01", ("localhost",))


@pytest.mark.parametrize("https", [(("localhost",), {"not_before": dt.datetime(2031, 5, 1, tzinfo=dt.timezone.utc),
                                                     "not_after": dt.datetime(2032, 1, 1, tzinfo=dt.timezone.utc)})],
                         indirect=True)
def test_certificate_not_yet_valid_says_from_when(ca, https):
    found = web.probe(url(https), timeout=3, context=client(ca))
    assert (found.stage, found.error, found.valid_from) == ("tls", "not_yet_valid", "2031-05-01")


@pytest.mark.parametrize("https", [(("other.kfield.test",), {})], indirect=True)
def test_wrong_host_name(ca, https):
    found = web.probe(url(https), timeout=3, context=client(ca))
    assert (found.stage, found.error) == ("tls", "hostname")
    assert found.names == ("other.kfield.test",)   # what the certificate was issued for, read without trusting it


@pytest.mark.parametrize("https", [(("localhost",), {})], indirect=True)
def test_untrusted_chain(https):
    found = web.probe(url(https), timeout=3, context=ssl.create_default_context())
    assert (found.stage, found.error) == ("tls", "untrusted")
    assert found.issuer.startswith("trustme")   # the issuer a person can name to whoever runs the portal


@pytest.mark.parametrize("https", [(("localhost",), {})], indirect=True)
def test_redirects_are_followed_and_listed(ca, https):
    found = web.probe(url(https, "/old"), timeout=3, context=client(ca))
    assert found.status == 200 and found.redirects == (url(https, "/old"),)
    held = web.probe(url(https, "/old"), timeout=3, context=client(ca), follow=False)
    assert held.status == 302 and held.location == "/new"


def test_plain_http_204():
    server = serve()
    try:
        found = web.probe(f"http://127.0.0.1:{server.server_address[1]}/generate_204", timeout=3)
    finally:
        server.shutdown()
        server.server_close()
    assert found.ok and found.status == 204 and found.tls_ms is None


def test_refused():
    spare = socket.socket()
    spare.bind(("127.0.0.1", 0))
    port = spare.getsockname()[1]
    spare.close()
    assert web.probe(f"https://127.0.0.1:{port}/", timeout=2).error == "refused"


def test_unresolvable_name_stops_at_dns(monkeypatch):
    # A fake resolver: a real lookup would send a query to this machine's DNS server.
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(web.socket, "getaddrinfo", no_such_name)
    found = web.probe("https://no-such-host.kfield.test/", timeout=2)
    assert (found.stage, found.error) == ("dns", "dns_failed")


def test_a_server_that_never_speaks_tls_times_out_in_the_handshake():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    try:
        found = web.probe(f"https://127.0.0.1:{silent.getsockname()[1]}/", timeout=0.5)
    finally:
        silent.close()
    assert (found.stage, found.error) == ("tls", "timeout") and found.connect_ms is not None


def test_interception_is_recognised_by_issuer():
    assert web.WebProbe("u", issuer="FortiGate CA").intercepted
    assert not web.WebProbe("u", issuer="GlobalSign nv-sa").intercepted


class Tunnel:
    """A real HTTP proxy on loopback: CONNECT host:port opens a TCP tunnel (or answers ``refuse``);
    it records what it was asked."""

    def __init__(self, refuse: int | None = None):
        self.asked, self.refuse = [], refuse
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        head = b""
        while b"\r\n\r\n" not in head:
            head += conn.recv(4096)
        line = head.split(b"\r\n")[0].decode()
        self.asked.append(line)
        if self.refuse:
            conn.sendall(f"HTTP/1.1 {self.refuse} Forbidden\r\nContent-Length: 0\r\n\r\n".encode())
            conn.close()
            return
        host, port = line.split()[1].rsplit(":", 1)
        upstream = socket.create_connection(("127.0.0.1", int(port)))   # the lab's names all live here
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=pipe, args=(conn, upstream), daemon=True).start()

    def close(self):
        self.sock.close()


@pytest.mark.parametrize("https", [(["portal.kfield.test"], {})], indirect=True)
def test_https_through_a_proxy_tunnels_with_connect_and_times_each_step(ca, https):
    proxy = Tunnel()
    try:
        probe = web.probe(f"https://portal.kfield.test:{https}/", 3.0, client(ca), proxy=f"http://127.0.0.1:{proxy.port}")
    finally:
        proxy.close()
    assert probe.ok and probe.status == 200 and probe.via == f"http://127.0.0.1:{proxy.port}", probe
    assert proxy.asked == [f"CONNECT portal.kfield.test:{https} HTTP/1.1"]   # the proxy, not this PC, resolves
    assert probe.ip == "127.0.0.1" and None not in (probe.connect_ms, probe.tls_ms, probe.first_byte_ms)


def test_a_proxy_that_refuses_the_tunnel_stops_at_the_proxy_with_its_status():
    proxy = Tunnel(refuse=403)
    try:
        probe = web.probe("https://portal.kfield.test/", 3.0, proxy=f"127.0.0.1:{proxy.port}")
    finally:
        proxy.close()
    assert (probe.stage, probe.error, probe.status) == ("proxy", "proxy_status", 403), probe


def test_a_connection_reset_after_the_client_hello_is_a_reset_not_a_tls_failure():
    import struct

    listener = socket.create_server(("127.0.0.1", 0))

    def reset_after_hello():
        conn, _ = listener.accept()
        conn.recv(4096)   # the ClientHello
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()      # an RST, as a filter on the path sends

    threading.Thread(target=reset_after_hello, daemon=True).start()
    try:
        probe = web.probe(f"https://127.0.0.1:{listener.getsockname()[1]}/", 3.0)
    finally:
        listener.close()
    assert (probe.stage, probe.error) == ("tls", "reset"), probe


@pytest.mark.parametrize("environ, url, expected", [
    ({}, "https://egov.lab/", "198.18.0.8:3128"),
    ({"no_proxy": "localhost,.lab"}, "https://egov.lab/", ""),
    ({"NO_PROXY": "egov.lab"}, "https://www.egov.lab/", ""),
    ({"no_proxy": "other.lab"}, "http://egov.lab/", "198.18.0.9:8080"),
])
def test_the_proxy_a_browser_would_use_follows_scheme_and_no_proxy(environ, url, expected):
    from kfield.platform.base import Proxy

    proxies = [Proxy("env:HTTPS_PROXY", "198.18.0.8:3128"), Proxy("env:HTTP_PROXY", "198.18.0.9:8080")]
    assert web.proxy_for(url, proxies, environ) == expected


def test_windows_proxy_settings_apply_when_the_environment_names_none():
    from kfield.platform.base import Proxy

    found = [Proxy("winhttp", "198.18.7.9:8080"), Proxy("wininet", "198.18.7.8:3128"), Proxy("wininet:pac", "http://x/p.pac")]
    assert web.proxy_for("https://dichvucong.gov.vn/", found, {}) == "198.18.7.8:3128"
    assert web.proxy_for("https://dichvucong.gov.vn/", [Proxy("wininet:pac", "http://x/p.pac")], {}) == ""


class Broken(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        if self.path.startswith("/cut"):
            self.send_response(200)
            self.send_header("Content-Length", "200000")
            self.end_headers()
            self.wfile.write(b"k" * 40_000)
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_response(302)
        self.send_header("Location", "/b" if self.path.startswith("/a") else "/a")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_page_cut_short_and_a_redirect_loop_are_failures_as_a_browser_sees_them():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        cut = web.probe(f"http://127.0.0.1:{port}/cut", 3.0)
        loop = web.probe(f"http://127.0.0.1:{port}/a", 3.0)
    finally:
        server.shutdown()
        server.server_close()
    assert (cut.stage, cut.error, cut.ok) == ("http", "http_failed", False), cut
    assert (loop.stage, loop.error, loop.status, loop.ok) == ("http", "redirect_loop", 302, False), loop


def test_the_servers_date_header_gives_this_pcs_clock_skew():
    import email.utils
    import time as clock

    ahead = email.utils.formatdate(clock.time() + 86400 * 400, usegmt=True)
    assert abs(web._skew(ahead) - 86400 * 400) < 5
    assert web._skew(None) is None and web._skew("not a date") is None
