"""Layer-2 probes with scapy (administrator rights; on Windows also Npcap).

ARP sweep, the RFC 5227 address-conflict probe and a DHCP DISCOVER that collects
every server's offer. scapy is imported on first use only.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from kfield.platform.base import NotSupported


@dataclass(frozen=True)
class Offer:
    server: str                   # DHCP server identifier (option 54), else the IP source
    mac: str                      # Ethernet source of the offer
    offered: str                  # the address offered (yiaddr)


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


def dhcp_offers(iface: str, own_mac: str, wait: float = 2.5) -> list[Offer]:
    """Every DHCP server that answers a DISCOVER on ``iface`` (nothing is leased)."""
    _scapy()
    from scapy.layers.dhcp import BOOTP, DHCP
    from scapy.layers.inet import IP, UDP
    from scapy.layers.l2 import Ether
    from scapy.sendrecv import AsyncSniffer, sendp

    xid = random.getrandbits(32)
    chaddr = bytes.fromhex(own_mac.replace(":", "")) + b"\0" * 10

    def is_offer(pkt) -> bool:
        return BOOTP in pkt and pkt[BOOTP].op == 2 and pkt[BOOTP].xid == xid

    discover = (Ether(dst="ff:ff:ff:ff:ff:ff", src=own_mac) / IP(src="0.0.0.0", dst="255.255.255.255")
                / UDP(sport=68, dport=67) / BOOTP(chaddr=chaddr, xid=xid, flags=0x8000)
                / DHCP(options=[("message-type", "discover"), "end"]))
    sniffer = AsyncSniffer(iface=iface, lfilter=is_offer, store=True)
    _sniff_around(sniffer, lambda: sendp(discover, iface=iface, count=2, inter=0.3, verbose=0), wait)
    offers = {}
    for pkt in sniffer.results or []:
        server = _option(pkt[DHCP].options, "server_id") or pkt[IP].src
        offers[server] = Offer(server, pkt[Ether].src.lower(), pkt[BOOTP].yiaddr)
    return sorted(offers.values(), key=lambda o: o.server)


def _option(options, name: str):
    return next((o[1] for o in options if isinstance(o, tuple) and o[0] == name), None)


def _sniff_around(sniffer, send, wait: float) -> None:
    sniffer.start()
    time.sleep(0.05)  # let the capture socket open before the first frame leaves
    try:
        send()
        time.sleep(wait)
    finally:
        sniffer.stop()
