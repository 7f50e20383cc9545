"""The Internet lab plus the faults `kfield diagnose` must tell apart beyond tests/lab/internet.py:
ping filtered beyond the router, a resolver that loses queries, portals whose certificates are
not yet valid or from an untrusted issuer, HTTPS interception, a firewall that drops the portals'
port, a stale DNS server set on the PC.

    extra world services on 198.19.1.x: .13 future (certificate valid from next year),
    .14 untrusted (certificate from a CA nobody trusts).
    Only these two names resolve in the client through its own /etc/hosts (the world's DNS is
    left as tests/lab/internet.py builds it, so its DNS faults still reach every other name).

Everything stays in 198.18.0.0/15 inside the lab's namespaces.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

from tests.lab.internet import NAMES, WORLD, InternetLab, ip
from tests.lab.netns import wait_for

EXTRA = {"future": 13, "untrusted": 14}
INTERCEPT_PORT = 8444
STALE_DNS = "198.18.0.250"   # an address on the LAN where no DNS server has ever been


def extra_ip(name: str) -> str:
    return f"{WORLD}.{EXTRA[name]}"


def portal(name: str) -> str:
    return f"https://{name}.kfield.test/"


@dataclass
class VerdictLab(InternetLab):
    """Build with ``VerdictLab.build()``; always ``close()`` (the ``verdict_lab`` fixture does)."""

    def _wire(self) -> None:
        super()._wire()
        for last in EXTRA.values():
            self.world.run("ip", "addr", "add", f"{WORLD}.{last}/32", "dev", "lo")
        self.client.etc("hosts", "127.0.0.1 localhost\n"   # only the new names: the others stay with DNS faults
                        + "".join(f"{extra_ip(name)} {name}.kfield.test\n" for name in EXTRA))

    def _world_dns(self, last: int, eoffice: str):
        """The world's resolver, returned only once it listens: a fault that restarts it must not
        leave the next test asking a resolver that is still starting."""
        proc = super()._world_dns(last, eoffice)
        wait_for(lambda: bool(self.world.run("ss", "-lnuH", f"src {WORLD}.{last}:53", check=False).stdout.strip()), 5)
        return proc

    def _serve(self, open_ports: bool) -> None:
        super()._serve(open_ports)
        import trustme

        ca = trustme.CA()   # the lab CA's certificates are not reachable from here: a second
        ca.cert_pem.write_to_path(str(self.ca_file), append=True)   # trusted CA serves "future"
        nobody_trusts, inspector = trustme.CA(), trustme.CA(organization_name="FortiGate inspection CA")
        soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=365)
        leaves = {"future": ca.issue_cert("future.kfield.test", not_before=soon, not_after=soon + dt.timedelta(days=90)),
                  "untrusted": nobody_trusts.issue_cert("untrusted.kfield.test"),
                  "intercept": inspector.issue_cert(*(f"{n}.kfield.test" for n in (*NAMES, *EXTRA)))}
        for name, leaf in leaves.items():
            cert, key = self.tmp / f"{name}.pem", self.tmp / f"{name}.key"
            leaf.cert_chain_pems[0].write_to_path(str(cert))
            leaf.private_key_pem.write_to_path(str(key))
            self.certs[name] = f"{cert}:{key}"
        self.procs["web-extra"] = self._web(self.world, f"page:{extra_ip('future')}:443:{self.certs['future']}",
                                            f"page:{extra_ip('untrusted')}:443:{self.certs['untrusted']}")

    def profile(self, *portals: str, **params: object) -> str:
        """The Internet lab's profile with the commune-office contacts the verdict names."""
        path = super().profile(*portals, **params)
        with open(path, "a", encoding="utf-8") as out:
            out.write("contacts:\n"
                      "  provincial_it: {vi: Bộ phận hỗ trợ kỹ thuật cấp tỉnh, en: The provincial technical support desk}\n"
                      "  isp: {vi: Tổng đài kỹ thuật của nhà mạng, en: The provider's support line}\n")
        return path

    # --- faults --------------------------------------------------------------------
    def icmp_filtered(self):
        """The provider drops every ICMP packet coming in from the Internet: no echo replies, no
        traceroute answers beyond the router; DNS, TCP and HTTPS work."""
        return self._rule(self.router, "FORWARD", "-i", "up0", "-p", "icmp", "-j", "DROP")

    def dns_lossy(self, percent: float = 33):
        """The office resolver (the router's dnsmasq) loses a share of the questions it gets."""
        return self._rule(self.router, "INPUT", "-p", "udp", "--dport", "53", "-m", "statistic", "--mode", "random",
                          "--probability", f"{percent / 100:.2f}", "-j", "DROP")

    def lan_loss(self, percent: float = 30):
        """A bad cable or weak Wi-Fi: the PC itself loses a share of every packet it receives."""
        return self._rule(self.client, "INPUT", "-m", "statistic", "--mode", "random", "--probability",
                          f"{percent / 100:.2f}", "-j", "DROP")

    def portal_down(self):
        """The E-Office server's web service is stopped: its host answers, port 443 refuses."""
        return self._rule(self.world, "INPUT", "-d", ip("eoffice"), "-p", "tcp", "--dport", "443", "-j", "REJECT",
                          "--reject-with", "tcp-reset")

    def https_blocked(self):
        """A firewall drops every connection to port 443 on the way out (ping, DNS, HTTP work)."""
        return self._rule(self.router, "FORWARD", "-o", "up0", "-p", "tcp", "--dport", "443", "-j", "DROP")

    @contextlib.contextmanager
    def link_down(self):
        """The cable is out: the client's interface has no carrier."""
        self.client.run("ip", "link", "set", "eth0", "down")
        try:
            yield
        finally:
            self.client.run("ip", "link", "set", "eth0", "up")
            self.client.run("ip", "route", "replace", "default", "via", "198.18.0.1", "dev", "eth0")

    @contextlib.contextmanager
    def stale_dns(self):
        """The PC is set to a DNS server that is gone (an old router's address)."""
        self.client.etc("resolv.conf", f"nameserver {STALE_DNS}\n")
        try:
            yield
        finally:
            self.client.etc("resolv.conf", "nameserver 198.18.0.1\n")

    @contextlib.contextmanager
    def intercepted(self):
        """A TLS-inspecting box on the router answers every HTTPS connection with its own certificate."""
        web = self._web(self.router, f"page:198.18.0.1:{INTERCEPT_PORT}:{self.certs['intercept']}")
        rule = ("PREROUTING", "-i", "br0", "-p", "tcp", "--dport", "443", "-j", "DNAT", "--to-destination",
                f"198.18.0.1:{INTERCEPT_PORT}")
        try:
            with self._rule(self.router, *rule, table="nat"):
                yield
        finally:
            self.router.stop(web)
