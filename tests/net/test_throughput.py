"""kfield.net.throughput on loopback: the server's rules and the client's arithmetic."""

import http.client
import threading

import pytest

from kfield.core.errors import KfieldError
from kfield.net import throughput as tp


@pytest.fixture(scope="module")
def server():
    srv = tp.ThroughputServer("127.0.0.1", 0, "s3cret")
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def get(port, path, token="s3cret", method="GET", body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    headers = {"X-Kfield-Token": token} if token else {}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def test_wrong_or_missing_token_gets_403_and_no_bytes(server):
    assert get(server, "/kfield/down?bytes=1000", token="nope") == (403, b"forbidden")
    assert get(server, "/kfield/down?bytes=1000", token=None)[0] == 403
    assert get(server, "/kfield/ping?token=s3cret", token=None) == (200, b"pong")


def test_download_sends_exactly_the_bytes_asked(server):
    status, data = get(server, "/kfield/down?bytes=3000000")
    assert status == 200 and len(data) == 3_000_000


@pytest.mark.parametrize("query", ["bytes=0", "bytes=-5", "bytes=abc", "bytes=2000000000", ""])
def test_nonsense_sizes_are_refused(server, query):
    assert get(server, f"/kfield/down?{query}")[0] == 400


def test_upload_counts_what_arrived_and_unknown_paths_are_404(server):
    assert get(server, "/kfield/up", method="POST", body=b"x" * 123_456) == (200, b"123456")
    assert get(server, "/kfield/elsewhere")[0] == 404


def test_measure_on_loopback_moves_bytes_both_ways(server):
    result = tp.measure("127.0.0.1", server, "s3cret", seconds=1.0, streams=2, max_bytes=64 << 20)
    assert result.bytes_down > 0 and result.bytes_up > 0 and result.down_mbps > 0 and result.up_mbps > 0
    assert result.bytes_down <= 64 << 20 and result.idle_latency_ms is not None


def test_measure_with_a_wrong_token_is_one_clear_error(server):
    with pytest.raises(KfieldError) as caught:
        tp.measure("127.0.0.1", server, "wrong", seconds=1.0)
    assert caught.value.message.key == "speed.bad_token"


def test_steady_rate_skips_the_warm_up():
    # 1 MB/s for the first second (slow start), then 2 MB/s for four seconds
    samples = [(t / 10, int(min(t, 10) * 100_000 + max(0, t - 10) * 200_000)) for t in range(51)]
    assert tp.steady_mbps(samples) == pytest.approx(16.0, rel=0.01)
    assert tp.steady_mbps([(0.0, 0)]) == 0.0


def test_request_sizes_grow_only_while_requests_are_quick():
    assert tp._next_size(64 << 10, 0.01) == 128 << 10
    assert tp._next_size(64 << 10, 1.0) == 64 << 10
    assert tp._next_size(tp.MAX_CHUNK, 0.01) == tp.MAX_CHUNK


def test_the_byte_budget_is_shared_and_never_overdrawn():
    budget = tp.Budget(100)
    assert (budget.take(60), budget.take(60), budget.take(60)) == (60, 40, 0)
    budget.give_back(15)
    assert budget.take(100) == 15


def test_pings_do_not_count_the_one_that_opens_the_connection():
    class Conn:
        closed = False

        def close(self):
            self.closed = True

    class FakeClient:
        endpoints = tp.Endpoints.peer("127.0.0.1", 1, "t")
        conn = Conn()
        times = iter([250.0, 1.0, 2.0, 3.0])

        def connection(self, url):
            return self.conn

        def ping_ms(self, conn):
            return next(self.times)

    client = FakeClient()
    assert tp._pings(client, 3, 0) == [1.0, 2.0, 3.0] and client.conn.closed
