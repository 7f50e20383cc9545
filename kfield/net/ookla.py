"""Speedtest.net (Ookla) servers, measured by kfield's own engine (`kfield.net.wire`).

The server list comes from speedtest.net as its own clients fetch it: the configuration
(``speedtest-config.php``: where this client is) and the server list
(``speedtest-servers-static.php``: every server's place and ``host:port``). The nearest
``CANDIDATES`` by distance are asked ``/hello`` all at once, twice each on two new connections
(two idle round trips in the time of one: the measurement needs three); the choice
waits for the first answer and a short grace after it (``GRACE``), not for the slowest. The fastest
is measured through OoklaServer's HTTP endpoints (``GET /download?size=N``, ``POST /upload``,
``GET /hello``), going on over the connection it was chosen on: its handshake and its first
round trip are not paid twice (on a 600 ms satellite link each costs 0.6 s).
"""

from __future__ import annotations

import dataclasses
import http.client
import math
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kfield.core.errors import KfieldError
from kfield.net import wire
from kfield.net.throughput import Client, Endpoints
from kfield.net.wire import NetSpeedResult, Target, Warm

CONFIG_URL = "https://www.speedtest.net/speedtest-config.php"
SERVERS_URL = "https://www.speedtest.net/speedtest-servers-static.php"
CANDIDATES = 5
PROBES = 2                  # /hello on two connections per server at once: two idle round trips in the time of one
GRACE = 0.25                # the choice waits this share of the first answer's time for a better one
MAX_LIST = 4 << 20          # the real list is ~0.5 MB; more is not a server list


@dataclass(frozen=True)
class Server:
    host: str                 # host:port
    name: str
    lat: float
    lon: float


def parse_config(text: bytes) -> tuple[float, float]:
    client = ET.fromstring(text).find("client")
    if client is None:
        raise ValueError("no <client> in the configuration")
    return float(client.get("lat", "")), float(client.get("lon", ""))


def parse_servers(text: bytes) -> list[Server]:
    found = []
    for node in ET.fromstring(text).iter("server"):
        try:
            name = ", ".join(x for x in (node.get("sponsor"), node.get("name")) if x)
            found.append(Server(node.get("host") or "", name, float(node.get("lat", "")), float(node.get("lon", ""))))
        except ValueError:
            continue   # one malformed entry does not spoil the list
    return [server for server in found if server.host]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


def nearest(servers: list[Server], here: tuple[float, float], count: int = CANDIDATES) -> list[Server]:
    return sorted(servers, key=lambda s: distance_km(here, (s.lat, s.lon)))[:count]


def target(server: Server) -> Target:
    base = f"http://{server.host}"
    return Target(server.name or server.host, f"{base}/download?nocache={uuid.uuid4().hex}&size={{size}}",
                  f"{base}/upload?nocache={uuid.uuid4().hex}", f"{base}/hello")


def choose(timeout: float = 10.0) -> tuple[Target, Warm]:
    """The Speedtest.net server nearest by latency, among the nearest by distance, and the connection
    it was chosen on (the measurement goes on over it). The configuration and the list are fetched at
    once (on a satellite link each costs seconds)."""
    fetched: dict[str, bytes | Exception] = {}
    _together([lambda: _keep(fetched, "config", CONFIG_URL, timeout),
               lambda: _keep(fetched, "servers", SERVERS_URL, timeout)], timeout * 2 + 1)
    try:
        here = parse_config(_got(fetched, "config"))
    except (KfieldError, ValueError, ET.ParseError):
        raise KfieldError("speed.ookla.no_config") from None
    try:
        servers = nearest(parse_servers(_got(fetched, "servers")), here)
    except (KfieldError, ET.ParseError):
        raise KfieldError("speed.ookla.no_server") from None
    chosen, warm = _race(servers, timeout, min(timeout, 5.0))
    return chosen, dataclasses.replace(warm, spent=_cost(fetched, len(servers)))


def _cost(fetched: dict, servers: int) -> int:
    """Bytes the choice moved through the network card, taken high: the two bodies with their
    segments' headers and ACKs, a TLS handshake for each, a small exchange per probe."""
    bodies = sum(len(value) for value in fetched.values() if isinstance(value, bytes))
    return int(bodies * 1.1) + 2 * 12_000 + servers * PROBES * 3_000


def measure(*, timeout: float = 10.0, **options) -> NetSpeedResult:
    """The nearest server chosen, then measured over the connection it was chosen on."""
    chosen, warm = choose(timeout)
    try:   # the wall-time goal counts from here: the choice (list, probes) is on top, 1-5 s
        return wire.measure(chosen, timeout=timeout, warm=warm, **options)
    finally:
        warm.conn.close()


def _keep(found: dict, name: str, url: str, timeout: float) -> None:
    try:
        found[name] = _fetch(url, timeout)
    except KfieldError as exc:
        found[name] = exc


def _got(found: dict, name: str) -> bytes:
    value = found.get(name, KfieldError("speed.ookla.no_config"))
    if isinstance(value, Exception):
        raise value
    return value


def _together(jobs, limit: float) -> None:
    threads = [threading.Thread(target=job, daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + limit
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))


def _fetch(url: str, timeout: float) -> bytes:
    client = Client(Endpoints(url, url, url), timeout)
    conn = client.open(url)
    try:
        body = client.request(conn, "GET", url).read(MAX_LIST + 1)
    finally:
        conn.close()
    if len(body) > MAX_LIST:
        raise KfieldError("speed.ookla.no_server")
    return body


class _Race:
    """``/hello`` to every candidate at once, PROBES times each on as many new connections. The choice
    is made GRACE x the first answer's time after it (a server nearer in round trips answers before
    it, or about then), or once every probe has ended; the connections not kept are closed."""

    def __init__(self, probes: int, clock=time.monotonic) -> None:
        self.cond, self.clock, self.left = threading.Condition(), clock, probes
        self.started, self.first, self.done = clock(), None, False
        self.answers: dict[Target, list[tuple[float, Client, object]]] = {}

    def answered(self, chosen: Target, ms: float, client: Client, conn) -> None:
        with self.cond:
            self.left -= 1
            if self.done:
                conn.close()   # too late to be chosen
                return
            self.first = self.first or self.clock()
            self.answers.setdefault(chosen, []).append((ms, client, conn))
            self.cond.notify_all()

    def failed(self) -> None:
        with self.cond:
            self.left -= 1
            self.cond.notify_all()

    def best(self, limit: float) -> tuple[Target, Warm] | None:
        with self.cond:
            while self.left and self.clock() < self._until(limit):
                self.cond.wait(self._until(limit) - self.clock())
            self.done = True
            if not self.answers:
                return None
            chosen = min(self.answers, key=lambda server: min(ms for ms, _, _ in self.answers[server]))
            kept = self.answers.pop(chosen)
            for _, _, conn in kept[1:] + [answer for answers in self.answers.values() for answer in answers]:
                conn.close()
            return chosen, Warm(kept[0][1], kept[0][2], tuple(ms for ms, _, _ in kept))

    def _until(self, limit: float) -> float:
        if self.first is None:
            return self.started + limit
        return min(self.started + limit, self.first + GRACE * (self.first - self.started))


def _race(servers: list[Server], timeout: float, limit: float) -> tuple[Target, Warm]:
    race = _Race(len(servers) * PROBES)
    for server in servers:
        chosen = target(server)
        client = Client(Endpoints(chosen.down, chosen.up, chosen.ping), timeout)   # one name lookup
        for _ in range(PROBES):
            threading.Thread(target=_probe, args=(race, chosen, client, limit), daemon=True).start()
    found = race.best(limit)
    if found is None:
        raise KfieldError("speed.ookla.no_server")
    return found


def _probe(race: _Race, chosen: Target, client: Client, limit: float) -> None:
    """One ``/hello`` round trip on a new connection (its handshake not counted); a server that
    fails, or does not answer within ``limit``, is left out."""
    try:
        conn = client.connection(chosen.ping)
        conn.timeout = limit
        client.guarded(conn.connect)
        ms = client.ping_ms(conn)
        conn.sock.settimeout(client.timeout)   # the measurement's own timeout from here on
    except (KfieldError, OSError, http.client.HTTPException):   # reading the answer is not guarded
        race.failed()
        return
    race.answered(chosen, ms, client, conn)


def named(host_port: str) -> Target:
    """One OoklaServer named by its ``host:port`` (the list is not fetched)."""
    return target(Server(host_port, host_port, 0.0, 0.0))
