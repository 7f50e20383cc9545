"""A wire with delay and loss between two interfaces of one namespace (no netem here).

`python relay.py IF_A IF_B DELAY_MS [LOSS_PERCENT [PREFIX]]` forwards every frame from one
interface to the other after DELAY_MS, dropping LOSS_PERCENT of them at random; with PREFIX
(an IPv4 network such as 198.19.2.0/24) only IPv4 frames from or to it are held and dropped,
every other frame passes at once (international links degraded, domestic ones fine).
AF_PACKET sockets; the lab turns offloads off so frames arrive as they are on the wire.
Prints "ready" once both sockets are bound.
"""

import heapq
import ipaddress
import random
import select
import socket
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def open_raw(name: str) -> socket.socket:
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.bind((name, 0))
    sock.setblocking(False)
    return sock


def matcher(prefix: str | None):
    """Whether a frame is one the relay holds: every frame, or IPv4 from/to ``prefix``."""
    if not prefix:
        return lambda frame: True
    net = ipaddress.ip_network(prefix)

    def matches(frame: bytes) -> bool:
        if frame[12:14] != b"\x08\x00" or len(frame) < 34:
            return False
        return any(ipaddress.IPv4Address(frame[i:i + 4]) in net for i in (26, 30))
    return matches


def main(if_a: str, if_b: str, delay_ms: float, loss: float = 0.0, prefix: str | None = None) -> None:
    a, b = open_raw(if_a), open_raw(if_b)
    held = matcher(prefix)
    other = {a: b, b: a}
    queue: list[tuple[float, int, socket.socket, bytes]] = []
    serial = 0
    print("ready", flush=True)
    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else 1.0
        readable, _, _ = select.select([a, b], [], [], timeout)
        for sock in readable:
            while True:
                try:
                    frame, address = sock.recvfrom(65535)
                except BlockingIOError:
                    break
                if address[2] == PACKET_OUTGOING:
                    continue  # our own transmissions come back on AF_PACKET; skip them
                hold = held(frame)
                if hold and random.random() * 100 < loss:
                    continue
                serial += 1
                heapq.heappush(queue, (time.monotonic() + (delay_ms / 1000 if hold else 0), serial, other[sock], frame))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, target, frame = heapq.heappop(queue)
            try:
                target.send(frame)
            except OSError:
                pass


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 0.0,
         sys.argv[5] if len(sys.argv) > 5 else None)
