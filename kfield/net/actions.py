"""NetActions: everything kfield sends on the network, behind one small interface.

Host (kfield.platform) answers facts about this computer; NetActions sends packets. Checks see
both through one object (kfield.machine.Machine); unit tests give a FakeHost that answers only
what it was told. The kfield.net modules are imported inside each action, so `kfield --help`
does not load scapy or dnspython.
"""

from __future__ import annotations

import socket


class NetActions:
    def ping(self, ip: str, count: int = 3, timeout: float = 1.0):
        from kfield.net import probe

        return probe.ping(ip, count=count, timeout=timeout)

    def tcp_state(self, ip: str, port: int, timeout: float = 1.0) -> str:
        from kfield.net import probe

        return probe.tcp_state(ip, port, timeout)[0]

    def dns_ask(self, server: str, name: str = ".", rdtype: str = "NS", timeout: float = 2.0):
        from kfield.net import dnsq

        return dnsq.ask(server, name, rdtype, timeout)

    def web(self, url: str, timeout: float = 5.0, follow: bool = True):
        from kfield.net import web

        return web.probe(url, timeout, follow=follow)

    # The signing chain (kfield/net/signing.py): the local service, the CA's TSA, OCSP and CRL.
    def signing_service(self, url: str, timeout: float = 4.0):
        from kfield.net import signing

        return signing.signing_service(url, timeout)

    def timestamp(self, url: str, timeout: float = 6.0):
        from kfield.net import signing

        return signing.timestamp(url, timeout)

    def ocsp(self, cert_der: bytes, candidates: list[bytes], url: str = "", timeout: float = 6.0,
             rewrites: dict | None = None):
        """OCSP for the certificate at its own responder, rewritten by domain (``url`` when it names none)."""
        from kfield.net import signing

        responder = signing.responder_for(cert_der, url, rewrites)
        issuer = signing.issuer_of(cert_der, candidates, timeout)
        return signing.ocsp_status(cert_der, issuer, responder, timeout)

    def http_answer(self, url: str, timeout: float = 6.0):
        from kfield.net import signing

        return signing.exchange(url, timeout=timeout, max_bytes=1 << 16)

    def crl(self, url: str, timeout: float = 8.0):
        from kfield.net import signing

        return signing.crl(url, timeout)

    def resolve(self, name: str) -> list[str]:
        """Addresses from the system resolver (hosts file, DNS, whatever the OS uses)."""
        infos = socket.getaddrinfo(name, None, socket.AF_INET, socket.SOCK_STREAM)
        return sorted({info[4][0] for info in infos})

    def path_mtu(self, target: str):
        from kfield.net import pmtu

        return pmtu.discover(target)

    def traceroute(self, target: str):
        from kfield.net import trace

        return trace.trace(target)

    def solicit(self, addresses: list[str]) -> None:
        from kfield.net import probe

        probe.solicit(addresses)

    def arp_answers(self, interface: str, ips: list[str]) -> dict[str, str]:
        from kfield.net import layer2

        return layer2.arp_sweep(interface, ips)

    def address_conflicts(self, interface: str, ip: str, mac: str) -> list[str]:
        from kfield.net import layer2

        return layer2.address_conflicts(interface, ip, mac)

    def dhcp_offers(self, interface: str, mac: str) -> list:
        from kfield.net import layer2

        return layer2.dhcp_offers(interface, mac)

    def dhcp_probe(self, interface: str, mac: str):
        """This PC's DISCOVER and a new device's (a fresh random MAC), answered or not."""
        from kfield.net import layer2

        return layer2.dhcp_probe(interface, mac)

    def arp_claimants(self, interface: str, ip: str, mac: str, own_ip: str) -> list[str]:
        from kfield.net import layer2

        return layer2.arp_claimants(interface, ip, mac, own_ip)
