"""A resolver that misbehaves, in front of a real one (UDP):
`python dnsrelay.py LISTEN_IP:PORT UPSTREAM_IP:PORT MODE [ARGS]`, MODE one of
  delay MIN_MS MAX_MS   forward every question and hold each answer MIN..MAX ms (a slow resolver)
  refuse                answer every question REFUSED at once
  servfail              answer every question SERVFAIL at once
Prints "ready" once it listens. `python dnsrelay.py ask SERVER NAME` asks SERVER for NAME's A
record once: exit 0 when an answer with an address comes within 1 s, 3 for an answer without one
(NXDOMAIN, REFUSED…), 1 for silence (the lab's readiness probe).
"""

import random
import socket
import sys
import threading
import time

RCODES = {"refuse": 5, "servfail": 2}


def answer_with(query: bytes, rcode: int) -> bytes:
    """The question sent back with QR and RA set and ``rcode``, no answer records."""
    flags = int.from_bytes(query[2:4], "big") & 0x7900   # keep the opcode and RD
    return query[:2] + (0x8080 | flags | rcode).to_bytes(2, "big") + query[4:6] + b"\0\0\0\0" + query[10:]


def held(server: socket.socket, query: bytes, client, upstream, hold_s: float) -> None:
    started = time.monotonic()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as ask:
        ask.settimeout(3.0)
        ask.sendto(query, upstream)
        try:
            reply = ask.recv(65535)
        except OSError:
            return
    time.sleep(max(0.0, hold_s - (time.monotonic() - started)))
    server.sendto(reply, client)


def ask(server: str, name: str) -> int:
    labels = b"".join(bytes([len(part)]) + part.encode() for part in name.split(".") if part) + b"\0"
    query = b"\x4b\x46\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + labels + b"\x00\x01\x00\x01"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(1.0)
        sock.sendto(query, (server, 53))
        try:
            reply = sock.recv(512)
        except OSError:
            return 1
    if reply[:2] != query[:2]:
        return 1
    return 0 if reply[3] & 0x0F == 0 and reply[6:8] != b"\0\0" else 3


def main(listen: str, upstream: str, mode: str, *args: str) -> None:
    host, port = listen.rsplit(":", 1)
    up_host, up_port = upstream.rsplit(":", 1)
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind((host, int(port)))
    print("ready", flush=True)
    while True:
        query, client = server.recvfrom(65535)
        if len(query) < 12:
            continue
        if mode in RCODES:
            server.sendto(answer_with(query, RCODES[mode]), client)
            continue
        hold_s = random.uniform(float(args[0]), float(args[1])) / 1000
        threading.Thread(target=held, args=(server, query, client, (up_host, int(up_port)), hold_s),
                         daemon=True).start()


if __name__ == "__main__":
    sys.exit(ask(*sys.argv[2:]) if sys.argv[1] == "ask" else main(*sys.argv[1:]))
