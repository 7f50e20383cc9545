"""The office's forward proxy: `python proxy.py IP:PORT [open|auth|STATUS]`.

open: CONNECT host:port tunnels (HTTPS) and absolute-URI requests (plain HTTP) are carried out
      for the client, as Squid does for an office whose router forwards nothing else;
auth: every request gets 407 Proxy Authentication Required (a proxy that wants a login);
STATUS (e.g. 502): every request gets that error, as from a proxy whose own way out is broken.
Names are resolved through the namespace's own /etc/resolv.conf. Prints "ready" once it listens.
"""

import http.client
import http.server
import select
import socket
import sys
import threading
import urllib.parse


def handler(mode: str):
    class Proxy(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_CONNECT(self):  # noqa: N802
            if self.refused():
                return
            host, _, port = self.path.rpartition(":")
            try:
                upstream = socket.create_connection((host, int(port)), timeout=5)
            except OSError:
                return self.reply(502, b"cannot reach " + host.encode())
            self.send_response(200, "Connection established")
            self.end_headers()
            self.close_connection = True
            pipe(self.connection, upstream)

        def do_GET(self):  # noqa: N802
            if self.refused():
                return
            url = urllib.parse.urlsplit(self.path)
            if not url.hostname:
                return self.reply(400, b"not a proxy request")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "connection")}
            try:
                conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=5)
                path = (url.path or "/") + (f"?{url.query}" if url.query else "")
                conn.request(self.command, path, body, headers)
                answer = conn.getresponse()
                data = answer.read()
            except OSError:
                return self.reply(502, b"cannot reach " + url.hostname.encode())
            extra = {k: v for k, v in answer.getheaders() if k.lower() not in ("content-length", "connection",
                                                                              "transfer-encoding")}
            self.reply(answer.status, data, extra)

        do_POST = do_HEAD = do_GET  # noqa: N815

        def refused(self) -> bool:
            if mode == "auth":
                self.reply(407, b"login required", {"Proxy-Authenticate": 'Basic realm="office"'})
            elif mode.isdigit():
                self.close_connection = True
                self.reply(int(mode), b"the proxy's own way out is broken")
            return mode != "open"

        def reply(self, code, body, headers=None):
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Proxy


def pipe(a: socket.socket, b: socket.socket) -> None:
    sockets = [a, b]
    try:
        while True:
            readable, _, _ = select.select(sockets, [], [], 30)
            if not readable:
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (b if sock is a else a).sendall(data)
    except OSError:
        return
    finally:
        a.close()
        b.close()


if __name__ == "__main__":
    ip, port = sys.argv[1].rsplit(":", 1)
    server = http.server.ThreadingHTTPServer((ip, int(port)), handler(sys.argv[2] if len(sys.argv) > 2 else "open"))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("ready", flush=True)
    threading.Event().wait()
