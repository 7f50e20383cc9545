"""Traceroute with ICMP echoes of rising TTL (scapy; administrator rights)."""

from __future__ import annotations

from dataclasses import dataclass

from kfield.net.layer2 import _scapy


@dataclass(frozen=True)
class Hop:
    ttl: int
    ip: str                       # "" when the hop did not answer
    ms: float | None = None


def trace(target: str, max_hops: int = 15, timeout: float = 2.0) -> tuple[list[Hop], bool]:
    """(hops in order, whether the target itself answered)."""
    _scapy()
    from scapy.layers.inet import ICMP, IP
    from scapy.sendrecv import sr

    answered, _ = sr(IP(dst=target, ttl=(1, max_hops)) / ICMP(), timeout=timeout, verbose=0)
    by_ttl = {sent.ttl: (reply.src, round((reply.time - sent.sent_time) * 1000, 1)) for sent, reply in answered}
    reached = [ttl for ttl, (ip, _) in by_ttl.items() if ip == target]
    last = min(reached) if reached else max(by_ttl, default=0)
    hops = [Hop(ttl, *by_ttl.get(ttl, ("", None))) for ttl in range(1, last + 1)]
    return hops, bool(reached)
