import socket

from kfield.net import probe


def test_ping_statistics():
    p = probe.Ping("x", "tcp", 4, 3, (1.0, 3.0, 2.0))
    assert (p.alive, p.loss_percent, p.rtt_ms, p.jitter_ms) == (True, 25.0, 2.0, 1.5)
    assert probe.Ping("x", "icmp", 3, 0).rtt_ms is None and probe.Ping("x", "icmp", 0, 0).loss_percent == 100.0


def test_tcp_state_open_and_closed_on_loopback():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    try:
        assert probe.tcp_state("127.0.0.1", server.getsockname()[1])[0] == "open"
    finally:
        server.close()
    spare = socket.socket()
    spare.bind(("127.0.0.1", 0))
    port = spare.getsockname()[1]
    spare.close()
    assert probe.tcp_state("127.0.0.1", port)[0] == "closed"


def test_tcp_ping_counts_a_refusal_as_alive():
    spare = socket.socket()
    spare.bind(("127.0.0.1", 0))
    port = spare.getsockname()[1]
    spare.close()
    answer = probe.tcp_ping("127.0.0.1", 3, 1.0, ports=(port,))
    assert answer.method == "tcp" and answer.received == 3 and answer.rtt_ms is not None


def test_first_returns_the_first_good_answer_without_waiting_for_slow_ones():
    import time

    started = time.monotonic()
    found = probe.first([lambda: time.sleep(3) or "slow", lambda: "bad", lambda: time.sleep(0.05) or "good"],
                        lambda answer: answer == "good", timeout=5)
    assert found == "good" and time.monotonic() - started < 1.5


def test_first_is_none_when_nothing_good_comes_in_time_and_a_crash_is_no_answer():
    import time

    assert probe.first([lambda: 1 / 0, lambda: "bad"], lambda answer: answer == "good", timeout=1) is None
    started = time.monotonic()
    assert probe.first([lambda: time.sleep(3)], lambda answer: True, timeout=0.2) is None
    assert time.monotonic() - started < 1


def test_all_at_once_keeps_the_order_and_runs_together():
    import time

    started = time.monotonic()
    assert probe.all_at_once(lambda n: time.sleep(0.3) or n * 2, [1, 2, 3, 4]) == [2, 4, 6, 8]
    assert time.monotonic() - started < 1.0


def test_ipv6_reach_tells_a_refusal_from_no_ipv6_at_all():
    import socket as sockets

    from kfield.net import probe

    try:
        with sockets.socket(sockets.AF_INET6, sockets.SOCK_STREAM) as s:
            s.bind(("::1", 0))
            port = s.getsockname()[1]   # bound, not listening: a connection is refused
    except OSError:
        pytest.skip("no IPv6 loopback here")
    assert probe.ipv6_reach("::1", port, 1.0) == "open"
    assert probe.ipv6_reach("127.0.0.1", 443, 1.0) == "none"   # no AAAA for an IPv4 literal


def test_handshakes_mixing_refusals_and_silence_are_flagged_not_loss():
    refused = probe.handshakes("x", [("closed", 0.001)] * 6 + [("timeout", 1.0)] * 4)
    assert (refused.received, refused.refusals_only) == (6, True)
    accepted = probe.handshakes("x", [("open", 0.002)] * 6 + [("timeout", 1.0)] * 4)
    assert (accepted.loss_percent, accepted.refusals_only) == (40.0, False)
    assert not probe.handshakes("x", [("closed", 0.001)] * 10).refusals_only   # every one refused: no gap
