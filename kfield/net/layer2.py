"""Layer-2 probes with scapy (administrator rights; on Windows also Npcap).

ARP sweep, the RFC 5227 address-conflict probe, every MAC answering for one address, and DHCP
DISCOVERs (this PC's, and a new device's with a fresh MAC) that collect every server's offer.
scapy is imported on first use only.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

from kfield.platform.base import NotSupported


@dataclass(frozen=True)
class Offer:
    server: str                   # DHCP server identifier (option 54), else the IP source
    mac: str                      # Ethernet source of the offer
    offered: str                  # the address offered (yiaddr)
    after_s: float = 0.0          # seconds from the first DISCOVER to this server's first offer


def _scapy():
    try:
        from scapy import config, layers, sendrecv  # noqa: F401
        import scapy.layers.dhcp  # noqa: F401
        import scapy.layers.l2  # noqa: F401
    except ImportError:
        raise NotSupported("net.no_scapy") from None
    except OSError as exc:  # Windows without Npcap
        raise NotSupported("net.no_capture", reason=str(exc)[:80]) from None
    config.conf.verb = 0
    return config.conf


def arp_sweep(iface: str, ips: list[str], wait: float = 0.5, rounds: int = 2) -> dict[str, str]:
    """{ip: mac} of every address that answered an ARP request.

    Every address is asked ``rounds`` times back to back (a lost request or reply is
    covered without a second timeout), then replies are collected for ``wait`` seconds.
    """
    _scapy()
    from scapy.layers.l2 import ARP, Ether
    from scapy.sendrecv import AsyncSniffer, sendp

    wanted = set(ips)

    def is_answer(pkt) -> bool:
        return ARP in pkt and pkt[ARP].op == 2 and pkt[ARP].psrc in wanted

    frames = [Ether(dst="ff:ff:ff:ff:ff:ff") / ARP(pdst=ip) for ip in ips] * rounds
    sniffer = AsyncSniffer(iface=iface, lfilter=is_answer, store=True)
    _sniff_around(sniffer, lambda: sendp(frames, iface=iface, verbose=0), wait)
    return {pkt[ARP].psrc: pkt[ARP].hwsrc.lower() for pkt in sniffer.results or []}


def address_conflicts(iface: str, ip: str, own_mac: str, probes: int = 2, wait: float = 1.0) -> list[str]:
    """MACs other than ours that claim ``ip`` (RFC 5227 probe: sender address 0.0.0.0)."""
    _scapy()
    from scapy.layers.l2 import ARP, Ether
    from scapy.sendrecv import AsyncSniffer, sendp

    def claims(pkt) -> bool:
        return ARP in pkt and pkt[ARP].psrc == ip and pkt[ARP].hwsrc.lower() != own_mac.lower()

    sniffer = AsyncSniffer(iface=iface, lfilter=claims, store=True)
    probe = Ether(dst="ff:ff:ff:ff:ff:ff", src=own_mac) / ARP(op=1, hwsrc=own_mac, psrc="0.0.0.0", pdst=ip)
    _sniff_around(sniffer, lambda: sendp(probe, iface=iface, count=probes, inter=0.2, verbose=0), wait)
    return sorted({pkt[ARP].hwsrc.lower() for pkt in sniffer.results or []})


@dataclass(frozen=True)
class DhcpProbe:
    """What DHCP answered this PC and what it answered a device it has never seen."""

    own: tuple[Offer, ...]        # DISCOVER with this PC's MAC
    fresh: tuple[Offer, ...]      # DISCOVER with a fresh random MAC, as a new device would ask
    fresh_mac: str


def random_mac() -> str:
    """A fresh locally-administered unicast MAC (bit 1 of the first octet set, bit 0 clear), so it
    can be no manufacturer's card."""
    octets = bytearray(random.getrandbits(8) for _ in range(6))
    octets[0] = (octets[0] & 0xFC) | 0x02
    return ":".join(f"{b:02x}" for b in octets)


def discover_frame(own_mac: str, client_mac: str, xid: int):
    """A broadcast DISCOVER for ``client_mac`` (chaddr), sent from this PC's own MAC: the frame's
    source stays the card's, so a switch with port security sees no new device. Only a DISCOVER is
    ever sent (never a REQUEST): no lease is taken, nothing is released or declined."""
    from scapy.layers.dhcp import BOOTP, DHCP
    from scapy.layers.inet import IP, UDP
    from scapy.layers.l2 import Ether

    chaddr = bytes.fromhex(client_mac.replace(":", "")) + b"\0" * 10
    return (Ether(dst="ff:ff:ff:ff:ff:ff", src=own_mac) / IP(src="0.0.0.0", dst="255.255.255.255")
            / UDP(sport=68, dport=67) / BOOTP(chaddr=chaddr, xid=xid, flags=0x8000)
            / DHCP(options=[("message-type", "discover"), "end"]))


def dhcp_offers(iface: str, own_mac: str, wait: float = 2.5) -> list[Offer]:
    """The DHCP servers that answer a DISCOVER for this PC's MAC on ``iface`` (nothing is leased): the
    listening ends ``ANSWERED_GRACE_S`` after the first offer (a server answers a PC it has a lease
    for at once), or after ``wait`` when none comes. Finding every server is dhcp_probe's work."""
    return list(_discover(iface, own_mac, [own_mac], 0.0, wait)[0])


RETRANSMIT_S = 4.0   # a DHCP client's first retransmission (RFC 2131 §4.1: about 4 s)
# Listening goes on this long after the last awaited offer: a second server that pings the address it
# offers, as the first did, answers within its scheduling jitter of the first (both started their 3 s
# wait on the same broadcast); it was 1 s, the longest part of a healthy diagnosis.
ANSWERED_GRACE_S = 0.4


def dhcp_probe(iface: str, own_mac: str, wait: float = 2.5, new_device_wait: float = 7.5) -> DhcpProbe:
    """This PC's DISCOVER and a new device's (fresh MAC, fresh xid) in one listening window. A server
    answers a device it has a lease for at once, but may first ping the address it means to offer a
    new one (dnsmasq waits 3 s for the echo, one address at a time: measured in the lab, 3.2 s for
    the first new device, 6.5 s for a second one asked at once): the window stays open up to
    ``new_device_wait`` while the new device has no offer, and ``ANSWERED_GRACE_S`` after its first. A
    DISCOVER still unanswered after 4 s is sent again, as a real client retransmits (RFC 2131 §4.1),
    so a server slow to answer the first one is not read as a full pool."""
    fresh_mac = random_mac()
    own, fresh = _discover(iface, own_mac, [own_mac, fresh_mac], wait, new_device_wait)
    return DhcpProbe(own, fresh, fresh_mac)


def _discover(iface: str, own_mac: str, clients: list[str], wait: float,
              longest: float = 0.0) -> list[tuple[Offer, ...]]:
    _scapy()
    from scapy.layers.dhcp import BOOTP, DHCP
    from scapy.layers.inet import IP
    from scapy.layers.l2 import Ether
    from scapy.sendrecv import AsyncSniffer, sendp

    xids = [random.getrandbits(32) for _ in clients]

    def is_offer(pkt) -> bool:
        return BOOTP in pkt and pkt[BOOTP].op == 2 and pkt[BOOTP].xid in xids

    frames = [discover_frame(own_mac, mac, xid) for mac, xid in zip(clients, xids)]
    seen: dict[int, float] = {}   # xid → when first answered (results exist only once the sniffer stops)
    def answered(pkt) -> None:   # scapy prints whatever prn returns: nothing
        seen.setdefault(pkt[BOOTP].xid, time.time())

    sniffer = AsyncSniffer(iface=iface, lfilter=is_offer, store=True, prn=answered)

    def done() -> bool:
        """Every client answered; or this PC only after the DISCOVER sent again: the server was away,
        so the new device's offer, still behind its ping, could prove nothing (no full pool is read)."""
        came_back = xids[0] in seen and seen[xids[0]] - sent_at[0] > RETRANSMIT_S
        return set(seen) >= set(xids) or (len(xids) > 1 and came_back)

    def resend() -> None:
        unanswered = [f for f, xid in zip(frames, xids) if xid not in seen]
        if unanswered:
            sendp(unanswered, iface=iface, verbose=0)

    again = threading.Timer(RETRANSMIT_S, resend)
    again.daemon = True

    sent_at = [time.time()]   # capture timestamps are wall-clock seconds

    def send() -> None:
        sent_at[0] = time.time()
        sendp(frames * 2, iface=iface, inter=0.15, verbose=0)
        if longest > RETRANSMIT_S:
            again.start()

    try:
        _sniff_around(sniffer, send, wait, longest, done)
    finally:
        again.cancel()
    offers: list[dict[str, Offer]] = [{} for _ in clients]
    for pkt in sniffer.results or []:
        server = _option(pkt[DHCP].options, "server_id") or pkt[IP].src
        after = round(max(0.0, float(pkt.time) - sent_at[0]), 2)
        offers[xids.index(pkt[BOOTP].xid)].setdefault(server, Offer(server, pkt[Ether].src.lower(),
                                                                    pkt[BOOTP].yiaddr, after))
    return [tuple(sorted(found.values(), key=lambda o: o.server)) for found in offers]


def arp_claimants(iface: str, ip: str, own_mac: str, own_ip: str, wait: float = 0.8) -> list[str]:
    """Every MAC that answers a fresh ARP request for ``ip`` (two = two boxes with one address)."""
    _scapy()
    from scapy.layers.l2 import ARP, Ether
    from scapy.sendrecv import AsyncSniffer, sendp

    def answers(pkt) -> bool:
        return ARP in pkt and pkt[ARP].op == 2 and pkt[ARP].psrc == ip and pkt[ARP].hwsrc.lower() != own_mac.lower()

    sniffer = AsyncSniffer(iface=iface, lfilter=answers, store=True)
    request = Ether(dst="ff:ff:ff:ff:ff:ff", src=own_mac) / ARP(op=1, hwsrc=own_mac, psrc=own_ip, pdst=ip)
    _sniff_around(sniffer, lambda: sendp(request, iface=iface, count=3, inter=0.2, verbose=0), wait)
    return sorted({pkt[ARP].hwsrc.lower() for pkt in sniffer.results or []})


def _option(options, name: str):
    return next((o[1] for o in options if isinstance(o, tuple) and o[0] == name), None)


def _sniff_around(sniffer, send, wait: float, longest: float = 0.0, done=lambda: True) -> None:
    """Listen around ``send`` for ``wait`` seconds, and on up to ``longest`` until ``done()``; once
    done, ``ANSWERED_GRACE_S`` more (a second server answering about as late is not cut off)."""
    sniffer.start()
    time.sleep(0.05)  # let the capture socket open before the first frame leaves
    try:
        start = time.monotonic()
        send()
        time.sleep(wait)
        while time.monotonic() - start < longest and not done():
            time.sleep(0.05)
        if longest and time.monotonic() - start > wait and done():
            time.sleep(ANSWERED_GRACE_S)
    finally:
        sniffer.stop()
