"""The verdict lab plus faults judged by what a user experiences and placed by contrasts: a
resolver that answers every question late, a dead first DNS server, the Internet only through the
office proxy (working, or broken on its own side), a filter on the path that resets one portal's
HTTPS, the international portals down while the domestic ones work.

    extra world services on 198.19.1.x: .15 intl1.kfield.test, .16 intl2.kfield.test,
    .17 cong.kfield.vn (a domestic name), each HTTPS with the lab CA; the client resolves them
    through its /etc/hosts, as tests/lab/verdict.py does its own extra names.
    router: a CONNECT proxy on 198.18.0.1:3128 (tests/lab/proxy.py) while a proxy fault is
    on; a delaying DNS relay on 198.18.0.1:5354 (tests/lab/slowdns.py) while DNS is slow.

Everything stays in 198.18.0.0/15 inside the lab's namespaces.
"""

from __future__ import annotations

import contextlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.lab.internet import WORLD
from tests.lab.verdict import EXTRA, STALE_DNS, VerdictLab, extra_ip

SITES = {"intl1.kfield.test": 15, "intl2.kfield.test": 16, "cong.kfield.vn": 17}
PROXY = "198.18.0.1:3128"
TUNNEL = str(Path(__file__).with_name("proxy.py"))
SLOWDNS = str(Path(__file__).with_name("slowdns.py"))


def site_ip(name: str) -> str:
    return f"{WORLD}.{SITES[name]}"


def site(name: str) -> str:
    return f"https://{name}/"


@dataclass
class ExperienceLab(VerdictLab):
    """Build with ``ExperienceLab.build()``; always ``close()``."""

    def _wire(self) -> None:
        super()._wire()
        for last in SITES.values():
            self.world.run("ip", "addr", "add", f"{WORLD}.{last}/32", "dev", "lo")
        self.client.etc("hosts", "127.0.0.1 localhost\n"
                        + "".join(f"{extra_ip(name)} {name}.kfield.test\n" for name in EXTRA)
                        + "".join(f"{site_ip(name)} {name}\n" for name in SITES))
        self.router.etc("resolv.conf", "nameserver 198.18.0.1\n")   # the proxy resolves through the office DNS

    def _serve(self, open_ports: bool) -> None:
        super()._serve(open_ports)
        specs = []
        for name in SITES:
            leaf = self.ca.issue_cert(name)
            cert, key = self.tmp / f"{name}.pem", self.tmp / f"{name}.key"
            leaf.cert_chain_pems[0].write_to_path(str(cert))
            leaf.private_key_pem.write_to_path(str(key))
            specs.append(f"page:{site_ip(name)}:443:{cert}:{key}")
        self.procs["web-sites"] = self._web(self.world, *specs)

    def profile_with(self, portals, **params) -> str:
        """The verdict lab's profile for these portals, with extra parameters (YAML flow values)."""
        path = Path(self.profile(*portals))
        text = path.read_text().replace("params:\n", "params:\n" + "".join(f"  {k}: {v}\n" for k, v in params.items()), 1)
        path = path.with_name(f"experience-{abs(hash(text)) % 10**8}.yaml")
        path.write_text(text)
        path.chmod(0o644)
        return str(path)

    # --- faults --------------------------------------------------------------------
    @contextlib.contextmanager
    def slow_dns(self, ms: float = 1600):
        """The office resolver holds every answer ``ms`` (questions from the LAN go through a relay)."""
        relay = self.router.python(SLOWDNS, "198.18.0.1:5354", "198.18.0.1:53", str(ms), stdout=subprocess.PIPE,
                                   text=True)
        relay.stdout.readline()
        try:
            with self._rule(self.router, "PREROUTING", "-i", "br0", "-p", "udp", "--dport", "53", "-j", "REDIRECT",
                            "--to-ports", "5354", table="nat"):
                yield
        finally:
            self.router.stop(relay)

    @contextlib.contextmanager
    def dead_first_resolver(self):
        """The PC lists a DNS server that is gone first, the office router second."""
        self.client.etc("resolv.conf", f"nameserver {STALE_DNS}\nnameserver 198.18.0.1\n")
        try:
            yield
        finally:
            self.client.etc("resolv.conf", "nameserver 198.18.0.1\n")

    @contextlib.contextmanager
    def proxy_only(self, refuse: str = ""):
        """The router forwards nothing from the LAN; the office proxy on the router is the only way out
        (``refuse``: it answers every request with that HTTP error, its own way out being broken)."""
        proxy = self.router.python(TUNNEL, PROXY, refuse or "open", stdout=subprocess.PIPE, text=True)
        proxy.stdout.readline()
        saved = dict(self.env)
        self.env.update(https_proxy=f"http://{PROXY}", http_proxy=f"http://{PROXY}", no_proxy="localhost,127.0.0.1")
        try:
            with self._rule(self.router, "FORWARD", "-i", "br0", "-o", "up0", "-j", "DROP"):
                yield
        finally:
            self.env.clear()
            self.env.update(saved)
            self.router.stop(proxy)

    def path_reset(self, name: str = "intl1.kfield.test"):
        """A filter on the router resets every HTTPS connection whose ClientHello names ``name``."""
        return self._rule(self.router, "FORWARD", "-i", "br0", "-p", "tcp", "--dport", "443", "-m", "string",
                          "--string", name, "--algo", "bm", "-j", "REJECT", "--reject-with", "tcp-reset")

    @contextlib.contextmanager
    def international_down(self):
        """The provider's international link is cut: the international sites are unreachable."""
        with self._rule(self.router, "FORWARD", "-i", "br0", "-d", site_ip("intl1.kfield.test"), "-j", "DROP"), \
                self._rule(self.router, "FORWARD", "-i", "br0", "-d", site_ip("intl2.kfield.test"), "-j", "DROP"):
            yield
