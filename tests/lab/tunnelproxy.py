"""A web proxy for the lab: `python tunnelproxy.py IP:PORT [STATUS]`. HTTPS through CONNECT
tunnels, plain HTTP by absolute URL; the proxy resolves names itself (the namespace's resolver),
as an office proxy does. With STATUS (e.g. 502) it answers every request with that error, as a
proxy whose own way out is broken. Prints "ready" once it listens.
"""

import socket
import sys
import threading
from urllib.parse import urlsplit


def pump(src, dst):
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def handle(conn, refuse):
    head = b""
    while b"\r\n\r\n" not in head and len(head) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            conn.close()
            return
        head += chunk
    method, target, _ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
    if refuse:
        conn.sendall(f"HTTP/1.1 {refuse} Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
        conn.close()
        return
    try:
        if method == "CONNECT":
            host, port = target.rsplit(":", 1)
            upstream = socket.create_connection((host, int(port)), timeout=5)
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:
            parts = urlsplit(target)
            upstream = socket.create_connection((parts.hostname, parts.port or 80), timeout=5)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            upstream.sendall(head.replace(target.encode("latin-1"), path.encode("latin-1"), 1))
    except OSError:
        conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        conn.close()
        return
    upstream.settimeout(None)
    for a, b in ((conn, upstream), (upstream, conn)):
        threading.Thread(target=pump, args=(a, b), daemon=True).start()


def main():
    ip, port = sys.argv[1].rsplit(":", 1)
    refuse = sys.argv[2] if len(sys.argv) > 2 else ""
    server = socket.create_server((ip, int(port)))
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=handle, args=(conn, refuse), daemon=True).start()


if __name__ == "__main__":
    main()
