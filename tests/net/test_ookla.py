"""kfield.net.ookla: the Speedtest.net configuration and server list, and the choice of server
(against real HTTP servers on loopback)."""

import http.server
import socket
import threading
import time

import pytest

from kfield.core.errors import KfieldError
from kfield.net import ookla
from tests.lab.speedservers import handler

# In the shape of speedtest.net's speedtest-config.php and speedtest-servers-static.php (the elements
# and attributes speedtest-cli 2.1.3 reads); the values are made up, the coordinates are the towns'.
CONFIG = (b'<?xml version="1.0" encoding="UTF-8"?><settings><client ip="203.0.113.7" lat="12.2451" '
          b'lon="109.1943" isp="VNPT" isprating="3.7" rating="0" ispdlavg="0" ispulavg="0" loggedin="0" '
          b'country="VN" /><server-config threadcount="4" ignoreids="" /></settings>')
SERVERS = (b'<?xml version="1.0" encoding="UTF-8"?><settings><servers>'
           b'<server url="http://hn.example.vn:8080/speedtest/upload.php" lat="21.0333" lon="105.8500" '
           b'name="Hanoi" country="Vietnam" cc="VN" sponsor="ISP B" id="9903" host="hn.example.vn:8080" />'
           b'<server url="http://nt.example.vn:8080/speedtest/upload.php" lat="12.2500" lon="109.1833" '
           b'name="Nha Trang" country="Vietnam" cc="VN" sponsor="ISP A" id="9174" host="nt.example.vn:8080" />'
           b'<server url="http://broken/" lat="north" lon="1" name="x" host="broken:8080" />'
           b'<server url="http://sg.example.sg:8080/speedtest/upload.php" lat="1.2930" lon="103.8558" '
           b'name="Singapore" country="Singapore" cc="SG" sponsor="ISP C" id="7311" host="sg.example.sg:8080" />'
           b'</servers></settings>')


def test_config_gives_where_the_client_is():
    assert ookla.parse_config(CONFIG) == (12.2451, 109.1943)
    with pytest.raises(ValueError):
        ookla.parse_config(b"<settings/>")


def test_servers_skip_a_malformed_entry_and_sort_by_distance():
    servers = ookla.parse_servers(SERVERS)
    assert [s.host for s in servers] == ["hn.example.vn:8080", "nt.example.vn:8080", "sg.example.sg:8080"]
    nearest = ookla.nearest(servers, (12.2451, 109.1943), count=2)
    assert [s.name for s in nearest] == ["ISP A, Nha Trang", "ISP B, Hanoi"]


def test_distance_nha_trang_to_hanoi():
    assert ookla.distance_km((12.2451, 109.1943), (21.0333, 105.85)) == pytest.approx(1040, rel=0.03)


def test_target_uses_ooklaservers_http_endpoints():
    target = ookla.named("nt.example.vn:8080")
    assert target.down.startswith("http://nt.example.vn:8080/download?nocache=") and target.down.endswith("size={size}")
    assert target.up.startswith("http://nt.example.vn:8080/upload") and target.ping == "http://nt.example.vn:8080/hello"


# The choice of server: real OoklaServer-like HTTP servers on loopback (tests/lab/speedservers.py's
# handler; one answers /hello only after a delay), one that accepts and never answers, one refused.


def _serve(delay: float = 0.0) -> str:
    class Slow(handler("ookla")):
        def do_GET(self):  # noqa: N802
            time.sleep(delay)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def fast():
    return _serve()


@pytest.fixture(scope="module")
def slow():
    return _serve(0.15)


@pytest.fixture
def silent():
    listener = socket.create_server(("127.0.0.1", 0))   # the kernel accepts; nobody ever answers
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def _server(host_port: str) -> ookla.Server:
    return ookla.Server(host_port, host_port, 0.0, 0.0)


def test_the_fastest_to_answer_hello_is_chosen_and_its_connection_kept(fast, slow):
    chosen, warm = ookla._race([_server(slow), _server(fast)], timeout=10.0, limit=5.0)
    try:
        # the second probe may come after the grace (loopback: microseconds): the measurement then pings more
        assert chosen.server == fast and 1 <= len(warm.pings) <= ookla.PROBES and max(warm.pings) < 100
        assert warm.client.ping_ms(warm.conn) < 100   # the kept connection goes on working
    finally:
        warm.conn.close()


def test_a_silent_server_costs_a_short_grace_not_the_timeout(fast, silent):
    started = time.monotonic()
    chosen, warm = ookla._race([_server(silent), _server(fast)], timeout=10.0, limit=5.0)
    warm.conn.close()
    assert chosen.server == fast and time.monotonic() - started < 1.0


def test_slower_only_answers_are_still_chosen_after_the_grace(slow, silent):
    chosen, warm = ookla._race([_server(silent), _server(slow)], timeout=10.0, limit=5.0)
    warm.conn.close()
    assert chosen.server == slow and min(warm.pings) >= 150


def test_no_server_answering_is_the_domain_error(silent):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        refused = f"127.0.0.1:{unused.getsockname()[1]}"   # bound, not listening: refused
        started = time.monotonic()
        with pytest.raises(KfieldError) as caught:
            ookla._race([_server(refused), _server(silent)], timeout=10.0, limit=0.5)
    assert caught.value.message.key == "speed.ookla.no_server" and time.monotonic() - started < 2.0


def test_a_server_that_stalls_mid_answer_is_left_out_without_a_traceback(monkeypatch):
    crashed = []
    monkeypatch.setattr(threading, "excepthook", crashed.append)
    listener = socket.create_server(("127.0.0.1", 0))

    def stall() -> None:   # the headers promise 100 bytes that never come
        conn, _ = listener.accept()
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhel")

    for _ in range(ookla.PROBES):
        threading.Thread(target=stall, daemon=True).start()
    try:
        with pytest.raises(KfieldError):
            ookla._race([_server(f"127.0.0.1:{listener.getsockname()[1]}")], timeout=10.0, limit=0.5)
    finally:
        listener.close()
    assert crashed == []
