"""kfield.net.pipeline: ARP frames, the wait derived from round trips, and the loop on loopback."""

import socket
import threading

import pytest

from kfield.net import pipeline


def test_arp_request_is_rfc826_broadcast():
    frame = pipeline.arp_request(bytes.fromhex("02aabbccddee"), socket.inet_aton("198.18.0.100"),
                                 socket.inet_aton("198.18.0.7"))
    assert len(frame) == 42 and frame[:6] == b"\xff" * 6 and frame[12:14] == b"\x08\x06"
    assert frame[20:22] == b"\x00\x01" and frame[38:42] == socket.inet_aton("198.18.0.7")


def test_arp_reply_parsed_and_others_ignored():
    request = pipeline.arp_request(bytes.fromhex("0014223344ff"), socket.inet_aton("198.18.0.9"),
                                   socket.inet_aton("198.18.0.100"))
    reply = request[:20] + b"\x00\x02" + request[22:]
    assert pipeline.arp_reply(reply) == ("198.18.0.9", "00:14:22:33:44:ff")
    assert pipeline.arp_reply(request) is None and pipeline.arp_reply(b"\x00" * 10) is None


class Listed:
    """A discovery source that names hosts at once (the loop's own logic under test)."""

    def __init__(self, hosts):
        self.hosts, self.given = hosts, False

    def start(self, selector):
        pass

    def read(self):
        return []

    def poll(self):
        if self.given:
            return []
        self.given = True
        return [(ip, "02:00:00:00:00:01", 0.001, True) for ip in self.hosts]

    def done(self):
        return self.given

    def close(self):
        pass


def test_loop_finds_open_and_closed_ports_on_loopback():
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    threading.Thread(target=lambda: listener.accept(), daemon=True).start()
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        closed = spare.getsockname()[1]
    try:
        found = pipeline.Pipeline(Listed(["127.0.0.1"]), (port, closed), names=False).run()
    finally:
        listener.close()
    assert found["127.0.0.1"].ports == {port}


@pytest.mark.parametrize("rtt, seen, expected", [(0.001, [], 0.25), (0.05, [], 0.5), (1.0, [], 0.8),
                                                  (None, [], 0.8), (None, [0.002, 0.004], 0.25)])
def test_wait_follows_the_round_trips(rtt, seen, expected):
    flow = pipeline.Pipeline(Listed([]), (), names=False)
    flow.rtts = seen
    assert flow._wait(rtt) == pytest.approx(expected)
