"""The office lab plus "the Internet": an ISP wire, a world with DNS, HTTPS portals
signed by a test CA, a connectivity-check URL and a timestamp server; and the faults
`kfield diagnose` must place.

    client ─ office switch ─ router ══ up0 ─[isp: bridge, or delay/loss relay]─ eth0 world
    router: 198.18.0.1 (LAN), 198.19.0.2 (up0), forwards; the world routes 198.18.0.0/24 back.
    world services on 198.19.1.x: .53 DNS (kfield.test), .54 a second ("public") resolver,
    .10 eoffice (valid cert), .11 expired cert, .12 wrong host name, .20 /generate_204, .30 TSA.

Everything stays in 198.18.0.0/15 inside the lab's namespaces.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tests.lab.netns import Netns
from tests.lab.office import OfficeLab

WORLD = "198.19.1"
UPLINK_ROUTER, UPLINK_WORLD = "198.19.0.2", "198.19.0.1"
NAMES = {"eoffice": 10, "expired": 11, "wronghost": 12, "captive": 20, "tsa": 30, "speed": 40, "stconfig": 41,
         "cfspeed": 42, "ookla1": 43, "ookla2": 44}
RELAY = str(Path(__file__).with_name("relay.py"))
WEB = str(Path(__file__).with_name("webserver.py"))
PORTAL = "https://eoffice.kfield.test/"


def ip(name: str) -> str:
    return f"{WORLD}.{NAMES[name]}"


@dataclass
class InternetLab(OfficeLab):
    upstream: str | None = f"{WORLD}.53"
    isp: Netns = field(init=False)
    world: Netns = field(init=False)

    @classmethod
    def build(cls, hosts: int = 4, open_ports: bool = False) -> "InternetLab":
        return super().build(hosts=hosts, open_ports=open_ports)

    # --- wiring ----------------------------------------------------------------
    def _wire(self) -> None:
        super()._wire()
        self.isp, self.world = self.lab.ns("i"), self.lab.ns("w")
        self.lab.link(self.router, "up0", self.isp, "ir", offload=False)
        self.lab.link(self.isp, "iw", self.world, "eth0", offload=False)
        self._bridge_isp()
        self.router.run("ip", "addr", "add", f"{UPLINK_ROUTER}/24", "dev", "up0")
        self.router.run("ip", "route", "add", "default", "via", UPLINK_WORLD)
        self.router.run("sysctl", "-qw", "net.ipv4.ip_forward=1")
        self.world.run("ip", "addr", "add", f"{UPLINK_WORLD}/24", "dev", "eth0")
        for last in (*NAMES.values(), 53, 54):   # service addresses on loopback (no dummy module here)
            self.world.run("ip", "addr", "add", f"{WORLD}.{last}/32", "dev", "lo")
        self.world.run("ip", "route", "add", "198.18.0.0/24", "via", UPLINK_ROUTER)

    def _bridge_isp(self) -> None:
        self.isp.run("ip", "link", "add", "br0", "type", "bridge")
        for port in ("ir", "iw"):
            self.isp.run("ip", "link", "set", port, "master", "br0")
        self.isp.run("ip", "link", "set", "br0", "up")

    # --- services ----------------------------------------------------------------
    def _serve(self, open_ports: bool) -> None:
        self._certificates()
        self.procs["dns53"] = self._world_dns(53, ip("eoffice"))
        self.procs["dns54"] = self._world_dns(54, ip("eoffice"))
        self.procs["web"] = self._web(self.world,
                                      f"page:{ip('eoffice')}:443:{self.certs['eoffice']}",
                                      f"page:{ip('expired')}:443:{self.certs['expired']}",
                                      f"page:{ip('wronghost')}:443:{self.certs['wronghost']}",
                                      f"204:{ip('captive')}:80", f"tsa:{ip('tsa')}:80",
                                      f"mini:{ip('speed')}:80", f"stconfig:{ip('stconfig')}:80",
                                      f"stconfig:{ip('stconfig')}:443:{self.certs['speedtest']}")
        super()._serve(open_ports)

    def _certificates(self) -> None:
        import trustme

        ca, stranger = trustme.CA(), trustme.CA()
        self.ca = ca   # labs built on this one issue their own servers' certificates
        self.ca_file = self.tmp / "lab-ca.pem"
        ca.cert_pem.write_to_path(str(self.ca_file))
        self.ca_file.chmod(0o644)
        past = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
        issued = {"eoffice": ca.issue_cert("eoffice.kfield.test"),
                  "expired": ca.issue_cert("expired.kfield.test", not_before=past - dt.timedelta(days=400),
                                           not_after=past),
                  "wronghost": ca.issue_cert("some-other.kfield.test"),
                  "captive": stranger.issue_cert("portal.login"),
                  "speedtest": ca.issue_cert("www.speedtest.net")}
        self.certs = {}
        for name, leaf in issued.items():
            cert, key = self.tmp / f"{name}.pem", self.tmp / f"{name}.key"
            leaf.cert_chain_pems[0].write_to_path(str(cert))
            leaf.private_key_pem.write_to_path(str(key))
            self.certs[name] = f"{cert}:{key}"
        self.env = {"SSL_CERT_FILE": str(self.ca_file)}

    def _world_dns(self, last: int, eoffice: str) -> subprocess.Popen:
        hosts = self.tmp / f"world-{last}.hosts"
        entries = {**{n: ip(n) for n in NAMES}, "eoffice": eoffice}
        hosts.write_text("".join(f"{addr} {name}.kfield.test\n" for name, addr in entries.items())
                         + f"{ip('stconfig')} www.speedtest.net\n" + f"{ip('cfspeed')} speed.cloudflare.com\n"
                         + self._world_hosts())
        argv = ["dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                f"--addn-hosts={hosts}", "--local=/kfield.test/", f"--listen-address={WORLD}.{last}",
                "--bind-interfaces", f"--pid-file={self.tmp / f'dns{last}.pid'}", "--log-facility=-"]
        return self.world.spawn(*argv)

    def _world_hosts(self) -> str:
        """More /etc/hosts lines for the world's resolvers (labs built on this one add names)."""
        return ""

    def _web(self, ns: Netns, *specs: str) -> subprocess.Popen:
        proc = ns.python(WEB, *specs, stdout=subprocess.PIPE, text=True)
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError(f"lab web servers did not start in {ns.name}")
        return proc

    def profile(self, *portals: str, **params: object) -> str:
        """A world-readable check profile naming the lab's portals, resolvers and servers;
        ``params`` are more profile parameters (e.g. ``latency_warn_ms=900`` for a satellite office)."""
        urls = list(portals) or [PORTAL]
        text = ("version: 1\nid: lab-internet\ntitle: {vi: Phòng lab Internet, en: Internet lab}\n"
                "select: {tags: [lan, internet]}\nparams:\n"
                f"  portals: {urls}\n  resolvers: ['{WORLD}.54']\n"
                f"  captive_url: http://captive.kfield.test/generate_204\n"
                f"  timestamp_urls: ['http://tsa.kfield.test/']\n  internet_target: '{ip('eoffice')}'\n"
                + "".join(f"  {key}: {value!r}\n" for key, value in params.items()))
        path = self.tmp / f"internet-{len(urls)}-{zlib.crc32(text.encode()):08x}.yaml"
        path.write_text(text)
        path.chmod(0o644)
        return str(path)

    # --- faults --------------------------------------------------------------------
    @contextlib.contextmanager
    def _replaced(self, name: str, start):
        self.stop(name)
        replacement = start()
        try:
            yield
        finally:
            if replacement is not None:
                self.world.stop(replacement)
            self.procs[name] = {"dns53": lambda: self._world_dns(53, ip("eoffice"))}[name]()

    def dns_down(self):
        """The provider's resolver (198.19.1.53, where the office DNS forwards) stops."""
        return self._replaced("dns53", lambda: None)

    def dns_wrong(self):
        """The provider's resolver answers eoffice.kfield.test with 198.19.1.99 (nothing there)."""
        return self._replaced("dns53", lambda: self._world_dns(53, f"{WORLD}.99"))

    @contextlib.contextmanager
    def _rule(self, ns: Netns, *rule: str, table: str = "filter"):
        ns.run("iptables", "-t", table, "-A", *rule)
        try:
            yield
        finally:
            ns.run("iptables", "-t", table, "-D", *rule)

    def loss(self, percent: float = 30):
        """Random loss of packets coming in from the Internet at the router."""
        return self._rule(self.router, "FORWARD", "-i", "up0", "-m", "statistic", "--mode", "random",
                          "--probability", f"{percent / 100:.2f}", "-j", "DROP")

    @contextlib.contextmanager
    def delay(self, rtt_ms: float = 600):
        """The ISP wire becomes a relay that holds every frame rtt/2 each way (satellite)."""
        self.isp.run("ip", "link", "del", "br0")
        relay = self.isp.python(RELAY, "ir", "iw", str(rtt_ms / 2), stdout=subprocess.PIPE, text=True)
        relay.stdout.readline()
        try:
            yield
        finally:
            self.isp.stop(relay)
            self._bridge_isp()

    @contextlib.contextmanager
    def shape(self, mbit: float = 10):
        for dev in ("ir", "iw"):
            self.isp.run("tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate", f"{mbit}mbit", "burst", "16kb",
                         "latency", "100ms")
        try:
            yield
        finally:
            for dev in ("ir", "iw"):
                self.isp.run("tc", "qdisc", "del", "dev", dev, "root", check=False)

    @contextlib.contextmanager
    def mtu_black_hole(self, mtu: int = 1200):
        """The uplink carries only ``mtu`` bytes and the router never says so (ICMP 3/4 dropped)."""
        self.router.run("ip", "link", "set", "up0", "mtu", str(mtu))
        try:
            with self._rule(self.router, "OUTPUT", "-p", "icmp", "--icmp-type", "fragmentation-needed", "-j", "DROP"):
                yield
        finally:
            self.router.run("ip", "link", "set", "up0", "mtu", "1500")
            self.client.run("ip", "route", "flush", "cache", check=False)

    @contextlib.contextmanager
    def uplink_down(self):
        self.isp.run("ip", "link", "set", "br0", "down")
        try:
            yield
        finally:
            self.isp.run("ip", "link", "set", "br0", "up")

    @contextlib.contextmanager
    def captive_portal(self):
        """A hotel-style login: every web request from the LAN lands on the router's login page."""
        web = self._web(self.router, "captive:198.18.0.1:8080", f"captive:198.18.0.1:8443:{self.certs['captive']}")
        rules = [("PREROUTING", "-i", "br0", "-p", "tcp", "--dport", str(port), "-j", "DNAT", "--to-destination",
                  f"198.18.0.1:{target}") for port, target in ((80, 8080), (443, 8443))]
        try:
            with self._rule(self.router, *rules[0], table="nat"), self._rule(self.router, *rules[1], table="nat"):
                yield
        finally:
            self.router.stop(web)
