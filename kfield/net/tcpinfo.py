"""What the kernel knows about a TCP connection: bytes the peer acknowledged, bytes received,
segments that arrived or reached the peer in any order (Linux ``TCP_INFO``). A speed test that
counts these reports what really crossed the link, not what was handed to a socket buffer; and
counting segments as they arrive (not only once the bytes before them are there) keeps a lost
packet's wait for its retransmission from reading as a slow link.

Other systems (Windows, macOS) give None; callers then count server responses instead.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

# struct tcp_info (include/uapi/linux/tcp.h): offsets of the fields read here; all present since
# Linux 4.19 (bytes_sent/bytes_retrans are the newest of them).
_SIZE = 232
_FIELDS = {"snd_mss": (16, "I"), "rcv_mss": (20, "I"), "rtt_us": (68, "I"), "bytes_acked": (120, "Q"),
           "bytes_received": (128, "Q"), "segs_out": (136, "I"), "segs_in": (140, "I"), "data_segs_in": (152, "I"),
           "delivered": (192, "I"), "bytes_sent": (200, "Q"), "bytes_retrans": (208, "Q")}
# What one segment costs on the wire beyond its payload: Ethernet 14, IPv4 20 (IPv6 40), TCP 20 and its
# options (timestamps 12, SACK blocks up to 26 more on ACKs after a loss): taken high, so that what the
# counters say crossed the network card is never less than the card's own counters.
HEADER = 90


@dataclass(frozen=True)
class TcpCounters:
    snd_mss: int
    rcv_mss: int
    rtt_us: int
    bytes_acked: int          # sent, acknowledged in order by the peer
    bytes_received: int       # received in order
    segs_out: int             # segments sent, pure ACKs and retransmissions included
    segs_in: int              # segments received, pure ACKs included
    data_segs_in: int         # data segments that arrived, out of order and retransmitted ones included
    delivered: int            # segments the peer has, acknowledged or SACKed (in order or not)
    bytes_sent: int
    bytes_retrans: int

    @property
    def arrived(self) -> int:
        """Payload bytes that reached this end, whether or not in order (link level, download)."""
        return self.data_segs_in * self.rcv_mss

    @property
    def on_wire(self) -> int:
        """Bytes this connection has moved through the network card, both ways, since it opened:
        handshakes, TLS, requests, data, ACKs and retransmissions, with every segment's headers."""
        return max(self.bytes_received, self.arrived) + self.bytes_sent + (self.segs_in + self.segs_out) * HEADER

    @property
    def reached_peer(self) -> int:
        """Payload bytes the peer has (ACKed or SACKed) (link level, upload)."""
        return self.delivered * self.snd_mss


def parse(raw: bytes) -> TcpCounters | None:
    """The counters out of a raw ``TCP_INFO`` reply; None when the kernel's struct is too old."""
    if len(raw) < _SIZE:
        return None
    return TcpCounters(**{name: struct.unpack_from("<" + kind, raw, offset)[0]
                          for name, (offset, kind) in _FIELDS.items()})


def read(sock: socket.socket) -> TcpCounters | None:
    """This connection's counters, or None where the system does not expose them."""
    option = getattr(socket, "TCP_INFO", None)
    if option is None:
        return None
    try:
        return parse(sock.getsockopt(socket.IPPROTO_TCP, option, _SIZE))
    except OSError:
        return None
