"""Throughput between two machines over HTTP: `kfield serve` on one, `kfield lan speed`
(and the `http` backend of `kfield net speed`) on the other.

The server streams bytes from one random buffer and counts what it receives; every
request carries a token so nobody else on the LAN can use it. The client repeats
fixed-size requests on kept-alive connections in parallel streams, counts bytes as
they arrive (download) or as the server acknowledges them (upload), and computes the
rate over the steady part of the run, after TCP's slow start. Pings on a separate
connection measure latency idle and under load (bufferbloat).
"""

from __future__ import annotations

import hmac
import http.client
import http.server
import os
import socket
import statistics
import threading
import time
from dataclasses import asdict, dataclass
from urllib.parse import parse_qs, urlsplit

from kfield.core.errors import KfieldError

PREFIX = "/kfield"
MAX_REQUEST = 1 << 30            # one request never asks for more than 1 GiB
BUFFER = os.urandom(1 << 20)     # random, so compression on the way cannot flatter the result
FIRST_CHUNK = 64 << 10          # each stream starts with small requests…
MAX_CHUNK = 16 << 20            # …and doubles them while one takes under FAST_REQUEST seconds
FAST_REQUEST = 0.25
READ = 64 << 10
DEFAULT_PORT = 8737


# --- server ----------------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kfield"

    def log_message(self, *args) -> None:  # quiet: the CLI prints what matters
        pass

    def _allowed(self) -> bool:
        query = parse_qs(urlsplit(self.path).query)
        given = self.headers.get("X-Kfield-Token") or (query.get("token") or [""])[0]
        if hmac.compare_digest(given.encode(), self.server.token.encode()):
            return True
        self._reply(403, b"forbidden")
        return False

    def _reply(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        parts = urlsplit(self.path)
        if not self._allowed():
            return
        if parts.path == f"{PREFIX}/ping":
            return self._reply(200, b"pong")
        if parts.path != f"{PREFIX}/down":
            return self._reply(404, b"not found")
        size = _size(parse_qs(parts.query).get("bytes", [""])[0])
        if size is None:
            return self._reply(400, b"bytes must be 1..1073741824")
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        self._stream(size)

    def _stream(self, size: int) -> None:
        view, left = memoryview(BUFFER), size
        try:
            while left > 0:
                piece = min(left, len(BUFFER))
                self.wfile.write(view[:piece])
                left -= piece
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_POST(self) -> None:  # noqa: N802
        if not self._allowed():
            return
        if urlsplit(self.path).path != f"{PREFIX}/up":
            return self._reply(404, b"not found")
        size = _size(self.headers.get("Content-Length", ""))
        if size is None:
            return self._reply(400, b"Content-Length must be 1..1073741824")
        got = self._drain(size)
        self._reply(200, str(got).encode())

    def _drain(self, size: int) -> int:
        got = 0
        while got < size:
            chunk = self.rfile.read(min(READ, size - got))
            if not chunk:
                break
            got += len(chunk)
        return got


def _size(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_REQUEST else None


class ThroughputServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, bind: str, port: int, token: str) -> None:
        self.token = token
        super().__init__((bind, port), _Handler)

    def handle_error(self, request, client_address) -> None:
        """A client that stops mid-transfer (its time is up) is normal, not an error to print."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError, OSError)):
            super().handle_error(request, client_address)


# --- client ----------------------------------------------------------------------
@dataclass(frozen=True)
class SpeedResult:
    host: str
    port: int
    down_mbps: float
    up_mbps: float
    idle_latency_ms: float | None
    loaded_latency_ms: float | None
    jitter_ms: float | None
    bytes_down: int
    bytes_up: int
    streams: int
    duration_s: float

    def to_dict(self) -> dict:
        return asdict(self)


class _Counter:
    """Bytes moved, with (time, total) samples for the steady-rate computation."""

    def __init__(self, clock) -> None:
        self.clock, self.total, self.lock = clock, 0, threading.Lock()
        self.samples: list[tuple[float, int]] = [(clock(), 0)]

    def add(self, count: int) -> None:
        with self.lock:
            self.total += count
            self.samples.append((self.clock(), self.total))


def steady_mbps(samples: list[tuple[float, int]], warmup_share: float = 0.25, min_warmup: float = 0.4) -> float:
    """Megabits per second over the part of the run after the warm-up (TCP slow start)."""
    if len(samples) < 2:
        return 0.0
    start_t, end_t = samples[0][0], samples[-1][0]
    cut = start_t + max(min_warmup, (end_t - start_t) * warmup_share)
    after = [(t, b) for t, b in samples if t >= cut]
    if len(after) < 2 or after[-1][0] - after[0][0] < 0.2:
        after = samples  # too short to skip anything
    seconds = after[-1][0] - after[0][0]
    return round((after[-1][1] - after[0][1]) * 8 / seconds / 1e6, 2) if seconds > 0 else 0.0


@dataclass(frozen=True)
class Endpoints:
    """Where to measure: a `kfield serve` peer, or any download URL with an upload URL.
    ``{size}`` in the download URL is replaced by the bytes wanted (the peer serves any size)."""

    down: str
    up: str
    ping: str
    token: str = ""

    @classmethod
    def peer(cls, host: str, port: int, token: str) -> "Endpoints":
        base = f"http://{host}:{port}{PREFIX}"
        return cls(f"{base}/down?bytes={{size}}", f"{base}/up", f"{base}/ping", token)

    @classmethod
    def urls(cls, down: str, up: str) -> "Endpoints":
        return cls(down, up, down)


class Client:
    def __init__(self, endpoints: Endpoints, timeout: float = 10.0) -> None:
        self.endpoints, self.timeout = endpoints, timeout
        parts = urlsplit(endpoints.down)
        self.host, self.port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)

    def connection(self, url: str) -> http.client.HTTPConnection:
        parts = urlsplit(url)
        kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        return kind(parts.hostname or "", parts.port, timeout=self.timeout)

    def request(self, conn, method: str, url: str, body=None, headers=None):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {**({"X-Kfield-Token": self.endpoints.token} if self.endpoints.token else {}), **(headers or {})}
        try:
            conn.request(method, target, body=body, headers=headers)
            response = conn.getresponse()
        except (socket.timeout, TimeoutError):
            raise KfieldError("speed.timeout", host=self.host, port=self.port) from None
        except ConnectionRefusedError:
            raise KfieldError("speed.refused", host=self.host, port=self.port) from None
        except (OSError, http.client.HTTPException) as exc:
            raise KfieldError("speed.unreachable", host=self.host, port=self.port, reason=str(exc)[:80]) from None
        if response.status == 403:
            raise KfieldError("speed.bad_token", host=self.host)
        if response.status >= 400:
            raise KfieldError("speed.http_status", url=url, status=response.status)
        return response

    def ping_ms(self, conn) -> float:
        method = "GET" if self.endpoints.token else "HEAD"
        started = time.perf_counter()
        self.request(conn, method, self.endpoints.ping).read()
        return (time.perf_counter() - started) * 1000


def _pings(client: Client, count: int, pause: float, stop: threading.Event | None = None) -> list[float]:
    conn, found = client.connection(client.endpoints.ping), []
    try:
        for _ in range(count):
            if stop is not None and stop.is_set():
                break
            found.append(client.ping_ms(conn))
            time.sleep(pause)
    finally:
        conn.close()
    return found


def _download_stream(client: Client, counter: _Counter, until: float, budget: list[int], clock) -> None:
    url, size = client.endpoints.down, FIRST_CHUNK
    conn = client.connection(url)
    try:
        while clock() < until and budget.left > 0:
            started = clock()
            response = client.request(conn, "GET", url.replace("{size}", str(max(1, min(size, budget.left)))))
            while clock() < until and (granted := budget.take(READ)):
                piece = response.read1(granted)
                budget.give_back(granted - len(piece))
                if not piece:
                    break
                counter.add(len(piece))
            if clock() >= until or budget.left <= 0:
                break
            response.read()
            size = _next_size(size, clock() - started)
    finally:
        conn.close()


def _upload_stream(client: Client, counter: _Counter, until: float, budget: list[int], clock) -> None:
    url, size = client.endpoints.up, FIRST_CHUNK
    conn = client.connection(url)
    try:
        while clock() < until and (size := budget.take(size)):
            started = clock()
            response = client.request(conn, "POST", url, body=_body(size), headers={"Content-Length": str(size)})
            reply = response.read()
            # the peer says how many bytes it got; any other server's 2xx means all of them
            counter.add(int(reply) if client.endpoints.token and reply.isdigit() else size)
            size = _next_size(size, clock() - started)
    finally:
        conn.close()


def _next_size(size: int, seconds: float) -> int:
    """Bigger requests while they are quick: fine-grained on a slow link, cheap on a fast one."""
    return min(size * 2, MAX_CHUNK) if seconds < FAST_REQUEST else size


def _body(size: int):
    view = memoryview(BUFFER)
    while size > 0:
        piece = min(size, len(BUFFER))
        yield view[:piece]
        size -= piece


class Budget:
    """The bytes a direction may still move, shared by its streams."""

    def __init__(self, total: int) -> None:
        self.left, self.lock = total, threading.Lock()

    def take(self, wanted: int) -> int:
        """Up to ``wanted`` bytes granted (0 when spent)."""
        with self.lock:
            granted = max(0, min(wanted, self.left))
            self.left -= granted
            return granted

    def give_back(self, count: int) -> None:
        with self.lock:
            self.left += count


def _direction(client: Client, worker, seconds: float, streams: int, max_bytes: int, clock):
    counter, budget = _Counter(clock), Budget(max_bytes)
    until = clock() + seconds
    errors: list[BaseException] = []

    def run() -> None:
        try:
            worker(client, counter, until, budget, clock)
        except BaseException as exc:  # carried to the caller, never lost in a thread
            errors.append(exc)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(streams)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + client.timeout + 5)
    if errors and counter.total == 0:
        raise errors[0]
    return counter


def measure(host: str, port: int, token: str, **options) -> SpeedResult:
    """Against a `kfield serve` peer."""
    return measure_endpoints(Endpoints.peer(host, port, token), **options)


def measure_endpoints(endpoints: Endpoints, *, seconds: float = 5.0, streams: int = 4, max_bytes: int = 1 << 30,
                      timeout: float = 10.0, clock=time.monotonic) -> SpeedResult:
    """Idle latency, download with latency under load, then upload; ``max_bytes`` per direction."""
    client = Client(endpoints, timeout)
    started = clock()
    idle = _pings(client, 10, 0.05)
    stop, loaded = threading.Event(), []
    pinger = threading.Thread(target=lambda: loaded.extend(_pings(client, 1000, 0.2, stop)), daemon=True)
    pinger.start()
    try:
        down = _direction(client, _download_stream, seconds, streams, max_bytes, clock)
    finally:
        stop.set()
        pinger.join(client.timeout + 1)
    up = _direction(client, _upload_stream, seconds, streams, max_bytes, clock)
    return SpeedResult(client.host, client.port, steady_mbps(down.samples), steady_mbps(up.samples), _median(idle),
                       _median(loaded), _jitter(idle), down.total, up.total, streams, round(clock() - started, 2))


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _jitter(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    return round(sum(abs(a - b) for a, b in zip(values, values[1:])) / (len(values) - 1), 2)
