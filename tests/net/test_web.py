"""kfield.net.web against real HTTP(S) servers on loopback with a test CA (trustme)."""

import datetime as dt
import http.server
import socket
import ssl
import threading

import pytest

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
