"""Throughput between two machines over HTTP: `kfield serve` on one, `kfield lan speed`
(and `kfield net speed --server` against such a peer) on the other.

The server streams bytes from one random buffer and counts what it receives; every
request carries a token so nobody else on the LAN can use it. The client repeats
fixed-size requests on kept-alive connections in parallel streams, counts bytes as
they arrive (download) or as the server acknowledges them (upload), and computes the
rate over the steady part of the run, after TCP's slow start. Pings on a separate
kept-alive connection (its opening ping not counted) measure latency idle and under load
(bufferbloat).
"""

from __future__ import annotations

import hmac
import http.client
import http.server
import json
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
LONG_RTT = 0.2                  # seconds: satellite and congested 4G links
READ = 64 << 10
DEFAULT_PORT = 8737


# --- server ----------------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kfield"
    disable_nagle_algorithm = True   # headers and a small body leave at once, not one round trip apart

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
        if parts.path == f"{PREFIX}/progress":
            return self._upload_progress()
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
        got = self._drain(size, self.server.progress(self.headers.get("X-Kfield-Upload", "")))
        self._reply(200, str(got).encode())

    def _drain(self, size: int, samples: list | None) -> int:
        """Read the body, noting (time, bytes so far) when the client asked for progress."""
        got = 0
        while got < size:
            try:
                chunk = self.rfile.read1(min(READ, size - got))
            except (ConnectionError, TimeoutError, OSError):
                break
            if not chunk:
                break
            got += len(chunk)
            if samples is not None:   # shared by the client's streams: (server time, bytes)
                samples.append((time.monotonic(), len(chunk)))
        self.close_connection = got < size
        return got

    def _upload_progress(self) -> None:
        upload = parse_qs(urlsplit(self.path).query).get("id", [""])[0]
        body = json.dumps(self.server.uploads.pop(upload, [])).encode()
        self._reply(200, body)


def _size(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_REQUEST else None


class ThroughputServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, bind: str, port: int, token: str) -> None:
        self.token = token
        self.uploads: dict[str, list] = {}   # upload id → (seconds, bytes) samples, fetched once
        super().__init__((bind, port), _Handler)

    def progress(self, upload: str) -> list | None:
        if not upload or len(upload) > 64:
            return None
        if len(self.uploads) > 256:          # never grow without bound on a long-running serve
            self.uploads.clear()
        return self.uploads.setdefault(upload, [])

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


class _NoDelay:
    """Requests leave whole: with Nagle, a request's headers and body go one round trip apart,
    which on a 600 ms satellite link doubles every ping."""

    resolved = None   # the Client's address lookup, when it gives one

    def connect(self) -> None:
        if self.resolved is not None:
            lookup = self.resolved
            self._create_connection = lambda address, *args: socket.create_connection(lookup(*address), *args)
        super().connect()
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _HTTP(_NoDelay, http.client.HTTPConnection):
    pass


class _HTTPS(_NoDelay, http.client.HTTPSConnection):
    pass


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
        self.lock, self.addresses = threading.Lock(), {}
        parts = urlsplit(endpoints.down)
        self.host, self.port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)

    def connection(self, url: str) -> http.client.HTTPConnection:
        parts = urlsplit(url)
        kind = _HTTPS if parts.scheme == "https" else _HTTP
        conn = kind(parts.hostname or "", parts.port, timeout=self.timeout)
        conn.resolved = self.resolved   # looked up once: on a satellite link each lookup is a round trip
        return conn

    def resolved(self, host: str, port: int) -> tuple:
        """The address to connect to (the first one the resolver gives), remembered per host."""
        with self.lock:
            if (host, port) not in self.addresses:
                found = self.guarded(lambda: socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
                self.addresses[(host, port)] = found[0][4][:2]
            return self.addresses[(host, port)]

    def request(self, conn, method: str, url: str, body=None, headers=None):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {**({"X-Kfield-Token": self.endpoints.token} if self.endpoints.token else {}), **(headers or {})}

        def send():
            conn.request(method, target, body=body, headers=headers)
            return conn.getresponse()

        response = self.guarded(send)
        if response.status == 403:
            raise KfieldError("speed.bad_token", host=self.host)
        if response.status >= 400:
            raise KfieldError("speed.http_status", url=url, status=response.status)
        return response

    def open(self, url: str) -> http.client.HTTPConnection:
        """A connection already through its TCP (and TLS) handshake."""
        conn = self.connection(url)
        self.guarded(conn.connect)
        return conn

    def guarded(self, call):
        """``call()``, with network failures turned into the domain's errors."""
        try:
            return call()
        except (socket.timeout, TimeoutError):
            raise KfieldError("speed.timeout", host=self.host, port=self.port) from None
        except ConnectionRefusedError:   # a `kfield serve` peer (it has a token), or a public speed server
            raise KfieldError("speed.refused" if self.endpoints.token else "speed.server_refused", host=self.host,
                              port=self.port) from None
        except socket.gaierror:
            raise KfieldError("speed.no_name", host=self.host) from None
        except (OSError, http.client.HTTPException) as exc:
            raise KfieldError("speed.unreachable", host=self.host, port=self.port, reason=str(exc)[:80]) from None

    def ping_ms(self, conn) -> float:
        # a dedicated ping endpoint (a peer's, Cloudflare's, an Ookla server's) answers GET; a file is asked HEAD
        method = "GET" if self.endpoints.token or self.endpoints.ping != self.endpoints.down else "HEAD"
        started = time.perf_counter()
        self.request(conn, method, self.endpoints.ping).read()
        return (time.perf_counter() - started) * 1000


def _pings(client: Client, count: int, pause: float, stop: threading.Event | None = None) -> list[float]:
    """Pings on one kept-alive connection; the first, which also opens it (TCP handshake), is
    not counted, so every value is one HTTP round trip."""
    conn, found = client.connection(client.endpoints.ping), []
    try:
        client.ping_ms(conn)
        for _ in range(count):
            if stop is not None and stop.is_set():
                break
            found.append(client.ping_ms(conn))
            time.sleep(pause)
    finally:
        conn.close()
    return found


def _download_stream(client: Client, counter: _Counter, until: float, budget: "Budget", clock, fast: float) -> None:
    """A peer serves any size, so each stream asks once for its share and reads until time is
    up (no idle round trip between requests, which on a long link restarts TCP's slow start);
    a plain URL is fetched again and again."""
    url = client.endpoints.down
    # Each stream asks for its share of the budget only: what a peer sends is on the wire (and paid
    # for on a metered link) whether or not we read it before time is up.
    size = max(FIRST_CHUNK, min(budget.left // budget.streams, MAX_REQUEST)) if "{size}" in url else FIRST_CHUNK
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
            size = _next_size(size, clock() - started, fast)
    finally:
        conn.close()


def _upload_stream(client: Client, counter: _Counter, until: float, budget: "Budget", clock, fast: float) -> None:
    url, size = client.endpoints.up, FIRST_CHUNK
    conn = client.connection(url)
    try:
        while clock() < until and (size := budget.take(size)):
            started = clock()
            response = client.request(conn, "POST", url, body=_body(size), headers={"Content-Length": str(size)})
            reply = response.read()
            # the peer says how many bytes it got; any other server's 2xx means all of them
            counter.add(int(reply) if client.endpoints.token and reply.isdigit() else size)
            size = _next_size(size, clock() - started, fast)
    finally:
        conn.close()


class _TimeUp(Exception):
    pass


def _peer_upload(client: Client, seconds: float, streams: int, max_bytes: int, clock) -> _Counter:
    """Upload to a peer: one long POST per stream, cut when time is up; the peer notes when
    each piece arrived, and that is what the rate is computed from."""
    upload, budget = os.urandom(8).hex(), Budget(max_bytes)
    until = clock() + seconds
    share = max(FIRST_CHUNK, min(max_bytes // streams, MAX_REQUEST))
    threads = [threading.Thread(target=_peer_upload_stream, args=(client, upload, budget, share, until, clock),
                                daemon=True) for _ in range(streams)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + client.timeout + 5)
    conn = client.connection(client.endpoints.ping)
    try:
        arrived = json.loads(client.request(conn, "GET", client.endpoints.up.replace("/up", f"/progress?id={upload}"))
                             .read() or b"[]")
    finally:
        conn.close()
    return _counter_from(arrived)


def _peer_upload_stream(client: Client, upload: str, budget: "Budget", share: int, until: float, clock) -> None:
    size = budget.take(share)
    if not size:
        return
    conn = client.connection(client.endpoints.up)

    def body():
        for piece in _body(size):
            if clock() >= until:
                raise _TimeUp
            yield piece

    try:
        conn.request("POST", urlsplit(client.endpoints.up).path, body=body(),
                     headers={"Content-Length": str(size), "X-Kfield-Token": client.endpoints.token,
                              "X-Kfield-Upload": upload})
        conn.getresponse().read()
    except (_TimeUp, OSError, http.client.HTTPException):
        pass  # cut on purpose at the time limit; what arrived is what the peer noted
    finally:
        conn.close()


def _counter_from(arrived: list) -> _Counter:
    counter = _Counter(lambda: 0.0)
    counter.samples, total = [], 0
    for moment, count in sorted(arrived):
        total += count
        counter.samples.append((moment, total))
    counter.total = total
    if not counter.samples:
        counter.samples = [(0.0, 0)]
    return counter


def _next_size(size: int, seconds: float, fast: float = FAST_REQUEST) -> int:
    """Bigger requests while they are quick: fine-grained on a slow link, cheap on a fast one.
    "Quick" scales with the round trip, or a satellite link would be stuck with tiny requests."""
    return min(size * 2, MAX_CHUNK) if seconds < fast else size


def _body(size: int):
    view = memoryview(BUFFER)
    while size > 0:
        piece = min(size, len(BUFFER))
        yield view[:piece]
        size -= piece


class Budget:
    """The bytes a direction may still move, shared by its streams."""

    def __init__(self, total: int, streams: int = 1) -> None:
        self.left, self.lock, self.streams = total, threading.Lock(), max(1, streams)

    def take(self, wanted: int) -> int:
        """Up to ``wanted`` bytes granted (0 when spent)."""
        with self.lock:
            granted = max(0, min(wanted, self.left))
            self.left -= granted
            return granted

    def give_back(self, count: int) -> None:
        with self.lock:
            self.left += count


def _direction(client: Client, worker, seconds: float, streams: int, max_bytes: int, clock, fast: float):
    counter, budget = _Counter(clock), Budget(max_bytes, streams)
    until = clock() + seconds
    errors: list[BaseException] = []

    def run() -> None:
        try:
            worker(client, counter, until, budget, clock, fast)
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
    rtt = statistics.median(idle) / 1000 if idle else 0.0
    fast = max(FAST_REQUEST, 4 * rtt)
    warmup = 0.25
    if rtt > LONG_RTT:  # TCP needs many round trips to fill a satellite link: give it the time
        seconds *= 2
    stop, loaded = threading.Event(), []
    pinger = threading.Thread(target=lambda: loaded.extend(_pings(client, 1000, 0.2, stop)), daemon=True)
    pinger.start()
    try:
        down = _direction(client, _download_stream, seconds, streams, max_bytes, clock, fast)
    finally:
        stop.set()
        pinger.join(client.timeout + 1)
    if endpoints.token:
        up = _peer_upload(client, seconds, streams, max_bytes, clock)
    else:
        up = _direction(client, _upload_stream, seconds, streams, max_bytes, clock, fast)
    return SpeedResult(client.host, client.port, steady_mbps(down.samples, warmup), steady_mbps(up.samples, warmup),
                       _median(idle),
                       _median(loaded), _jitter(idle), down.total, up.total, streams, round(clock() - started, 2))


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _jitter(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    return round(sum(abs(a - b) for a, b in zip(values, values[1:])) / (len(values) - 1), 2)
