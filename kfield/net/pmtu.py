"""Path MTU by don't-fragment ICMP echoes (administrator rights; Linux raw sockets).

Echoes of decreasing size leave with DF set. A size that gets an echo reply fits; a
size answered by "fragmentation needed" (ICMP 3/4) or refused locally with EMSGSIZE
(the kernel learned the path MTU) is too big, and the path says so; a size that gets
no answer at all while smaller ones do is a black hole: a hop drops big packets
without telling anyone, which stalls TLS handshakes and uploads.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import struct
import sys
import time
from dataclasses import dataclass

from kfield.platform.base import NotSupported

SIZES = (1500, 1492, 1472, 1400, 1280, 1200, 1000, 576)   # whole IP packet, bytes
IP_MTU_DISCOVER, IP_PMTUDISC_PROBE = 10, 3
ICMP_ECHO, ICMP_REPLY, ICMP_UNREACH, FRAG_NEEDED = 8, 0, 3, 4


@dataclass(frozen=True)
class PathMtu:
    target: str
    largest_ok: int | None         # the biggest size that got an echo reply
    reported: int | None           # an MTU some hop reported (ICMP 3/4)
    silent_sizes: tuple[int, ...]  # sizes bigger than largest_ok that got no answer at all

    @property
    def black_hole(self) -> bool:
        return bool(self.largest_ok and self.silent_sizes and self.reported is None)


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def echo(ident: int, seq: int, size: int) -> bytes:
    payload = b"k" * max(0, size - 28)
    header = struct.pack("!BBHHH", ICMP_ECHO, 0, 0, ident, seq)
    return struct.pack("!BBHHH", ICMP_ECHO, 0, checksum(header + payload), ident, seq) + payload


def discover(target: str, timeout: float = 1.0, sizes=SIZES) -> PathMtu:
    if not sys.platform.startswith("linux"):
        raise NotSupported("platform.linux_only")
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    except PermissionError:
        raise NotSupported("core.skip.admin") from None
    sock.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE)
    ident, outcomes = os.getpid() & 0xFFFF, {}
    with sock:
        for seq, size in enumerate(sorted(sizes, reverse=True), start=1):
            outcomes[size] = _try(sock, target, ident, seq, size, timeout)
            if outcomes[size][0] == "reply":
                break
    return _summarise(target, outcomes)


def _try(sock, target: str, ident: int, seq: int, size: int, timeout: float) -> tuple[str, int | None]:
    try:
        sock.sendto(echo(ident, seq, size), (target, 0))
    except OSError as exc:
        if exc.errno == errno.EMSGSIZE:
            return "too_big", None
        return "error", None
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([sock], [], [], left)[0]:
            break
        packet = sock.recv(65535)
        verdict = _classify(packet, ident, seq)
        if verdict:
            return verdict
    return "silent", None


def _classify(packet: bytes, ident: int, seq: int) -> tuple[str, int | None] | None:
    header_len = (packet[0] & 0x0F) * 4
    kind, code = packet[header_len], packet[header_len + 1]
    if kind == ICMP_REPLY:
        got_id, got_seq = struct.unpack("!HH", packet[header_len + 4:header_len + 8])
        return ("reply", None) if (got_id, got_seq) == (ident, seq) else None
    if kind == ICMP_UNREACH and code == FRAG_NEEDED:
        return "frag_needed", struct.unpack("!H", packet[header_len + 6:header_len + 8])[0] or None
    return None


def _summarise(target: str, outcomes: dict[int, tuple[str, int | None]]) -> PathMtu:
    replies = [s for s, (kind, _) in outcomes.items() if kind == "reply"]
    largest = max(replies) if replies else None
    reported = next((mtu for kind, mtu in outcomes.values() if kind == "frag_needed" and mtu), None)
    if reported is None and any(kind in ("frag_needed", "too_big") for kind, _ in outcomes.values()):
        reported = largest
    silent = tuple(sorted(s for s, (kind, _) in outcomes.items() if kind == "silent" and largest and s > largest))
    return PathMtu(target, largest, reported, silent)
