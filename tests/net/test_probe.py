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
