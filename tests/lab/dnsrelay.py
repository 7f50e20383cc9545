"""A resolver that misbehaves, in front of a real one (UDP):
`python dnsrelay.py LISTEN_IP:PORT UPSTREAM_IP:PORT MODE [ARGS]`, MODE one of
  delay MIN_MS MAX_MS   forward every question and hold each answer MIN..MAX ms (a slow resolver)
  refuse                answer every question REFUSED at once
  servfail              answer every question SERVFAIL at once
Prints "ready" once it listens.
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
    main(*sys.argv[1:])
