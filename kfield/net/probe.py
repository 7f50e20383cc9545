"""Reachability probes that never need a shell: ICMP echo where allowed, TCP otherwise.

ICMP goes through icmplib: raw sockets when privileged, Linux "ping sockets" when the
kernel's ping_group_range admits the user. Where neither works, a TCP connect stands
in: a refused connection (RST) proves the host is alive as well as an accepted one.
"""

from __future__ import annotations

import errno
import socket
import statistics
import time
from dataclasses import dataclass

TCP_PROBE_PORTS = (80, 443, 53, 22, 139, 445)
ALIVE_ERRNOS = {errno.ECONNREFUSED, getattr(errno, "WSAECONNREFUSED", 10061)}


@dataclass(frozen=True)
class Ping:
    target: str
    method: str                   # "icmp" or "tcp"
    sent: int
    received: int
    rtts_ms: tuple[float, ...] = ()
    refusals_only: bool = False   # TCP refusals answered between silences: a firewall's rate-limited
                                  # messages, perhaps; the loss is not measured

    @property
    def alive(self) -> bool:
        return self.received > 0

    @property
    def loss_percent(self) -> float:
        return 100.0 * (self.sent - self.received) / self.sent if self.sent else 100.0

    @property
    def rtt_ms(self) -> float | None:
        return round(statistics.median(self.rtts_ms), 2) if self.rtts_ms else None

    @property
    def jitter_ms(self) -> float | None:
        """Mean absolute difference of consecutive RTTs (RFC 3550 style, unsmoothed)."""
        r = self.rtts_ms
        if len(r) < 2:
            return None
        return round(sum(abs(a - b) for a, b in zip(r, r[1:])) / (len(r) - 1), 2)


def tcp_state(ip: str, port: int, timeout: float = 1.0) -> tuple[str, float]:
    """("open" | "closed" | "timeout" | "unreachable", seconds)."""
    started = time.perf_counter()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        code = sock.connect_ex((ip, port))
    except (socket.timeout, OSError):
        code = errno.ETIMEDOUT
    finally:
        sock.close()
    elapsed = time.perf_counter() - started
    if code == 0:
        return "open", elapsed
    if code in ALIVE_ERRNOS:
        return "closed", elapsed
    if code in (errno.EAGAIN, errno.ETIMEDOUT, errno.EINPROGRESS, getattr(errno, "WSAETIMEDOUT", 10060)):
        return "timeout", elapsed
    return "unreachable", elapsed


def ipv6_reach(name: str, port: int, timeout: float = 1.5) -> str:
    """What a browser meets first when the name has an IPv6 address: "none" (no AAAA, or no IPv6
    route at all: browsers skip it at once), "open" (a handshake or a refusal answers), "failed"
    (silence, or unreachable beyond this PC: IPv6 half works, browsers try it first)."""
    found = first([lambda: socket.getaddrinfo(name, port, socket.AF_INET6, socket.SOCK_STREAM)],
                  lambda answer: answer is not None, timeout)
    if not found or not _has_route6(found[0][4]):
        return "none"
    sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(found[0][4])
        return "open"
    except ConnectionRefusedError:
        return "open"
    except OSError:   # silence, or a router beyond saying there is no way: IPv6 only half works
        return "failed"
    finally:
        sock.close()


def _has_route6(address) -> bool:
    """Whether this PC has an IPv6 route to the address (a UDP connect sends nothing)."""
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as probe:
            probe.connect(address)
        return True
    except OSError:
        return False


def icmp_ping(ip: str, count: int, timeout: float, interval: float) -> Ping | None:
    """ICMP echo, or None when this process may not send ICMP at all."""
    import icmplib

    for privileged in (True, False):
        try:
            host = icmplib.ping(ip, count=count, interval=interval, timeout=timeout, privileged=privileged)
        except icmplib.SocketPermissionError:
            continue
        except (icmplib.ICMPLibError, OSError):
            return Ping(ip, "icmp", count, 0)
        return Ping(ip, "icmp", host.packets_sent, host.packets_received, tuple(round(r, 3) for r in host.rtts))
    return None


def tcp_ping(ip: str, count: int, timeout: float, ports=TCP_PROBE_PORTS) -> Ping:
    """RTT of TCP handshakes (or refusals) on the first port that answers (all tried at once:
    a silent host costs one timeout, not one per port)."""
    states = all_at_once(lambda p: tcp_state(ip, p, timeout)[0], ports)
    port = next((p for p, state in zip(ports, states) if state in ("open", "closed")), None)
    if port is None:
        return Ping(ip, "tcp", count, 0)
    return handshakes(ip, [tcp_state(ip, port, timeout) for _ in range(count)])


def handshakes(ip: str, answers: list[tuple[str, float]]) -> Ping:
    """A Ping from a series of TCP handshakes, each (state, seconds). A refusal may be a firewall's
    ICMP message rather than the host's reset, and systems rate-limit those (Linux: a burst of six,
    then one a second): where refusals and silences mix, the silences are no measured loss."""
    rtts = tuple(round(seconds * 1000, 3) for state, seconds in answers if state in ("open", "closed"))
    limited = any(state == "closed" for state, _ in answers) and len(rtts) < len(answers)
    return Ping(ip, "tcp", len(answers), len(rtts), rtts, refusals_only=limited)


def ping(ip: str, count: int = 4, timeout: float = 1.0, interval: float = 0.2) -> Ping:
    return icmp_ping(ip, count, timeout, interval) or tcp_ping(ip, count, timeout)


DISCARD_PORT = 9


def solicit(addresses) -> None:
    """One empty UDP datagram to each address's discard port: the kernel must resolve
    every address with ARP first, which fills the neighbour table without privileges."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setblocking(False)
        for ip in addresses:
            try:
                sock.sendto(b"", (ip, DISCARD_PORT))
            except OSError:  # a full queue or no route: the neighbour table answers for it
                pass


def all_at_once(probe, items) -> list:
    """probe(item) for every item at once (each waits on the network, not the CPU), in item order."""
    import concurrent.futures

    items = list(items)
    if len(items) < 2:
        return [probe(item) for item in items]
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(12, len(items))) as pool:
        return list(pool.map(probe, items))


def first(tasks, good, timeout: float):
    """Run every task at once in daemon threads; the first result ``good`` accepts, as soon as it
    comes, else None once all have answered or ``timeout`` passed. Tasks still running are
    abandoned (daemon threads do not hold the process open)."""
    import queue
    import threading

    answers: queue.Queue = queue.Queue()
    for task in tasks:
        threading.Thread(target=lambda t=task: answers.put(_outcome(t)), daemon=True).start()
    deadline = time.monotonic() + timeout
    for _ in tasks:
        try:
            value = answers.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if good(value):
            return value
    return None


def _outcome(task):
    try:
        return task()
    except Exception:  # noqa: BLE001 — a probe that crashes has simply not answered
        return None
