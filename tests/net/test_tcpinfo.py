"""kfield.net.tcpinfo: Linux TCP_INFO counters, on a real loopback connection."""

import socket
import sys
import time

import pytest

from kfield.net import tcpinfo


def test_short_replies_are_none():
    assert tcpinfo.parse(b"\0" * 100) is None


@pytest.mark.skipif(sys.platform != "linux", reason="TCP_INFO byte counters are Linux's")
def test_counts_what_the_peer_acknowledged_and_received():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        sender = socket.create_connection(listener.getsockname())
        receiver, _ = listener.accept()
        with sender, receiver:
            sender.sendall(b"k" * 300_000)
            got = 0
            while got < 300_000:
                got += len(receiver.recv(65536))
            time.sleep(0.05)   # the last ACK
            sent, received = tcpinfo.read(sender), tcpinfo.read(receiver)
    assert sent.bytes_acked - 1 == 300_000 and sent.bytes_sent == 300_000   # the SYN counts one
    assert received.bytes_received == 300_000 and received.data_segs_in > 0
    assert received.arrived >= 300_000 * 0.9 and sent.reached_peer > 0


def test_a_closed_socket_reads_as_none():
    sock = socket.socket()
    sock.close()
    assert tcpinfo.read(sock) is None
