"""`net speed`'s loaded latency in words, and the byte cap's own count (kfield.net.wire.Budget) on a
real loopback TCP connection."""

import json
import socket
import threading
import types

import pytest

from kfield.formats import speed
from kfield.net import wire


def result(idle=20.0, down=35.0, up=260.0, stopped=()):
    return wire.NetSpeedResult("speed.cloudflare.com", "cloudflare", 19.1, 0.48, idle, down, 2.5, up,
                               4_000_000, 300_000, 4, "tcp_info", 9.1, 5_100_000, stopped)


@pytest.mark.parametrize("increase, effect", [(0, "fine"), (30, "fine"), (30.1, "lag"), (100, "lag"),
                                              (100.1, "stutter"), (None, None)])
def test_what_an_increase_means_for_a_call(increase, effect):
    assert wire.load_effect(increase) == effect


def test_a_thin_uplinks_queue_reads_as_calls_stuttering_while_someone_uploads():
    vi, en = speed.render(result(), "console", "vi"), speed.render(result(), "console", "en")
    assert "Cuộc gọi sẽ bị giật khi có người đang tải lên (độ trễ tăng 240.0 ms" in vi
    assert "Calls will stutter while someone uploads (latency up 240.0 ms" in en
    assert "20.0 ms khi rảnh" in vi and "35.0 ms khi đang tải xuống" in vi and "260.0 ms khi đang tải lên" in vi
    assert "_" not in vi.replace("--max-mb", "")   # no catalogue key or code on screen


def test_both_ways_and_fine():
    both = speed.render(result(down=250, up=260), "console", "en")
    assert "while someone downloads or uploads" in both
    fine = speed.render(result(down=25, up=30), "console", "vi")
    assert "Gọi video vẫn mượt" in fine


def test_json_keeps_the_numbers_and_codes():
    data = json.loads(speed.render(result(stopped=("budget",)), "json", "en"))
    body = data.get("data", data)
    assert body["latency_increase_ms"] == {"down": 15.0, "up": 240.0}
    assert body["load_effect"] == {"down": "fine", "up": "stutter"}
    assert body["stopped_by"] == ["budget"] and body["wire_bytes"] == 5_100_000


def test_a_direction_stopped_early_says_so():
    out = speed.render(result(stopped=("budget",)), "console", "en")
    assert "the byte cap (--max-mb) was near" in out


@pytest.fixture()
def connection():
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(server.getsockname())
    peer, _ = server.accept()
    yield client, peer
    for sock in (client, peer, server):
        sock.close()


def read(sock, count: int) -> None:
    while count > 0:
        count -= len(sock.recv(1 << 20))


@pytest.mark.skipif(not wire.kernel_counts(), reason="no TCP_INFO byte counters on this system")
def test_the_budget_counts_what_crossed_both_ways_with_headers(connection):
    client, peer = connection
    budget = wire.Budget(cap=3_000_000, kernel=True, rtt=0.01)
    budget.watch(types.SimpleNamespace(sock=client))
    reader = threading.Thread(target=read, args=(peer, 1_000_000), daemon=True)
    reader.start()
    client.sendall(b"x" * 1_000_000)
    reader.join(10)   # all of it transmitted (and received), not only handed to the socket buffer
    peer.sendall(b"y" * 200_000)
    read(client, 200_000)
    spent = budget.spent()
    assert 1_200_000 + wire.FIXED < spent < 1_200_000 * 1.2 + wire.FIXED
    assert not budget.exhausted()
    assert wire.Budget(cap=1_000_000, kernel=True, rtt=0.01).exhausted() is False   # nothing watched yet
    small = wire.Budget(cap=1_200_000, kernel=True, rtt=0.01)
    small.watch(types.SimpleNamespace(sock=client))
    assert small.exhausted()


def test_without_the_kernels_counters_the_shares_alone_hold_it():
    budget = wire.Budget(cap=1, kernel=False, rtt=0.01)
    assert not budget.exhausted() and budget.left() == 1


def test_an_idle_ping_that_waited_for_a_retransmission_is_loss_not_latency():
    assert wire._idle([241.0, 243.5, 452.0, 1240.0, 242.0]) == [241.0, 243.5, 242.0]
    assert wire._idle([600.0, 601.0, 779.0]) == [600.0, 601.0, 779.0]   # under 180 ms slower: jitter
    assert wire._idle([]) == []


def test_a_direction_ends_by_its_seconds_or_earlier_for_the_goal():
    clock = lambda: 100.0  # noqa: E731
    assert wire._until(clock, 6.0, 110.0) == (106.0, False)
    assert wire._until(clock, 6.0, 103.0) == (103.0, True)
