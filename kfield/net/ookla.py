"""Speedtest.net (Ookla) servers, measured by kfield's own engine (`kfield.net.wire`).

The server list comes from speedtest.net as its own clients fetch it: the configuration
(``speedtest-config.php``: where this client is) and the server list
(``speedtest-servers-static.php``: every server's place and ``host:port``). The nearest
``CANDIDATES`` by distance are asked ``/hello`` a few times; the fastest to answer is measured
through OoklaServer's HTTP endpoints: ``GET /download?size=N``, ``POST /upload``, ``GET /hello``.
"""

from __future__ import annotations

import math
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kfield.core.errors import KfieldError
from kfield.net.throughput import Client, Endpoints
from kfield.net.wire import Target

CONFIG_URL = "https://www.speedtest.net/speedtest-config.php"
SERVERS_URL = "https://www.speedtest.net/speedtest-servers-static.php"
CANDIDATES = 5
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


def choose(timeout: float = 10.0) -> Target:
    """The Speedtest.net server nearest by latency, among the nearest by distance. The
    configuration and the list are fetched at once (on a satellite link each costs seconds)."""
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
    timed = _latencies(servers, min(timeout, 5.0))
    if not timed:
        raise KfieldError("speed.ookla.no_server")
    return target(min(timed, key=timed.get))


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


def _latencies(servers: list[Server], timeout: float) -> dict[Server, float]:
    """The best of two /hello round trips per server on an open connection, all servers at once;
    a server that fails is left out."""
    found: dict[Server, float] = {}

    def one(server: Server) -> None:
        hello = f"http://{server.host}/hello"
        client = Client(Endpoints(f"http://{server.host}/download", hello, hello), timeout)
        try:
            conn = client.open(hello)
            try:
                found[server] = min(client.ping_ms(conn) for _ in range(2))
            finally:
                conn.close()
        except KfieldError:
            pass

    _together([lambda s=s: one(s) for s in servers], timeout * 2 + 1)
    return dict(found)


def named(host_port: str) -> Target:
    """One OoklaServer named by its ``host:port`` (the list is not fetched)."""
    return target(Server(host_port, host_port, 0.0, 0.0))
