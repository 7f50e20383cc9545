"""The fault library: every fault kind and false-alarm trap the namespace lab can put an office in,
each with the place a correct verdict of `kfield diagnose` names (`KINDS`).

`FaultLab` is the verdict lab (tests/lab/verdict.py) plus what commune offices meet beyond it:

    world, "domestic" (198.19.1.x): .60 e500, .61 e502, .62 e503, .63 hang, .64 partial, .65 loop,
        .66 slow: portals that fail after a good TLS handshake (tests/lab/webserver.py kinds)
    world, "foreign" (198.19.2.x): .10 intl1, .11 intl2 — two healthy portals abroad, in every
        profile beside the E-Office, so international faults have something to hit
    router: the office proxy on 198.18.0.1:3128 (tests/lab/proxy.py) when a fault starts it;
        a misbehaving resolver (tests/lab/dnsrelay.py) put in front of dnsmasq by DNAT
    IPv6: fd00:18::1/64 on the router's LAN, fd00:18::100/64 on the PC, when a fault adds them

A fault is a method of `FaultLab` returning a context manager that puts everything back; a kind
is one `Kind` entry naming that method, its one-line description and the expected place.
Everything stays in 198.18.0.0/15 (and fd00::/8) inside the lab's namespaces.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.lab.internet import PORTAL, WORLD
from tests.lab.netns import wait_for
from tests.lab.office import GATEWAY, NET
from tests.lab.verdict import STALE_DNS, VerdictLab, portal

HERE = Path(__file__).parent
BROKEN = {"e500": 60, "e502": 61, "e503": 62, "hang": 63, "partial": 64, "loop": 65, "slow": 66}
FOREIGN_NET = "198.19.2"
FOREIGN = {"intl1": 10, "intl2": 11}
PROXY_PORT, DEAD_PROXY_PORT, RELAY_PORT = 3128, 3129, 5300
WRONG_GATEWAY = f"{NET}.254"          # nobody there
DEAD_DNS = f"{WORLD}.153"             # beyond the router, where questions vanish without an answer
IMPOSTOR_MAC = "3c:d9:2b:0b:ad:01"
LAN6, WORLD6 = "fd00:18::", "fd00:19::"
FAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"


def foreign_ip(name: str) -> str:
    return f"{FOREIGN_NET}.{FOREIGN[name]}"


def broken_ip(name: str) -> str:
    return f"{WORLD}.{BROKEN[name]}"


PORTALS = (PORTAL, portal("intl1"), portal("intl2"))   # every profile: one domestic, two foreign


@dataclass
class FaultLab(VerdictLab):
    """Build with ``FaultLab.build()``; always ``close()`` (the ``fault_lab`` fixture does)."""

    aaaa: str = ""      # extra AAAA lines the world's resolver serves while a fault wants them
    missing: str = ""   # a name of this lab the world's resolver leaves out while a fault wants it

    # --- wiring and services ---------------------------------------------------------
    def _wire(self) -> None:
        super()._wire()
        for last in BROKEN.values():
            self.world.run("ip", "addr", "add", f"{WORLD}.{last}/32", "dev", "lo")
        for last in FOREIGN.values():
            self.world.run("ip", "addr", "add", f"{FOREIGN_NET}.{last}/32", "dev", "lo")
        self.router.etc("resolv.conf", f"nameserver {GATEWAY}\n")   # the proxy resolves through the office DNS

    def _world_hosts(self) -> str:
        names = {**{n: broken_ip(n) for n in BROKEN}, **{n: foreign_ip(n) for n in FOREIGN}}
        return "".join(f"{addr} {name}.kfield.test\n" for name, addr in names.items() if name != self.missing) + self.aaaa

    def _serve(self, open_ports: bool) -> None:
        super()._serve(open_ports)
        leaves = {n: self.ca.issue_cert(f"{n}.kfield.test") for n in (*BROKEN, *FOREIGN)}
        for name, leaf in leaves.items():
            cert, key = self.tmp / f"{name}.pem", self.tmp / f"{name}.key"
            leaf.cert_chain_pems[0].write_to_path(str(cert))
            leaf.private_key_pem.write_to_path(str(key))
            self.certs[name] = f"{cert}:{key}"
        specs = [f"{n}:{broken_ip(n)}:443:{self.certs[n]}" for n in BROKEN]
        specs += [f"page:{foreign_ip(n)}:443:{self.certs[n]}" for n in FOREIGN]
        self.procs["web-faults"] = self._web(self.world, *specs)
        self._settled()

    def _settled(self) -> None:
        """Every resolver of the lab answers before the first test: under load a resolver that was
        still starting made a healthy office look like a DNS fault."""
        for server in (GATEWAY, f"{WORLD}.53", f"{WORLD}.54"):
            if not wait_for(lambda: self.answers(server, "eoffice.kfield.test"), 15, 0.2):
                raise RuntimeError(f"the lab's resolver {server} does not answer")

    def answers(self, server: str, name: str) -> bool:
        """Whether ``server`` answers an A question for ``name`` from the router, within 1 s."""
        return self._ask(server, name) in (0, 3)

    def answers_name(self, server: str, name: str) -> bool:
        """Whether ``server`` answers with an address for ``name`` (not NXDOMAIN, not silence)."""
        return self._ask(server, name) == 0

    def _ask(self, server: str, name: str) -> int:
        return self.router.run(sys.executable, str(HERE / "dnsrelay.py"), "ask", server, name, check=False).returncode

    def profile(self, *portals: str, **params: object) -> str:
        """The verdict lab's profile with the default portals, and the timestamp server's HTTP Date as
        the clock's reference (no NTP server in the lab, as in offices where UDP 123 is blocked)."""
        return super().profile(*(portals or PORTALS), **{"time_http_url": "http://tsa.kfield.test/", **params})

    def _restart_world_dns(self, *lasts: int) -> None:
        """The world's resolvers (default: the provider's, 198.19.1.53) restarted with the hosts of now."""
        for last in lasts or (53,):
            self.stop(f"dns{last}")
            self.procs[f"dns{last}"] = self._world_dns(last, f"{WORLD}.10")

    @contextlib.contextmanager
    def _env(self, **values: str):
        before = dict(self.env)
        self.env.update(values)
        try:
            yield
        finally:
            self.env.clear()
            self.env.update(before)

    @contextlib.contextmanager
    def _resolv(self, *servers: str):
        self.client.etc("resolv.conf", "".join(f"nameserver {s}\n" for s in servers))
        try:
            yield
        finally:
            self.client.etc("resolv.conf", f"nameserver {GATEWAY}\n")

    @contextlib.contextmanager
    def _started(self, ns, *argv: str):
        """A lab script (it prints "ready") running in ``ns`` while the block runs."""
        proc = ns.python(*argv, stdout=subprocess.PIPE, text=True)
        if proc.stdout.readline().strip() != "ready":
            ns.stop(proc)
            raise RuntimeError(f"{argv[0]} did not start in {ns.name}")
        try:
            yield proc
        finally:
            ns.stop(proc)

    # --- DNS ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def _bad_resolver(self, *mode: str):
        """The office resolver's answers pass through dnsrelay.py first (DNAT of the LAN's port 53)."""
        relay = (str(HERE / "dnsrelay.py"), f"{GATEWAY}:{RELAY_PORT}", f"{GATEWAY}:53", *mode)
        rule = ("PREROUTING", "-i", "br0", "-p", "udp", "--dport", "53", "-j", "DNAT", "--to-destination",
                f"{GATEWAY}:{RELAY_PORT}")
        with self._started(self.router, *relay), self._rule(self.router, *rule, table="nat"):
            yield

    def dns_slow(self):
        """The office resolver holds every answer 1.5-2 s (an overloaded or far provider resolver)."""
        return self._bad_resolver("delay", "1500", "2000")

    def dns_refused(self):
        """The office resolver answers REFUSED to every question (a router whose DNS was switched off)."""
        return self._bad_resolver("refuse")

    def dns_servfail(self):
        """The office resolver answers SERVFAIL to every question (its upstream is broken)."""
        return self._bad_resolver("servfail")

    def dns_first_dead(self):
        """The PC's first DNS server is gone, the second works: every name resolves after a 5 s wait."""
        return self._resolv(DEAD_DNS, GATEWAY)

    def dns_tcp_blocked(self):
        """DNS over TCP is dropped, DNS over UDP works (many provider boxes): nothing a user notices."""
        return self._rule(self.router, "INPUT", "-i", "br0", "-p", "tcp", "--dport", "53", "-j", "DROP")

    @contextlib.contextmanager
    def _portal_aaaa(self):
        self.aaaa = f"{WORLD6}10 eoffice.kfield.test\n"
        self._restart_world_dns()
        try:
            yield
        finally:
            self.aaaa = ""
            self._restart_world_dns()

    @contextlib.contextmanager
    def portal_nxdomain(self):
        """One foreign portal's name is gone from DNS (its owner's record deleted: every resolver says
        NXDOMAIN for it, the reference resolver too); the other names resolve."""
        self.missing = "intl2"
        self._restart_world_dns(53, 54)
        try:
            yield
        finally:
            self.missing = ""
            self._restart_world_dns(53, 54)

    # --- proxy -------------------------------------------------------------------------
    @contextlib.contextmanager
    def _proxied(self, port: int, mode: str | None):
        """The router forwards nothing from the LAN; the PC is set to use a proxy on the router."""
        url = f"http://{GATEWAY}:{port}"
        forward = ("FORWARD", "-i", "br0", "-j", "REJECT")
        server = (self._started(self.router, str(HERE / "proxy.py"), f"{GATEWAY}:{port}", mode) if mode
                  else contextlib.nullcontext())
        with server, self._rule(self.router, *forward), self._env(http_proxy=url, https_proxy=url,
                                                                   HTTP_PROXY=url, HTTPS_PROXY=url):
            yield

    def proxy_only(self):
        """The Internet only through the office proxy (the router forwards nothing else; https_proxy set)."""
        return self._proxied(PROXY_PORT, "open")

    def proxy_down(self):
        """The PC is set to a proxy that does not answer; the router forwards nothing else."""
        return self._proxied(DEAD_PROXY_PORT, None)

    def proxy_auth(self):
        """The office proxy answers 407 (login required) to everything; the router forwards nothing else."""
        return self._proxied(PROXY_PORT, "auth")

    # --- the PC ------------------------------------------------------------------------
    def clock_behind(self):
        """The PC's clock is 400 days behind (a dead CMOS battery; libfaketime): web servers' Date headers disagree."""
        return self._env(LD_PRELOAD=FAKETIME, FAKETIME="-400d", FAKETIME_DONT_FAKE_MONOTONIC="1")

    @contextlib.contextmanager
    def wrong_gateway(self):
        """A static address whose default gateway is an address where nothing answers."""
        self.stop("dhclient")
        self.client.run("ip", "route", "replace", "default", "via", WRONG_GATEWAY, "dev", "eth0")
        try:
            yield
        finally:
            self.client.run("ip", "route", "replace", "default", "via", GATEWAY, "dev", "eth0")
            self.lease()
            wait_for(lambda: f"via {GATEWAY}" in self.client.run("ip", "route", "show", "default").stdout, 10)

    # --- the LAN -------------------------------------------------------------------------
    @contextlib.contextmanager
    def dhcp_pool_exhausted(self):
        """The DHCP pool is full: this PC keeps its reserved lease, a new device gets nothing."""
        mine, taken = self.client_ip(), f"{NET}.100"
        self.stop("dnsmasq")
        expiry = int(time.time()) + 3600
        leases = self.tmp / "leases-main"
        kept = leases.read_text() if leases.exists() else ""   # this PC's lease: the next kind starts as before
        leases.write_text(f"{expiry} 00:14:22:aa:aa:01 {taken} other-pc *\n")
        self.procs["dnsmasq"] = self._dnsmasq(self.router, "main", GATEWAY, f"{taken},{taken}",
                                              upstream=self.upstream,
                                              extra=(f"--dhcp-host={self.client_mac()},{mine}",))
        try:
            yield
        finally:
            self.stop("dnsmasq")
            leases.write_text(kept)
            self.procs["dnsmasq"] = self._office_dns()

    @contextlib.contextmanager
    def router_impostor(self):
        """Another box on the LAN has the router's address and keeps claiming it (gratuitous ARP)."""
        self.add_dummy("imp", GATEWAY, IMPOSTOR_MAC)
        router_mac = self.router.run("cat", "/sys/class/net/br0/address").stdout.strip()
        # The PC had been talking to the router: a gratuitous ARP overrides an entry, it creates none.
        self.client.run("ip", "neigh", "replace", GATEWAY, "lladdr", router_mac, "dev", "eth0", "nud", "reachable")
        try:
            with self._started(self.dummies, str(HERE / "garp.py"), "imp", GATEWAY, IMPOSTOR_MAC):
                wait_for(lambda: IMPOSTOR_MAC in self.client.run("ip", "neigh", "show", GATEWAY).stdout, 3)
                yield
        finally:
            self.dummies.run("ip", "link", "del", "imp", check=False)
            self.client.run("ip", "neigh", "flush", "dev", "eth0", check=False)

    @contextlib.contextmanager
    def _looping(self, ns, script: str, restore: tuple[str, ...]):
        proc = ns.spawn("sh", "-c", script)
        try:
            yield
        finally:
            ns.stop(proc)
            ns.run(*restore, check=False)

    def flapping(self):
        """The PC's link goes down and up every second (a loose connector, a failing switch port)."""
        loop = "while :; do ip link set pc down; sleep 1; ip link set pc up; sleep 1; done"
        return self._looping(self.router, loop, ("ip", "link", "set", "pc", "up"))

    @contextlib.contextmanager
    def router_reboot(self):
        """The router reboots during the run: silent for its first 4 s, then back."""
        script = ("iptables -I INPUT -i br0 -j DROP; iptables -I FORWARD -j DROP; sleep 4; "
                  "iptables -D INPUT -i br0 -j DROP; iptables -D FORWARD -j DROP; sleep 600")
        proc = self.router.spawn("sh", "-c", script)
        wait_for(lambda: "DROP" in self.router.run("iptables", "-S", "FORWARD").stdout, 2)
        try:
            yield
        finally:
            self.router.stop(proc)
            for chain in (("INPUT", "-i", "br0"), ("FORWARD",)):
                while self.router.run("iptables", "-D", *chain, "-j", "DROP", check=False).returncode == 0:
                    pass

    # --- the uplink and beyond ------------------------------------------------------------
    def uplink_flapping(self):
        """The provider's line drops and comes back every second."""
        loop = "while :; do ip link set br0 down; sleep 1; ip link set br0 up; sleep 1; done"
        return self._looping(self.isp, loop, ("ip", "link", "set", "br0", "up"))

    def router_no_ping(self):
        """The router ignores ping (its firewall drops echo requests) and routes everything: not a fault."""
        return self._rule(self.router, "INPUT", "-i", "br0", "-p", "icmp", "--icmp-type", "echo-request",
                          "-j", "DROP")

    @contextlib.contextmanager
    def pppoe_mtu(self):
        """A PPPoE line: MTU 1492 on the uplink, with the router's "fragmentation needed" working."""
        self.router.run("ip", "link", "set", "up0", "mtu", "1492")
        self.world.run("ip", "link", "set", "eth0", "mtu", "1492")
        try:
            yield
        finally:
            self.router.run("ip", "link", "set", "up0", "mtu", "1500")
            self.world.run("ip", "link", "set", "eth0", "mtu", "1500")
            self.client.run("ip", "route", "flush", "cache", check=False)

    def satellite(self):
        """A satellite office (Trường Sa): 600 ms round trip, everything works; the profile says so."""
        return self.delay(600)

    @contextlib.contextmanager
    def _relay(self, delay_ms: float, loss: float, prefix: str | None = None):
        self.isp.run("ip", "link", "del", "br0")
        argv = [str(HERE / "relay.py"), "ir", "iw", str(delay_ms), str(loss), *([prefix] if prefix else [])]
        try:
            with self._started(self.isp, *argv):
                yield
        finally:
            self._bridge_isp()

    def intl_loss(self):
        """Undersea cable trouble: 40 % loss to and from foreign servers only; domestic ones are fine."""
        return self._relay(0, 40, f"{FOREIGN_NET}.0/24")

    def intl_delay(self):
        """Undersea cable trouble: foreign servers 900 ms away (rerouted), domestic ones are fine."""
        return self._relay(450, 0, f"{FOREIGN_NET}.0/24")

    def intl_down(self):
        """The international link is cut: nothing abroad answers, domestic servers do."""
        return self._rule(self.router, "FORWARD", "-d", f"{FOREIGN_NET}.0/24", "-j", "DROP")

    def reset_filter(self):
        """A filter on the path resets every HTTPS connection to one class of sites (the foreign ones)."""
        return self._rule(self.router, "FORWARD", "-d", f"{FOREIGN_NET}.0/24", "-p", "tcp", "--dport", "443",
                          "-j", "REJECT", "--reject-with", "tcp-reset")

    @contextlib.contextmanager
    def _ipv6(self):
        self.router.run("ip", "addr", "add", f"{LAN6}1/64", "dev", "br0", "nodad")
        self.client.run("ip", "addr", "add", f"{LAN6}100/64", "dev", "eth0", "nodad")
        self.client.run("ip", "-6", "route", "add", "default", "via", f"{LAN6}1", "dev", "eth0")
        try:
            yield
        finally:
            self.client.run("ip", "-6", "route", "del", "default", check=False)
            self.client.run("ip", "addr", "del", f"{LAN6}100/64", "dev", "eth0", check=False)
            self.router.run("ip", "addr", "del", f"{LAN6}1/64", "dev", "br0", check=False)

    @contextlib.contextmanager
    def ipv6_half(self):
        """An IPv6 address and default route that go nowhere, and the E-Office published with an AAAA."""
        with self._ipv6(), self._portal_aaaa():
            yield

    def ipv6_unused(self):
        """An IPv6 address and default route that go nowhere, and no name with an AAAA: not a fault."""
        return self._ipv6()

    # --- combinations ----------------------------------------------------------------------
    @contextlib.contextmanager
    def slow_dns_and_loss(self):
        """A slow resolver (1.5-2 s) and a lossy uplink (30 %) at once."""
        with self.dns_slow(), self.loss(30):
            yield

    @contextlib.contextmanager
    def first_dns_dead_and_portal_down(self):
        """The PC's first DNS server is gone, and the E-Office's web service is stopped."""
        with self.dns_first_dead(), self.portal_down():
            yield



@dataclass(frozen=True)
class Kind:
    """One fault kind or trap: the lab method that injects it and the verdict that is right."""

    name: str
    place: str                       # the place a correct verdict names; "healthy" for a trap
    also: str = ""                   # the second place of an "equally likely" pair
    method: str = ""                 # FaultLab method (default: the name); "" with portals only
    portals: tuple[str, ...] = ()    # more portals in the profile, after the default three
    params: dict = field(default_factory=dict)   # more profile parameters
    said: tuple[str, ...] = ()       # what the verdict's sentence must contain
    accept: tuple[str, ...] = ()     # other right answers (a combination of two faults), as labels
    what_: str = ""                  # the description when no method carries it (portal kinds)

    @property
    def trap(self) -> bool:
        return self.place == "healthy"

    @property
    def label(self) -> str:
        return label(self.place, self.also)

    def right(self, place: str, also: str = "") -> bool:
        return self.right_label(label(place, also))

    def right_label(self, named: str) -> bool:
        return named in (self.label, *self.accept)

    def what(self) -> str:
        """One line for the docs: the description given, else the first line of the method's docstring."""
        method = getattr(FaultLab, self.method or self.name, None)
        line = (self.what_ or (method.__doc__ or "").strip().splitlines()[0]).rstrip(".")
        return line[0].lower() + line[1:] if line[:2].istitle() else line

    def inject(self, lab: FaultLab):
        if self.method == "-":
            return contextlib.nullcontext()
        return getattr(lab, self.method or self.name)()

    def profile(self, lab: FaultLab) -> str:
        return lab.profile(*PORTALS, *self.portals, **self.params)


def label(place: str, also: str = "") -> str:
    """A verdict as one word: the place, or both places of an equally likely pair, sorted."""
    return "/".join(sorted(p for p in (place, also) if p))


def _portal(name: str, place: str, what: str, **kw) -> Kind:
    return Kind(name, place, method="-", portals=(portal(name),), what_=what, **kw)


def _broken(name: str, what: str) -> Kind:
    return _portal(name, "one_service", what, said=(f"{name}.kfield.test",))


KINDS: tuple[Kind, ...] = (
    # traps: healthy networks that look odd
    Kind("healthy", "healthy", method="-", what_="a healthy office: nothing wrong anywhere"),
    Kind("icmp_filtered", "healthy", what_="the provider drops every ICMP packet beyond the router; DNS, TCP, HTTPS work"),
    Kind("shape", "healthy", what_="the uplink shaped to 10 Mbit/s (an ordinary slow fibre plan)"),
    Kind("router_no_ping", "healthy"),
    Kind("pppoe_mtu", "healthy"),
    Kind("satellite", "healthy", params={"latency_warn_ms": 900}),
    Kind("dns_tcp_blocked", "healthy"),
    Kind("ipv6_unused", "healthy"),
    Kind("proxy_only", "healthy"),
    # this PC and its cable
    Kind("link_down", "cable_wifi"),
    Kind("flapping", "cable_wifi", accept=("cable_wifi/lan_switch",)),   # a connector or a switch port
    Kind("lan_loss", "cable_wifi", "lan_switch"),
    Kind("clock_behind", "clock"),
    _portal("future", "clock", "a portal's certificate is valid only from next year (or the PC's clock is behind)",
            said=("future.kfield.test",)),
    Kind("intercepted", "this_pc"),
    Kind("wrong_gateway", "gateway", said=(WRONG_GATEWAY,)),
    # the LAN and the router
    Kind("dhcp_off", "lan_switch", what_="no DHCP server answers: the PC has a 169.254.x.x address"),
    Kind("rogue_dhcp", "lan_switch", what_="a home Wi-Fi box on the LAN runs a second DHCP server",
         said=(f"{NET}.66",)),
    Kind("router_impostor", "lan_switch"),
    Kind("duplicate_ip", "lan_switch", what_="another PC is set to this PC's own address"),
    Kind("gateway_down", "gateway", what_="the router does not answer at all"),
    Kind("router_reboot", "gateway"),
    Kind("dhcp_pool_exhausted", "gateway"),
    Kind("mtu_black_hole", "gateway", what_="the uplink carries 1200 bytes and the router never says so"),
    Kind("https_blocked", "gateway", "isp_uplink", what_="a firewall drops every connection to port 443"),
    Kind("reset_filter", "gateway", "isp_uplink", said=("intl1.kfield.test", "intl2.kfield.test")),
    Kind("captive_portal", "captive_proxy", what_="every web request lands on a login page"),
    Kind("proxy_down", "captive_proxy", said=(f"{GATEWAY}:{DEAD_PROXY_PORT}",)),
    Kind("proxy_auth", "captive_proxy", said=(f"{GATEWAY}:{PROXY_PORT}",)),
    # the provider
    Kind("uplink_down", "isp_uplink", what_="nothing beyond the router answers (the provider's line is down)"),
    Kind("uplink_flapping", "isp_uplink"),
    Kind("intl_down", "isp_uplink", said=("intl1.kfield.test", "intl2.kfield.test")),
    Kind("ipv6_half", "gateway", "isp_uplink"),
    Kind("loss", "lossy_link", what_="30 % of the packets coming in from the Internet are lost"),
    Kind("intl_loss", "lossy_link"),
    Kind("delay", "slow_link", what_="600 ms round trip on an office whose profile expects a wired line"),
    Kind("intl_delay", "slow_link"),
    # DNS
    Kind("dns_down", "dns", what_="the provider's resolver, where the office DNS forwards, stops"),
    Kind("dns_wrong", "dns", what_="the provider's resolver answers a wrong address for the E-Office"),
    Kind("dns_lossy", "dns", what_="the office resolver loses a third of its questions"),
    Kind("stale_dns", "dns", what_="the PC is set to a DNS server that is gone", said=(STALE_DNS,)),
    Kind("dns_slow", "dns", said=(GATEWAY,)),
    Kind("dns_refused", "dns"),
    Kind("dns_servfail", "dns"),
    Kind("dns_first_dead", "dns", said=(DEAD_DNS,)),
    # one service
    Kind("portal_down", "one_service", what_="the E-Office's web service is stopped (port 443 refuses)",
         said=("eoffice.kfield.test",)),
    _portal("expired", "one_service", "a portal's certificate expired on 2020-01-01",
            said=("expired.kfield.test", "2020-01-01")),
    _portal("wronghost", "one_service", "a portal's certificate was issued for another name",
            said=("wronghost.kfield.test",)),
    _portal("untrusted", "one_service", "a portal's certificate comes from an issuer nobody trusts",
            said=("untrusted.kfield.test",)),
    _broken("e500", "a portal answers HTTP 500 (its application fails)"),
    _broken("e502", "a portal answers HTTP 502 (its front end cannot reach the application)"),
    _broken("e503", "a portal answers HTTP 503 (overloaded or in maintenance)"),
    _broken("hang", "a portal completes the TLS handshake, then never answers"),
    _broken("partial", "a portal's page is cut off after 40 of its 200 kB"),
    _broken("loop", "a portal redirects /a → /b → /a for ever"),
    _broken("slow", "a portal sends its first byte after 8 s"),
    Kind("portal_nxdomain", "one_service", said=("intl2.kfield.test",)),
    # combinations
    Kind("slow_dns_and_loss", "dns", accept=("lossy_link",)),
    Kind("first_dns_dead_and_portal_down", "dns", accept=("one_service",)),
    Kind("proxy_only_and_e500", "one_service", method="proxy_only", portals=(portal("e500"),),
         what_="the Internet only through the office proxy, and one portal answers HTTP 500",
         said=("e500.kfield.test",)),
)
