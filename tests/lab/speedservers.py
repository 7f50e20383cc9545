"""The lab's public speed-test servers: `python speedservers.py SPEC...`, each SPEC one of
  cloudflare:IP:PORT:CERT:KEY  HTTPS like speed.cloudflare.com: GET /__down?bytes=N → N bytes
                               (application/octet-stream), POST /__up → 200 with an empty body
  ookla:IP:PORT                HTTP like an OoklaServer: GET /hello → "hello …", GET /download?size=N
                               → N bytes, POST /upload → "size=N"
Prints "ready" once every server listens. Bytes are random, so nothing on the way can compress them.
"""

import http.server
import os
import socket
import ssl
import sys
import threading
from urllib.parse import parse_qs, urlsplit

RANDOM = os.urandom(1 << 20)
LIMIT = 1 << 30


def handler(kind: str):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_GET(self):  # noqa: N802
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            if kind == "cloudflare" and parts.path == "/__down":
                return self.stream(self.size(query.get("bytes", ["0"])[0]))
            if kind == "ookla" and parts.path == "/download":
                return self.stream(self.size(query.get("size", ["0"])[0]))
            if kind == "ookla" and parts.path == "/hello":
                return self.reply(200, b"hello 2.11 (2.11.5) 2024-01-01.0000.lab\n")
            return self.reply(404, b"Not Found\n")

        def do_POST(self):  # noqa: N802
            path = urlsplit(self.path).path
            if (kind, path) not in (("cloudflare", "/__up"), ("ookla", "/upload")):
                return self.reply(404, b"Not Found\n")
            got, length = 0, self.size(self.headers.get("Content-Length", "0"))
            while got < length:
                chunk = self.rfile.read1(min(1 << 16, length - got))
                if not chunk:
                    self.close_connection = True
                    return
                got += len(chunk)
            self.reply(200, b"" if kind == "cloudflare" else f"size={got}\n".encode())

        @staticmethod
        def size(text: str) -> int:
            return min(int(text), LIMIT) if text.isdigit() else 0

        def stream(self, total: int) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(total))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            view = memoryview(RANDOM)
            try:
                while total > 0:
                    piece = min(total, len(RANDOM))
                    self.wfile.write(view[:piece])
                    total -= piece
            except OSError:
                self.close_connection = True

        def reply(self, code: int, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128   # a client opens many connections at once, as real servers allow
    tls: ssl.SSLContext | None = None

    def get_request(self):
        sock, address = super().get_request()
        if self.tls is not None:   # the handshake happens in the handler's thread, not here
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (OSError, ssl.SSLError)):
            super().handle_error(request, client_address)


def start(spec: str) -> None:
    kind, ip, port, *tls = spec.split(":")
    server = Server((ip, int(port)), handler(kind))
    server.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if tls:
        server.tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server.tls.load_cert_chain(tls[0], tls[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()


if __name__ == "__main__":
    for spec in sys.argv[1:]:
        start(spec)
    print("ready", flush=True)
    threading.Event().wait()
