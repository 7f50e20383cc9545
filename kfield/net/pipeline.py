"""`lan scan`, pipelined: each host's ports and name are probed as soon as the host answers ARP
(or appears in the neighbour table), not phase after phase; one selector loop, no threads but the
name lookups', and no scapy on the way (its import alone costs ~0.75 s).

Discovery sources (Linux):
- ``RawArp`` (administrator: CAP_NET_RAW): ARP requests for every address from an AF_PACKET
  socket, each host's reply time noted as its round trip;
- ``NeighbourTable`` (anyone): one UDP datagram to every address makes the kernel ARP for it;
  the table is read every ``POLL_S`` and each newly resolved host is probed at once.
A port is open when the handshake completes, closed on a reset; a host that drops TCP (Windows'
firewall by default) is given up after a timeout derived from the measured round trips (ten of
them, between ``MIN_WAIT`` and ``MAX_WAIT``), where a fixed timeout would wait far longer.
"""

from __future__ import annotations

import concurrent.futures
import errno
import selectors
import socket
import statistics
import struct
import time
from dataclasses import dataclass, field

ETH_P_ARP = 0x0806
ROUNDS = 2                 # every address asked twice back to back: a lost frame costs no timeout
SETTLE_ARP = 0.15          # discovery ends this long after the last request (and half of it after a reply)
POLL_S = 0.03
SETTLE_TABLE, MIN_TABLE, CAP_TABLE = 0.25, 0.3, 3.0
RTT_FACTOR, MIN_WAIT, MAX_WAIT = 10, 0.25, 0.8
NAME_WAIT = 1.0
IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY}


def arp_request(src_mac: bytes, src_ip: bytes, dst_ip: bytes) -> bytes:
    """A broadcast Ethernet frame asking who has ``dst_ip`` (RFC 826)."""
    return (b"\xff" * 6 + src_mac + struct.pack("!HHHBBH", ETH_P_ARP, 1, 0x0800, 6, 4, 1)
            + src_mac + src_ip + b"\0" * 6 + dst_ip)


def arp_reply(frame: bytes) -> tuple[str, str] | None:
    """(ip, mac) of the sender of an ARP reply frame, else None."""
    if len(frame) < 42 or frame[12:14] != b"\x08\x06" or frame[20:22] != b"\x00\x02":
        return None
    return socket.inet_ntoa(frame[28:32]), ":".join(f"{b:02x}" for b in frame[22:28])


@dataclass
class Found:
    mac: str
    fresh: bool = True
    rtt: float | None = None
    ports: set[int] = field(default_factory=set)


class RawArp:
    """ARP sweep from an AF_PACKET socket (raises PermissionError without CAP_NET_RAW)."""

    def __init__(self, interface: str, own_mac: str, own_ip: str, addresses: list[str], clock=time.monotonic):
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ARP))
        self.sock.bind((interface, ETH_P_ARP))
        self.sock.setblocking(False)
        mac, ip = bytes.fromhex(own_mac.replace(":", "")), socket.inet_aton(own_ip or "0.0.0.0")
        self.frames = [(a, arp_request(mac, ip, socket.inet_aton(a))) for a in addresses] * ROUNDS
        self.clock, self.asked, self.wanted = clock, {}, set(addresses)
        self.last_sent = self.last_reply = clock()

    def start(self, selector) -> None:
        selector.register(self.sock, selectors.EVENT_READ, self)
        for address, frame in self.frames:
            self.asked.setdefault(address, self.clock())
            _send(self.sock, frame)
        self.last_sent = self.clock()

    def read(self) -> list[tuple[str, str, float | None]]:
        out = []
        while True:
            try:
                reply = arp_reply(self.sock.recv(2048))
            except (BlockingIOError, InterruptedError):
                return out
            if reply and reply[0] in self.wanted:
                self.last_reply = now = self.clock()
                out.append((reply[0], reply[1], now - self.asked.get(reply[0], now)))

    def poll(self) -> list:
        return []

    def done(self) -> bool:
        now = self.clock()
        return now - self.last_sent >= SETTLE_ARP and now - self.last_reply >= SETTLE_ARP / 2

    def close(self) -> None:
        self.sock.close()


def _send(sock: socket.socket, frame: bytes) -> None:
    for _ in range(50):
        try:
            sock.send(frame)
            return
        except (BlockingIOError, OSError) as exc:   # the interface's queue is full: a moment
            if getattr(exc, "errno", None) not in (errno.ENOBUFS, errno.EAGAIN, errno.EWOULDBLOCK):
                raise
            time.sleep(0.001)


class NeighbourTable:
    """Make the kernel resolve every address, then read its table as the answers come in."""

    def __init__(self, host, addresses: list[str], clock=time.monotonic):
        self.host, self.wanted, self.clock = host, set(addresses), clock
        self.started = self.last_new = self.last_poll = clock()
        self.seen: set[str] = set()

    def start(self, selector) -> None:
        self.host.solicit(sorted(self.wanted))
        self.started = self.last_new = self.clock()

    def read(self) -> list:
        return []

    def poll(self) -> list[tuple[str, str, None, bool]]:
        now = self.clock()
        if now - self.last_poll < POLL_S:
            return []
        self.last_poll, out = now, []
        for entry in _table(self.host):
            if entry.ip in self.wanted and entry.ip not in self.seen and entry.mac and "FAILED" not in entry.state:
                self.seen.add(entry.ip)
                self.last_new = now
                out.append((entry.ip, entry.mac, None, entry.state.upper() not in ("STALE", "DELAY", "PROBE")))
        return out

    def stale(self) -> set[str]:
        """Addresses the table holds only from before (its states, read once at the end)."""
        return {e.ip for e in self.host.neighbours() if e.state.upper() in ("STALE", "DELAY", "PROBE")}

    def done(self) -> bool:
        now = self.clock()
        waited = now - self.started
        return waited >= CAP_TABLE or (waited >= MIN_TABLE and now - self.last_new >= SETTLE_TABLE)

    def close(self) -> None:
        pass


def _table(host) -> list:
    """The neighbour table: /proc/net/arp where there is one (read in microseconds, where `ip neigh`
    costs a process per poll; it has no states, so every resolved entry reads as reachable)."""
    try:
        from kfield.platform.linux_net import parse_proc_arp

        with open("/proc/net/arp", encoding="ascii") as table:
            return parse_proc_arp(table.read())
    except (OSError, ImportError, ValueError):
        return host.neighbours()


class Pipeline:
    """Discovery, port probes and name lookups overlapping in one loop."""

    def __init__(self, source, ports, names: bool, clock=time.monotonic, resolver=None, warm=()) -> None:
        """``resolver()`` gives the function ip → name (built in a worker thread: importing the DNS
        library overlaps the sweep, as do the ``warm`` callables, e.g. loading the vendor list)."""
        self.source, self.ports, self.clock = source, tuple(ports), clock
        self.selector = selectors.DefaultSelector()
        self.found: dict[str, Found] = {}
        self.pending: dict[socket.socket, tuple[str, int, float, float]] = {}   # ip, port, sent, deadline
        self.rtts: list[float] = []
        self.names = concurrent.futures.ThreadPoolExecutor(16) if names and resolver else None
        self.lookups: dict[str, concurrent.futures.Future] = {}
        self.resolve = self.names.submit(resolver) if self.names else None
        for job in warm if self.names else ():
            self.names.submit(job)

    def run(self, extra: dict[str, str] | None = None) -> dict[str, Found]:
        try:
            self.source.start(self.selector)
            for ip, mac in (extra or {}).items():   # this PC: never in its own neighbour table
                self._new(ip, mac, None, True)
            while not (self.source.done() and not self.pending):
                self._step()
            return self.found
        finally:
            self._close()

    def _step(self) -> None:
        now = self.clock()
        wait = min([POLL_S, *(deadline - now for *_, deadline in self.pending.values())])
        for key, _ in self.selector.select(max(0.0, wait)):
            if key.data is self.source:
                for ip, mac, rtt in self.source.read():
                    self._new(ip, mac, rtt, True)
            else:
                self._answered(key.fileobj)
        for ip, mac, rtt, fresh in self.source.poll():
            self._new(ip, mac, rtt, fresh)
        self._expire()

    def _new(self, ip: str, mac: str, rtt: float | None, fresh: bool) -> None:
        if ip in self.found:
            return
        self.found[ip] = Found(mac, fresh, rtt)
        if self.names is not None:
            self.lookups[ip] = self.names.submit(self._name, ip)
        deadline = self.clock() + self._wait(rtt)
        for port in self.ports:
            self._connect(ip, port, deadline)

    def _name(self, ip: str) -> str:
        lookup = self.resolve.result()
        return lookup(ip) if lookup else ""

    def _wait(self, rtt: float | None) -> float:
        """How long a silent port is waited for: ten round trips of this host (its ARP reply),
        else of the handshakes seen so far, within MIN_WAIT..MAX_WAIT."""
        known = rtt if rtt is not None else (statistics.median(self.rtts) if self.rtts else None)
        return MAX_WAIT if known is None else min(MAX_WAIT, max(MIN_WAIT, RTT_FACTOR * known))

    def _connect(self, ip: str, port: int, deadline: float) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        code = sock.connect_ex((ip, port))
        if code in IN_PROGRESS:
            self.pending[sock] = (ip, port, self.clock(), deadline)
            self.selector.register(sock, selectors.EVENT_WRITE, None)
            return
        if code == 0:
            self.found[ip].ports.add(port)
        sock.close()

    def _answered(self, sock: socket.socket) -> None:
        ip, port, sent, _ = self.pending.pop(sock)
        self.selector.unregister(sock)
        code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if code in (0, errno.ECONNREFUSED):   # an answer either way: a round trip to learn from
            self.rtts.append(self.clock() - sent)
        if code == 0:
            self.found[ip].ports.add(port)
        sock.close()

    def _expire(self) -> None:
        now = self.clock()
        for sock, (*_, deadline) in list(self.pending.items()):
            if deadline <= now:
                del self.pending[sock]
                self.selector.unregister(sock)
                sock.close()

    def hostnames(self) -> dict[str, str]:
        out = {}
        for ip, future in self.lookups.items():
            try:
                name = future.result(timeout=NAME_WAIT)
            except (concurrent.futures.TimeoutError, Exception):  # noqa: BLE001 — a name is optional
                name = ""
            if name:
                out[ip] = name
        if self.names is not None:
            self.names.shutdown(wait=False, cancel_futures=True)
        return out

    def _close(self) -> None:
        for sock in list(self.pending):
            sock.close()
        self.pending.clear()
        self.selector.close()
        self.source.close()
