"""`kfield net speed`'s engine: download and upload against HTTP(S) speed endpoints (Cloudflare's,
an Ookla server's, any URL pair) within a byte budget that holds on the wire.

- **A cap on the wire.** Every request asks for an exact size, and the sizes add up to
  ``SHARES`` of ``max_bytes``: the rest is for TCP/IP and Ethernet headers, the ACKs going the other
  way, TLS and pings; an upload stops once its share is on the wire, retransmissions included. On
  top of that, `Budget` adds up what every connection of the measurement has moved through the
  network card since it opened (the kernel's counters, every segment with its headers) and cuts the
  running direction once what has moved, plus what may still arrive after the cut (a round trip of
  data in flight, and as long again as the sampler was ever late: a loaded machine), reaches
  ``max_bytes``; the upload's share is what the download left.
- **A wall-time goal.** The whole measurement ends by ``GOAL_S`` (``LONG_GOAL_S`` on a long link);
  a direction cut by time or by the cap reports what it had measured by then.
- **Honest figures.** Bytes are counted from the kernel (``TCP_INFO``: received for download, the
  peer's acknowledgements for upload), sampled every ``SAMPLE_S``. Where the system does not say
  (Windows), download counts bytes read and upload counts a POST only once the server answered it.
- **Long links.** All connections (TCP + TLS) are opened at once before anything is measured; each
  stream then sends one request for its whole share (no idle round trip that would restart TCP's
  slow start); links with a long round trip get more streams (``LONG_RTT_STREAMS``), and the rate
  is taken from the steady part of the transfer (`kfield.net.rate`).
"""

from __future__ import annotations

import socket
import statistics
import struct
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass

from kfield.net import rate, tcpinfo
from kfield.net.throughput import LONG_RTT, READ, Client, Endpoints, _body

# Shares of the budget for (download, upload) payload; the rest: headers, ACKs, TLS, pings. Download
# payload is asked for exactly (the server's retransmissions are lost before they reach this computer);
# upload is cut once that much is on the wire, retransmissions included: on a long link, slow start
# overshoots the queue and retransmits up to a third of what it sends, so upload gets more there.
SHARES = {False: (0.42, 0.42), True: (0.37, 0.50)}   # short link, long link (round trip over LONG_RTT)
ENOUGH = 0.9              # a direction ends once this share of its payload has arrived (the rest is a tail)
SAMPLE_S = 0.02
LONG_RTT_STREAMS = 8      # more streams fill a long link in fewer round trips
IDLE_PINGS, IDLE_PING_S = 10, 1.5
LONG_RTT_TIME = 1.25      # long links may take this much longer than --seconds per direction
TAIL = 0.5                # a direction ends once this share of its streams is done: the rest is a tail
LOADED_PING_PAUSE = 0.2
LOADED_PING_WAIT = 0.5    # seconds (and two round trips) a ping under load may still take once its direction ended
FALLBACK_POSTS = 6        # without TCP_INFO, smaller POSTs give the rate something to measure
GOAL_S, LONG_GOAL_S = 10.5, 13.0   # the engine's share of 12 s (15 s on a long link); the rest is start-up (a Speedtest.net choice comes on top)
FIXED = 16_000            # name lookups and what the counters cannot see (a closed probe connection)
SLACK = 32_000            # the cut's own segments (resets, the last ACKs)
UP_COST = 1.12            # upload payload -> wire: headers (~4.5 %), the server's ACKs (~3 %), a little loss
MIN_UPLOAD = 100_000      # less than this left after the download: no upload is worth starting
WINDOW_S, MIN_WINDOW_S, WINDOWS = 0.5, 0.1, 6   # the rate's windows (kfield.net.rate)
ACK_CALM_AFTER = 1.0      # seconds into a download stream: slow start has had its quick ACKs
LOST_PING_S = 0.18        # an idle ping this much slower than the fastest waited for a retransmission


@dataclass(frozen=True)
class Target:
    """Where to measure: ``down`` has ``{size}`` for the bytes wanted; ``ping`` answers quickly."""

    server: str
    down: str
    up: str
    ping: str


@dataclass(frozen=True)
class NetSpeedResult:
    server: str
    backend: str
    down_mbps: float
    up_mbps: float
    idle_latency_ms: float | None
    loaded_latency_ms: float | None
    jitter_ms: float | None
    upload_latency_ms: float | None   # latency while the upload runs (a thin uplink's queue fills)
    bytes_down: int
    bytes_up: int
    streams: int
    counted: str              # "tcp_info" (the kernel's counters) or "responses"
    duration_s: float
    wire_bytes: int | None = None     # what the measurement's connections moved through the card (kernel's count)
    stopped_by: tuple[str, ...] = ()  # "time", "budget": a direction ended early and reports what it had

    def to_dict(self) -> dict:
        data = asdict(self)
        data["stopped_by"] = list(self.stopped_by)
        data["latency_increase_ms"] = {way: _increase(self.idle_latency_ms, loaded) for way, loaded in
                                       (("down", self.loaded_latency_ms), ("up", self.upload_latency_ms))}
        data["load_effect"] = {way: load_effect(ms) for way, ms in data["latency_increase_ms"].items()}
        return data


# How much latency may grow under load before a video call notices (ms): Cloudflare's test grades
# calls on loaded latency the same way; under 30 ms more nobody notices, over 100 ms calls stutter.
LOAD_EFFECTS = ((30.0, "fine"), (100.0, "lag"))


def _increase(idle: float | None, loaded: float | None) -> float | None:
    return None if idle is None or loaded is None else round(max(0.0, loaded - idle), 1)


def load_effect(increase_ms: float | None) -> str | None:
    """What a latency increase under load means for a call: fine, lag (noticed), stutter; None unmeasured."""
    if increase_ms is None:
        return None
    return next((effect for limit, effect in LOAD_EFFECTS if increase_ms <= limit), "stutter")


class Meter:
    """Bytes moved in one direction by a set of connections, sampled over time.

    With the kernel's counters, ``total`` is the in-order count (received, or acknowledged by the
    server) and the rate's timeline follows segments as they arrive (or reach the server) in any
    order: a lost packet's wait for its retransmission holds back the in-order count of a whole
    window, though the link kept carrying data meanwhile. Without them both are the bytes read
    (download) or the POSTs the server answered (upload).
    """

    def __init__(self, direction: str, use_kernel: bool, clock=time.monotonic) -> None:
        self.bytes_field, self.segments_field = DIRECTIONS[direction]
        self.wire_field, self.on_wire = ON_WIRE[direction], 0
        self.use_kernel, self.clock = use_kernel, clock
        self.lock, self.base, self.last, self.app = threading.Lock(), {}, {}, 0
        self.raw: list[tuple[float, int, int]] = []     # (time, bytes in order, bytes as they arrived)
        self.stopped_by: set[str] = set()

    def watch(self, sock) -> None:
        counters = tcpinfo.read(sock) if self.use_kernel else None
        with self.lock:
            self.base[sock] = self.last[sock] = counters

    def count(self, nbytes: int) -> None:
        with self.lock:
            self.app += nbytes

    def sample(self) -> None:
        with self.lock:
            for sock in self.base:
                self._read(sock)
            self.raw.append((self.clock(), *self._totals()))
            if self.use_kernel and all(c is not None for c in self.base.values()):
                self.on_wire = sum(getattr(self.last[s], self.wire_field) - getattr(self.base[s], self.wire_field)
                                   for s in self.base)

    def closing(self, conn, budget: "Budget | None" = None) -> None:
        """A connection's last counters, read before it closes."""
        with self.lock:
            if conn.sock is not None and conn.sock in self.base:
                self._read(conn.sock)
        if budget is not None and conn.sock is not None:
            budget.forget(conn)
        conn.close()

    def _read(self, sock) -> None:
        counters = tcpinfo.read(sock) if self.use_kernel and sock.fileno() >= 0 else None
        if counters is not None:
            self.last[sock] = counters

    def _totals(self) -> tuple[int, int]:
        if not self.use_kernel or any(c is None for c in self.base.values()):
            return self.app, self.app
        pairs = [(self.last[s], self.base[s]) for s in self.base]
        return (sum(getattr(a, self.bytes_field) - getattr(b, self.bytes_field) for a, b in pairs),
                sum(getattr(a, self.segments_field) - getattr(b, self.segments_field) for a, b in pairs))

    @property
    def total(self) -> int:
        return self.raw[-1][1] if self.raw else 0

    @property
    def samples(self) -> list[tuple[float, int]]:
        """(time, bytes) for the rate: the timeline of data as it arrived."""
        return [(t, arrived) for t, _, arrived in self.raw]


# direction → (in-order bytes, bytes as they arrived). Download: every data segment that arrived, at
# the sender's segment size (retransmitted copies did cross the link); upload: segments the server
# has (ACKed or SACKed), at our segment size. Not scaled to the in-order total: a run cut short
# leaves SACKed segments after a hole that the in-order count never sees.
DIRECTIONS = {"down": ("bytes_received", "arrived"), "up": ("bytes_acked", "reached_peer")}
# what each direction has put on the wire so far, retransmissions included
ON_WIRE = {"down": "arrived", "up": "bytes_sent"}


def kernel_counts() -> bool:
    """True where TCP_INFO gives byte counters (Linux)."""
    import socket

    with socket.socket() as probe:
        return tcpinfo.read(probe) is not None


@dataclass(frozen=True)
class Warm:
    """A connection to ``target.ping`` opened already (the one a server was chosen on), its client
    (the address looked up) and the idle round trips measured while choosing (ms): the measurement goes
    on from there."""

    client: Client
    conn: object
    pings: tuple[float, ...]
    spent: int = 0            # bytes the choice moved already (list, probes): they count against the cap


class Budget:
    """What every connection of the measurement has moved through the network card since it opened
    (handshakes, TLS, data, ACKs, retransmissions, headers: `tcpinfo.TcpCounters.on_wire`), against
    the cap. ``exhausted()`` is true once that, plus what can still arrive after a cut (``margin``),
    reaches the cap; without the kernel's counters (Windows) the shares alone hold the budget."""

    def __init__(self, cap: int, kernel: bool, rtt: float, clock=time.monotonic, spent: int = 0) -> None:
        self.cap, self.kernel, self.rtt, self.clock = cap, kernel, rtt, clock
        self.lock, self.live, self.gone = threading.Lock(), {}, FIXED + spent
        self.history: deque[tuple[float, int]] = deque(maxlen=64)
        self.gap, self.inflight = SAMPLE_S, False

    def watch(self, conn) -> None:
        with self.lock:
            if conn.sock is not None:
                self.live[conn.sock] = 0
                self._read(conn.sock)

    def forget(self, conn) -> None:
        """A connection about to close: its last counters stay counted."""
        with self.lock:
            if conn.sock in self.live:
                self._read(conn.sock)
                self.gone += self.live.pop(conn.sock)

    def _read(self, sock) -> None:
        counters = tcpinfo.read(sock) if self.kernel and sock.fileno() >= 0 else None
        if counters is not None:
            self.live[sock] = max(self.live[sock], counters.on_wire)

    def spent(self) -> int:
        now = self.clock()
        with self.lock:
            for sock in self.live:
                self._read(sock)
            total = self.gone + sum(self.live.values())
        if self.history:
            self.gap = max(self.gap, now - self.history[-1][0])
        self.history.append((now, total))
        return total

    def margin(self) -> float:
        """Bytes that may still cross the card after a cut: the data in flight (a round trip's worth, on
        a download: the server has sent it already) and what moves while the sampler is as late as it
        has ever been (a loaded machine)."""
        if len(self.history) < 2:
            return SLACK
        (t0, b0), (t1, b1) = self.history[max(0, len(self.history) - 13)], self.history[-1]
        speed = (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0
        return SLACK + speed * (self.gap + (self.rtt if self.inflight else 0.0))

    def exhausted(self) -> bool:
        return self.kernel and self.spent() + self.margin() >= self.cap

    def left(self) -> int:
        return self.cap - self.spent() - int(self.margin()) if self.kernel else self.cap


def measure(target: Target, *, backend: str, max_bytes: int, seconds: float = 6.0, streams: int | None = None,
            timeout: float = 10.0, clock=time.monotonic, warm: Warm | None = None,
            started: float | None = None, goal_share: float = 1.0) -> NetSpeedResult:
    """Idle latency, download and upload (with latency under each); at most ``max_bytes`` through the
    network card; done by the wall-time goal counted from ``started`` (default: now), or by
    ``goal_share`` of it on a short link (two servers measured one after the other share one goal;
    on a long link each keeps the whole goal)."""
    client = warm.client if warm else Client(Endpoints(target.down, target.up, target.ping), timeout)
    started, kernel = clock() if started is None else started, kernel_counts()
    pinger, rtt = (warm.conn, min(warm.pings) / 1000) if warm else _first(client, target, clock)
    budget = Budget(max_bytes, kernel, rtt, clock, warm.spent if warm else 0)
    budget.watch(pinger)
    streams = streams or (LONG_RTT_STREAMS if rtt > LONG_RTT else 4)
    pool = _Pool(client, target, streams)   # every stream's handshakes overlap the idle pings
    try:
        idle = _idle(_idle_pings(client, pinger, warm.pings if warm else ()))
        budget.rtt = rtt = statistics.median(idle) / 1000 if idle else rtt
        long = rtt > LONG_RTT
        seconds *= LONG_RTT_TIME if long else 1.0
        # a long link keeps its whole goal: half of it would read slow start, not the link
        deadline = started + (LONG_GOAL_S if long else GOAL_S * goal_share)
        down_share, up_share = (max(1, int(max_bytes * part / streams)) for part in SHARES[long])
        conns = pool.take("down")
        until = _until(clock, seconds, clock() + max(1.0, (deadline - clock()) / 2))
        down, loaded = _download(client, target, conns, pinger, down_share, until, kernel, clock, budget)
        conns = pool.take("up")
        up_share = min(up_share, int(budget.left() / UP_COST / streams))
        up, loaded_up = _upload(client, target, conns, pinger, up_share, _until(clock, seconds, deadline),
                                kernel, clock, budget)
    finally:
        budget.forget(pinger)
        pinger.close()
        pool.close()
    stopped = tuple(sorted({why for meter in (down, up) for why in meter.stopped_by}))
    return NetSpeedResult(target.server, backend, _mbps(down, rtt), _mbps(up, rtt), _median(idle),
                          _median(loaded), _jitter(idle), _median(loaded_up), down.total, up.total, streams,
                          "tcp_info" if kernel else "responses", round(clock() - started, 2),
                          budget.spent() if kernel else None, stopped)


def _until(clock, seconds: float, goal: float) -> tuple[float, bool]:
    """When a direction must end: after its ``seconds``, or earlier for the wall-time goal (True)."""
    own = clock() + seconds
    return (own, False) if own <= goal else (goal, True)


def _idle(pings: list[float]) -> list[float]:
    """Idle round trips without those that waited for a lost packet's retransmission (at least
    LOST_PING_S slower than the fastest: Linux's shortest retransmission timeout is 200 ms): a lossy
    link's loss is not its latency."""
    if not pings:
        return pings
    fastest = min(pings)
    return [ms for ms in pings if ms < fastest + LOST_PING_S * 1000]


def _first(client: Client, target: Target, clock) -> tuple:
    """The ping connection, and a first idea of the link's round trip from its handshakes: TCP's is
    one round trip, TLS 1.3 one more (the name lookup is not the link's round trip)."""
    client.resolved(client.host, client.port)
    opening = clock()
    pinger = client.open(target.ping)
    return pinger, (clock() - opening) / (2 if target.ping.startswith("https") else 1)


class _Pool:
    """Download and upload connections, opened in the background while the idle pings run."""

    def __init__(self, client: Client, target: Target, streams: int) -> None:
        self.conns: dict[str, list] = {}
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._open, args=(client, target, streams), daemon=True)
        self.thread.start()
        self.limit = client.timeout * 2 + 5

    def _open(self, client: Client, target: Target, streams: int) -> None:
        def one(direction: str, url: str) -> None:
            try:
                self.conns[direction] = _open_all(client, url, streams)
            except BaseException as exc:  # carried to the caller
                self.errors.append(exc)

        _run_all([lambda: one("down", target.down), lambda: one("up", target.up)], client.timeout + 5)

    def take(self, direction: str) -> list:
        self.thread.join(self.limit)
        if self.errors:
            raise self.errors[0]
        return self.conns.pop(direction)

    def close(self) -> None:
        self.thread.join(self.limit)
        for conns in self.conns.values():
            for conn in conns:
                conn.close()


def _mbps(meter: Meter, rtt: float) -> float:
    """The steady rate over windows of two round trips and at least WINDOW_S, shorter on a fast link
    whose budget lasts under WINDOW_S x WINDOWS (100 Mbit/s moves 10 MB in under a second), so that
    the steady part still has windows of its own."""
    samples = meter.samples
    duration = samples[-1][0] - samples[0][0] if len(samples) > 1 else 0.0
    window = max(2 * rtt, MIN_WINDOW_S, min(WINDOW_S, duration / WINDOWS))
    return round(rate.steady_bps(samples, window) / 1e6, 2)


def _idle_pings(client: Client, conn, found=()) -> list[float]:
    """Up to IDLE_PINGS round trips on the kept-alive ping connection (opened already, so each is one
    HTTP round trip), none started that would end after IDLE_PING_S seconds (three at least): a
    satellite link gets three.
    ``found``: idle round trips measured already, at once (while a server was chosen): their time
    counts against IDLE_PING_S."""
    found = list(found)
    until = time.monotonic() + IDLE_PING_S - max(found, default=0) / 1000
    while len(found) < IDLE_PINGS and (len(found) < 3 or time.monotonic() + found[-1] / 1000 < until):
        found.append(client.ping_ms(conn))
    return found


def _open_all(client: Client, url: str, count: int) -> list:
    """``count`` connections opened in parallel (TCP and TLS handshakes overlap)."""
    conns, errors = [None] * count, []

    def one(index: int) -> None:
        try:
            conns[index] = client.open(url)
        except BaseException as exc:  # carried to the caller
            errors.append(exc)

    _run_all([lambda i=i: one(i) for i in range(count)], client.timeout + 5)
    if errors:
        for conn in conns:
            if conn is not None:
                conn.close()
        raise errors[0]
    return conns


def _run_all(jobs, limit: float) -> None:
    threads = [threading.Thread(target=job, daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(limit)


def _sampled(meter: Meter, jobs, limit: float, end: "_End", conns: list, budget: Budget) -> None:
    """Run the streams while a sampler notes the meter every SAMPLE_S; once the direction's end is
    reached, or the cap is near, streams still waiting on the network (a stalled connection) are cut
    from here."""
    stop = threading.Event()
    for conn in conns:
        budget.watch(conn)

    def sampler() -> None:
        while not stop.wait(SAMPLE_S):
            meter.sample()
            if budget.exhausted():
                end.cap()
            if end.reached():
                _cut(conns)
                stop.wait(0.2)   # let the streams note their last counters

    watcher = threading.Thread(target=sampler, daemon=True)
    meter.sample()
    watcher.start()
    try:
        _run_all(jobs, limit)
    finally:
        stop.set()
        watcher.join(1)
        meter.sample()


def _cut(conns: list) -> None:
    """Stop every connection now: data still queued is dropped (linger 0: the close sends a reset,
    not the queue), and a read or send blocked in a stream's thread returns at once."""
    for conn in conns:
        try:
            conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            socket.socket.shutdown(conn.sock, socket.SHUT_RDWR)   # the plain socket's, not TLS's
        except (OSError, TypeError, AttributeError):
            pass   # already closed


def _download(client, target, conns, pinger, share, until, kernel, clock, budget):
    meter, errors = Meter("down", kernel, clock), []
    for conn in conns:
        meter.watch(conn.sock)
    end = _End(until, len(conns), clock, meter, share * len(conns))
    url, ranged = target.down.replace("{size}", str(share)), "{size}" not in target.down
    jobs = [lambda c=c: _guard(errors, _download_stream, client, c, url, ranged, share, meter, end, budget)
            for c in conns]
    budget.inflight = True     # a cut download still receives what the server had sent
    loaded = _under_load(client, pinger, end, lambda: _sampled(meter, jobs, until[0] - clock() + client.timeout + 5,
                                                               end, conns, budget), budget.rtt)
    budget.inflight = False
    _raise_if_nothing(meter, errors)
    return meter, loaded


def _under_load(client, pinger, end, run, rtt: float) -> list[float]:
    """``run()`` with pings on the ping connection meanwhile: the latency under load. A ping still
    waiting once the direction has ended (a lost packet on a lossy link: seconds of retransmission
    timeouts) is not waited for: the connection is cut and further pings are skipped."""
    stop, loaded = threading.Event(), []
    if pinger.sock is None:   # cut after an earlier direction
        run()
        return loaded
    ping = threading.Thread(target=_loaded_pings, args=(client, pinger, stop, end, loaded), daemon=True)
    ping.start()
    try:
        run()
    finally:
        stop.set()
        ping.join(LOADED_PING_WAIT + 2 * rtt)
        if ping.is_alive():
            _cut([pinger])
            ping.join(LOADED_PING_WAIT)
            pinger.close()
    return loaded


def _download_stream(client, conn, url, ranged, share, meter, end, budget) -> None:
    """One request for the stream's whole share; a plain file URL is asked for the first ``share``
    bytes only (a Range request) and cut there if the server sends the whole file anyway."""
    headers = {"Range": f"bytes=0-{share - 1}"} if ranged else {}
    try:
        response = client.request(conn, "GET", url, headers=headers)
        left, calm = share, time.monotonic() + ACK_CALM_AFTER
        while not end.reached() and left > 0:
            piece = response.read1(min(READ, left))
            if not piece:
                break
            left -= len(piece)
            meter.count(len(piece))
            if time.monotonic() > calm:
                _fewer_acks(conn.sock)
    finally:
        end.finished_one()
        meter.closing(conn, budget)   # cut short: what the server already sent is inside the budget anyway


def _fewer_acks(sock) -> None:
    """Leave Linux's quick-ACK mode (an ACK for every segment; it comes back after every loss or
    reordering, and the flag does not stay): once slow start is over, an ACK every two segments is
    enough, and on a thin uplink (ADSL: 20 Mbit/s down, 0.5 up) the download's own ACKs would fill it."""
    option = getattr(socket, "TCP_QUICKACK", None)
    if option is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, option, 0)
        except OSError:
            pass


def _loaded_pings(client, conn, stop, end, found) -> None:
    """Round trips while the download runs; none once it has ended (the link is idle again)."""
    while not stop.wait(LOADED_PING_PAUSE) and not end.reached():
        try:
            found.append(client.ping_ms(conn))
        except Exception:  # noqa: BLE001 — a ping lost under load is not the measurement's failure
            return


def _upload(client, target, conns, pinger, share, until, kernel, clock, budget):
    meter, errors = Meter("up", kernel, clock), []
    for conn in conns:
        meter.watch(conn.sock)
    if share * len(conns) < MIN_UPLOAD:   # the download used the cap: nothing is sent
        for conn in conns:
            meter.closing(conn, budget)
        meter.stopped_by.add("budget")
        return meter, []
    end, posts = _End(until, len(conns), clock, meter, share * len(conns)), 1 if kernel else FALLBACK_POSTS
    jobs = [lambda c=c: _guard(errors, _upload_stream, client, c, target.up, share, posts, meter, end, budget)
            for c in conns]
    loaded = _under_load(client, pinger, end, lambda: _sampled(meter, jobs, until[0] - clock() + client.timeout + 5,
                                                               end, conns, budget), budget.rtt)
    _raise_if_nothing(meter, errors)
    return meter, loaded


class _TimeUp(Exception):
    pass


class _End:
    """When a direction ends: its time is up, TAIL of its streams are done, ENOUGH of its payload
    has arrived (the last streams alone would only add a slow tail, paid for in time and bytes), or
    its payload's worth is on the wire, retransmissions included (the kernel says, where it can:
    slow start overshooting a shallow queue can cost a third of an upload in retransmissions)."""

    def __init__(self, until: tuple[float, bool], streams: int, clock, meter: Meter, payload: int) -> None:
        (self.until, self.goal), self.clock, self.lock = until, clock, threading.Lock()
        self.needed, self.done = max(1, round(streams * TAIL)), 0
        self.meter, self.enough, self.payload = meter, payload * ENOUGH, payload
        self.capped = False

    def cap(self) -> None:
        """The measurement's byte cap is near: this direction ends now."""
        self.capped = True
        self.meter.stopped_by.add("budget")

    def reached(self) -> bool:
        if self.goal and self.clock() >= self.until and not self.meter.stopped_by \
                and self.meter.total < self.enough and self.done < self.needed:
            self.meter.stopped_by.add("time")
        return (self.capped or self.done >= self.needed or self.clock() >= self.until
                or self.meter.total >= self.enough or self.meter.on_wire >= self.payload)

    def finished_one(self) -> None:
        with self.lock:
            self.done += 1


def _upload_stream(client, conn, url, share, posts, meter, end, budget) -> None:
    size = max(1, share // posts)

    def body():
        for block in _body(size):
            for start in range(0, len(block), READ):
                if end.reached():
                    raise _TimeUp
                yield block[start:start + READ]

    try:
        for _ in range(posts):
            client.request(conn, "POST", url, body=body(),
                           headers={"Content-Length": str(size), "Content-Type": "application/octet-stream"}).read()
            meter.count(size)   # the server answered: it has every byte of this POST
    except _TimeUp:
        pass   # cut on purpose; the kernel's acknowledged bytes say what arrived
    finally:
        end.finished_one()
        meter.closing(conn, budget)


def _guard(errors: list, func, *args) -> None:
    try:
        func(*args)
    except BaseException as exc:  # carried to the caller, never lost in a thread
        errors.append(exc)


def _raise_if_nothing(meter: Meter, errors: list) -> None:
    if errors and meter.total == 0:
        raise errors[0]


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _jitter(values: list[float]) -> float | None:
    if len(values) < 2:
        return None
    return round(sum(abs(a - b) for a, b in zip(values, values[1:])) / (len(values) - 1), 2)
