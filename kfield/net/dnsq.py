"""One DNS question to one server (dnspython), answered or not, with its time."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class DnsAnswer:
    server: str
    answered: bool
    rcode: str = ""               # NOERROR, NXDOMAIN, SERVFAIL, REFUSED …
    addresses: tuple[str, ...] = ()
    ms: float | None = None
    error: str = ""


def ask(server: str, name: str, rdtype: str = "A", timeout: float = 2.0) -> DnsAnswer:
    """Any reply, even REFUSED, proves the server is reachable and speaking DNS."""
    import dns.exception
    import dns.message
    import dns.query
    import dns.rcode

    query = dns.message.make_query(name, rdtype)
    started = time.perf_counter()
    try:
        reply = dns.query.udp(query, server, timeout=timeout)
    except (dns.exception.Timeout, OSError) as exc:
        return DnsAnswer(server, False, error=type(exc).__name__)
    except dns.exception.DNSException as exc:
        return DnsAnswer(server, False, error=str(exc)[:120])
    ms = round((time.perf_counter() - started) * 1000, 2)
    found = tuple(item.address for rrset in reply.answer for item in rrset if hasattr(item, "address"))
    return DnsAnswer(server, True, dns.rcode.to_text(reply.rcode()), found, ms)
