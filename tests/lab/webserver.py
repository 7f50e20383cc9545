"""The lab's web servers: `python webserver.py SPEC...`, each SPEC one of
  page:IP:PORT:CERT:KEY     HTTPS, 200 with a small page; /big returns 200 kB
  204:IP:PORT               HTTP, /generate_204 → 204, anything else 404
  ok:IP:PORT                HTTP, 200 to anything
  tsa:IP:PORT               HTTP, a real RFC 3161 timestamp authority (tests/lab/signlab.py's CA) on POST
  captive:IP:PORT[:CERT:KEY] 302 to http://portal.login/ for everything (HTTPS when a cert is given)
  mini:IP:PORT              a Speedtest "mini" server (speedtest-cli --mini): random{N}x{N}.jpg,
                            upload.php, latency.txt under /speedtest/
  stconfig:IP:PORT          www.speedtest.net's speedtest-config.php, which speedtest-cli fetches first
  e500|e502|e503:IP:PORT:CERT:KEY  HTTPS, that HTTP error to everything (a portal's broken back end)
  hang:IP:PORT:CERT:KEY     HTTPS handshake completes, then no answer ever comes
  partial:IP:PORT:CERT:KEY  200 announcing 200 kB, the connection cut after 40 kB of the body
  loop:IP:PORT:CERT:KEY     302 from /a to /b and back, forever (a redirect loop)
  slow:IP:PORT:CERT:KEY     the page, after 8 s of silence (a very slow first byte)
Prints "ready" once every server listens.
"""

import http.server
import ssl
import sys
import threading

BIG = b"k" * 200_000
RANDOM = __import__("os").urandom(1 << 20)
ST_CONFIG = (b'<?xml version="1.0" encoding="UTF-8"?><settings>'
             b'<client ip="198.18.0.100" lat="12.25" lon="109.19" isp="kfield lab" isprating="3.7" rating="0" '
             b'ispdlavg="0" ispulavg="0" loggedin="0" country="VN"/>'
             b'<server-config threadcount="4" ignoreids="" notonmap="" forcepingid="" preferredserverid=""/>'
             b'<download testlength="10" initialtest="250K" mintestsize="250K" threadsperurl="4"/>'
             b'<upload testlength="10" ratio="5" initialtest="0" mintestsize="32K" threads="2" maxchunksize="512K" '
             b'maxchunkcount="50" threadsperurl="4"/></settings>')
# speedtest-servers-static.php: the lab's OoklaServers (tests/lab/speedservers.py) and one that does not answer
ST_SERVERS = (b'<?xml version="1.0" encoding="UTF-8"?><settings><servers>'
              b'<server url="http://ookla2.kfield.test:8080/speedtest/upload.php" lat="21.03" lon="105.85" '
              b'name="Ha Noi" country="Vietnam" cc="VN" sponsor="Lab ISP B" id="2" host="ookla2.kfield.test:8080"/>'
              b'<server url="http://ookla1.kfield.test:8080/speedtest/upload.php" lat="12.24" lon="109.19" '
              b'name="Nha Trang" country="Vietnam" cc="VN" sponsor="Lab ISP A" id="1" host="ookla1.kfield.test:8080"/>'
              b'<server url="http://gone.kfield.test:8080/speedtest/upload.php" lat="12.30" lon="109.20" '
              b'name="Cam Ranh" country="Vietnam" cc="VN" sponsor="Gone ISP" id="3" host="gone.kfield.test:8080"/>'
              b'</servers></settings>')
ERRORS = {"e500": 500, "e502": 502, "e503": 503}
SLOW_FIRST_BYTE_S = 8.0
PAGE = b"<html><body>" + b"kfield lab " * 2000 + b"</body></html>"


_TSA = []


def timestamp_authority():
    """One lab CA per server process, made on the first timestamp request (cryptography is slow to load)."""
    if not _TSA:
        import signlab   # beside this file, which runs as a script

        _TSA.append(signlab.CaServer(ca=signlab.authority("http://tsa.kfield.test")))
    return _TSA[0]


def handler(kind: str):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True   # as real web servers (nginx tcp_nodelay, Cloudflare): no reply held

        def do_GET(self):  # noqa: N802
            if kind == "tsa" and self.command == "POST":
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                return self.reply(200, timestamp_authority().timestamp(body),
                                  {"Content-Type": "application/timestamp-reply"})
            if kind in ("mini", "stconfig"):
                return self.speedtest()
            if kind in ERRORS:
                return self.reply(ERRORS[kind], b"<html><body>error</body></html>")
            if kind in ("hang", "partial", "loop", "slow"):
                return self.broken()
            if kind == "captive":
                return self.reply(302, b"", {"Location": "http://portal.login/"})
            if kind == "204":
                return self.reply(204 if self.path.startswith("/generate_204") else 404, b"")
            if kind == "page" and self.path.startswith("/big"):
                return self.reply(200, BIG)
            return self.reply(200, PAGE)  # bigger than one packet, as every real portal page is

        do_POST = do_GET  # noqa: N815
        do_HEAD = do_GET  # noqa: N815

        def broken(self):
            if kind == "hang":
                threading.Event().wait(120)
                self.close_connection = True
                return None
            if kind == "loop":
                return self.reply(302, b"", {"Location": "/b" if self.path.startswith("/a") else "/a"})
            if kind == "slow":
                threading.Event().wait(SLOW_FIRST_BYTE_S)
                return self.reply(200, PAGE)
            self.send_response(200)
            self.send_header("Content-Length", str(len(BIG)))
            self.end_headers()
            self.wfile.write(BIG[:40_000])
            self.wfile.flush()
            self.close_connection = True
            return None

        def speedtest(self):
            import re

            if kind == "stconfig":
                body = ST_SERVERS if self.path.startswith("/speedtest-servers") else ST_CONFIG
                return self.reply(200, body, {"Content-Type": "text/xml"})
            if self.command == "POST":
                length = int(self.headers.get("Content-Length", "0"))
                got = len(self.rfile.read(length))
                return self.reply(200, f"size={got}".encode())
            size = re.search(r"random(\d+)x\d+\.jpg", self.path)
            if size:
                return self.stream(int(size[1]) ** 2 * 2)
            if self.path.startswith("/speedtest/latency.txt"):
                return self.reply(200, b"test=test\n")
            return self.reply(200, b'upload_extension: "php"\n')

        def stream(self, total):
            self.send_response(200)
            self.send_header("Content-Length", str(total))
            self.end_headers()
            try:
                while total > 0:
                    piece = min(total, len(RANDOM))
                    self.wfile.write(RANDOM[:piece])
                    total -= piece
            except OSError:
                self.close_connection = True

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

    return Handler


def start(spec: str) -> None:
    kind, ip, port, *tls = spec.split(":")
    server = http.server.ThreadingHTTPServer((ip, int(port)), handler(kind))
    server.daemon_threads = True
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(tls[0], tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()


if __name__ == "__main__":
    for spec in sys.argv[1:]:
        start(spec)
    print("ready", flush=True)
    threading.Event().wait()
