"""A DNS relay that holds every answer: `python slowdns.py LISTEN_IP:PORT UPSTREAM_IP:PORT DELAY_MS`
(a router whose resolver answers each question late). Each question is forwarded at once; its
answer goes back DELAY_MS later. Prints "ready" once it listens.
"""

import socket
import sys
import threading


def main():
    listen_ip, listen_port = sys.argv[1].rsplit(":", 1)
    up_ip, up_port = sys.argv[2].rsplit(":", 1)
    delay = float(sys.argv[3]) / 1000
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind((listen_ip, int(listen_port)))
    print("ready", flush=True)
    while True:
        query, client = server.recvfrom(4096)
        threading.Thread(target=answer, args=(server, query, client, (up_ip, int(up_port)), delay), daemon=True).start()


def answer(server, query, client, upstream, delay):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as ask:
        ask.settimeout(5)
        try:
            ask.sendto(query, upstream)
            reply, _ = ask.recvfrom(4096)
        except OSError:
            return
    threading.Timer(delay, server.sendto, args=(reply, client)).start()


if __name__ == "__main__":
    main()
