"""A commune office LAN in network namespaces, with faults to inject.

    router  (kfr…): bridge br0 = the switch, 198.18.0.1/24 = the router, dnsmasq DHCP + DNS
    client  (kfc…): eth0, address from dhclient — where kfield runs
    hosts   (kfh…): eth0 + one macvlan per dummy PC, each with its own MAC and address
    printer (kfp…): 198.18.0.9 listening on 9100 and 631

Nothing is created in the root namespace but the veth pairs' short-lived temporary
names; every address is in 198.18.0.0/15, so no packet can reach a real network.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.lab.netns import Lab, Netns, wait_for

ROOT = Path(__file__).resolve().parents[2]
LISTEN = str(Path(__file__).with_name("listen.py"))
NET = "198.18.0"
GATEWAY, PRINTER = f"{NET}.1", f"{NET}.9"
# Real IEEE prefixes so vendor lookup has something to find: Dell, HP, Canon, Intel, Lenovo.
OUIS = ("00:14:22", "3c:d9:2b", "00:1e:8f", "3c:97:0e", "98:fa:9b")
DHCLIENT_SCRIPT = """#!/bin/sh
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT)
    ip -4 addr flush dev "$interface"
    ip -4 addr add "$new_ip_address/$new_subnet_mask" dev "$interface"
    for router in $new_routers; do ip route replace default via "$router" dev "$interface"; break; done
    ;;
esac
exit 0
"""


def host_ip(index: int) -> str:
    return f"{NET}.{20 + index}"


def host_mac(index: int) -> str:
    return f"{OUIS[index % len(OUIS)]}:{index // 256:02x}:{index % 256:02x}:{0x5a:02x}"


@dataclass
class OfficeLab:
    """Build with ``OfficeLab.build(hosts=40)``; always ``close()`` (a fixture does)."""

    lab: Lab
    tmp: Path
    hosts: int
    router: Netns = field(init=False)
    client: Netns = field(init=False)
    dummies: Netns = field(init=False)
    printer: Netns = field(init=False)
    procs: dict = field(default_factory=dict)
    upstream: str | None = None          # the office DNS forwards here (None: answers locally only)
    env: dict = field(default_factory=dict)   # extra environment for kfield in the client

    @classmethod
    def build(cls, hosts: int = 40, open_ports: bool = True) -> "OfficeLab":
        office = cls(Lab(), Path(tempfile.mkdtemp(prefix="kflab-")), hosts)
        office.tmp.chmod(0o755)  # kfield runs as nobody in some tests and reads files here
        try:
            office._wire()
            office._serve(open_ports)
            office.lease()
        except BaseException:
            office.close()
            raise
        return office

    # --- building -------------------------------------------------------------
    def _wire(self) -> None:
        lab = self.lab
        self.router, self.client = lab.ns("r"), lab.ns("c")
        self.dummies, self.printer = lab.ns("h"), lab.ns("p")
        self.router.run("ip", "link", "add", "br0", "type", "bridge")
        self.router.run("ip", "link", "set", "br0", "up")
        self.router.run("ip", "addr", "add", f"{GATEWAY}/24", "dev", "br0")
        for space, port in ((self.client, "pc"), (self.dummies, "ph"), (self.printer, "pp")):
            lab.link(space, "eth0", self.router, port)
            self.router.run("ip", "link", "set", port, "master", "br0")
        self.client.etc("resolv.conf", f"nameserver {GATEWAY}\n")
        self.printer.run("ip", "addr", "add", f"{PRINTER}/24", "dev", "eth0")
        self.printer.run("ip", "route", "add", "default", "via", GATEWAY)
        self._dummy_hosts()

    def _dummy_hosts(self) -> None:
        ns = self.dummies
        for key in ("arp_ignore=1", "arp_announce=2"):
            for scope in ("all", "default", "eth0"):
                ns.run("sysctl", "-qw", f"net.ipv4.conf.{scope}.{key}")
        for i in range(self.hosts):
            self.add_dummy(f"m{i}", host_ip(i), host_mac(i))

    def add_dummy(self, name: str, ip: str, mac: str) -> None:
        ns = self.dummies
        ns.run("ip", "link", "add", name, "link", "eth0", "address", mac, "type", "macvlan", "mode", "bridge")
        ns.run("sysctl", "-qw", f"net.ipv4.conf.{name}.arp_ignore=1")
        ns.run("ip", "addr", "add", f"{ip}/24", "dev", name)
        ns.run("ip", "link", "set", name, "up")

    def _serve(self, open_ports: bool) -> None:
        self.procs["dnsmasq"] = self._office_dns()
        self.procs["printer"] = self._listen(self.printer, f"{PRINTER}:9100", f"{PRINTER}:631")
        if open_ports and self.hosts:
            endpoints = [f"{host_ip(i)}:{port}" for i in range(0, self.hosts, 3) for port in (445, 3389)]
            self.procs["pcs"] = self._listen(self.dummies, *endpoints)

    def _office_dns(self) -> subprocess.Popen:
        return self._dnsmasq(self.router, "main", GATEWAY, f"{NET}.100,{NET}.199", upstream=self.upstream)

    def _listen(self, ns: Netns, *endpoints: str) -> subprocess.Popen:
        proc = ns.python(LISTEN, *endpoints, stdout=subprocess.PIPE, text=True)
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError(f"lab listener did not start in {ns.name}")
        return proc

    def _dnsmasq(self, ns: Netns, tag: str, listen: str, dhcp_range: str, dns: bool = True,
                 upstream: str | None = None, extra: tuple[str, ...] = ()) -> subprocess.Popen:
        hosts = self.tmp / f"hosts-{tag}"
        hosts.write_text(f"{PRINTER} printer.office.lan\n{GATEWAY} router.office.lan\n"
                         + "".join(f"{host_ip(i)} pc{i:02d}.office.lan\n" for i in range(self.hosts)))
        argv = ["dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                f"--addn-hosts={hosts}", f"--listen-address={listen}", "--bind-interfaces",
                f"--dhcp-range={dhcp_range},1h", f"--dhcp-leasefile={self.tmp / f'leases-{tag}'}",
                f"--pid-file={self.tmp / f'dnsmasq-{tag}.pid'}", "--dhcp-authoritative", "--log-facility=-"]
        if not dns:
            argv.append("--port=0")
        if upstream:
            argv.append(f"--server={upstream}")
        argv.extend(extra)
        proc = ns.spawn(*argv)
        if dns:
            wait_for(lambda: _listening(ns, 53), 5)
        return proc

    # --- the client's address -------------------------------------------------
    @property
    def lease_file(self) -> Path:
        # Where LinuxHost looks for dhclient leases; the name is unique to this lab.
        return Path(f"/var/lib/dhcp/dhclient.kf{self.lab.tag}.leases")

    def lease(self, timeout: float = 15, lease_file: Path | None = None) -> str:
        """Run dhclient in the client until it holds an address (its lease in ``lease_file``, else
        where LinuxHost looks); returns it."""
        self.stop("dhclient")
        script = self.tmp / "dhclient-script"
        script.write_text(DHCLIENT_SCRIPT)
        script.chmod(0o755)
        self.lease_file.parent.mkdir(parents=True, exist_ok=True)
        self.procs["dhclient"] = self.client.spawn(
            "dhclient", "-4", "-d", "-sf", str(script), "-lf", str(lease_file or self.lease_file),
            "-pf", str(self.tmp / "dhclient.pid"), "eth0")
        if not wait_for(lambda: self.client_ip() is not None, timeout):
            raise RuntimeError("the lab client got no DHCP lease")
        return self.client_ip()

    def client_ip(self) -> str | None:
        out = self.client.run("ip", "-j", "-4", "addr", "show", "dev", "eth0").stdout
        found = [a["local"] for entry in json.loads(out) for a in entry.get("addr_info", [])]
        return found[0] if found else None

    def client_mac(self) -> str:
        return json.loads(self.client.run("ip", "-j", "link", "show", "dev", "eth0").stdout)[0]["address"]

    # --- running kfield in the client -----------------------------------------
    def kfield(self, *args: str, user: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-m", "kfield", *args]
        if user:
            argv = ["setpriv", f"--reuid={user}", f"--regid={user if user != 'nobody' else 'nogroup'}",
                    "--clear-groups", *argv]
        if self.env:  # outside setpriv: `env` run as nobody may not reach the interpreter under /root
            argv = ["env", *(f"{k}={v}" for k, v in self.env.items()), *argv]
        return self.client.run(*argv, check=False, timeout=timeout)

    def check_json(self, *args: str, user: str | None = None) -> dict[str, dict]:
        """{check_id: result dict} of `kfield check … --format json` in the client."""
        done = self.kfield("check", *args, "--format", "json", "--lang", "en", user=user)
        if done.returncode not in (0, 1):
            raise AssertionError(f"kfield check exit {done.returncode}: {done.stderr}")
        return {r["check_id"]: r for r in json.loads(done.stdout)["results"]}

    # --- faults (each a context manager that puts things back) -----------------
    @contextlib.contextmanager
    def gateway_down(self):
        self.router.run("ip", "addr", "del", f"{GATEWAY}/24", "dev", "br0")
        try:
            yield
        finally:
            self.router.run("ip", "addr", "add", f"{GATEWAY}/24", "dev", "br0")
            self.stop("dnsmasq")
            self.procs["dnsmasq"] = self._office_dns()

    @contextlib.contextmanager
    def dhcp_off(self, link_local: bool = True):
        """No DHCP server: the client ends with only a self-assigned 169.254 address (as Windows does)."""
        self.stop("dnsmasq")
        self.stop("dhclient")
        self.client.run("ip", "-4", "addr", "flush", "dev", "eth0")
        if link_local:
            self.client.run("ip", "addr", "add", "169.254.23.45/16", "dev", "eth0")
        try:
            yield
        finally:
            self.client.run("ip", "-4", "addr", "flush", "dev", "eth0")
            self.procs["dnsmasq"] = self._office_dns()
            self.lease()

    @contextlib.contextmanager
    def duplicate_ip(self):
        """A dummy PC configured with the client's own address."""
        self.add_dummy("dup", self.client_ip(), "00:14:22:ee:ee:01")
        try:
            yield "00:14:22:ee:ee:01"
        finally:
            self.dummies.run("ip", "link", "del", "dup")

    @contextlib.contextmanager
    def rogue_dhcp(self):
        """A home Wi-Fi box plugged in by its LAN port: a second DHCP server."""
        self.add_dummy("rogue", f"{NET}.66", "98:fa:9b:66:66:66")
        proc = self._dnsmasq(self.dummies, "rogue", f"{NET}.66", f"{NET}.200,{NET}.250", dns=False)
        try:
            yield f"{NET}.66"
        finally:
            self.dummies.stop(proc)
            self.dummies.run("ip", "link", "del", "rogue")

    @contextlib.contextmanager
    def lease_kept_elsewhere(self):
        """The client's DHCP client keeps its lease in a folder of its own, not in a usual place."""
        self.stop("dhclient")
        self.lease_file.unlink(missing_ok=True)
        elsewhere = self.tmp / "state" / "eth0.lease"
        elsewhere.parent.mkdir(exist_ok=True)
        elsewhere.parent.chmod(0o755)
        self.lease(lease_file=elsewhere)
        try:
            yield elsewhere
        finally:
            self.stop("dhclient")
            elsewhere.unlink(missing_ok=True)
            self.lease()

    @contextlib.contextmanager
    def pool_exhausted(self):
        """The router's DHCP range is one address, reserved for the client: it keeps its lease, a new
        device gets nothing."""
        ip, mac = self.client_ip(), self.client_mac()
        self.stop("dnsmasq")
        self.procs["dnsmasq"] = self._dnsmasq(self.router, "main", GATEWAY, f"{ip},{ip}", upstream=self.upstream,
                                              extra=(f"--dhcp-host={mac},{ip}",))
        try:
            yield ip
        finally:
            self.stop("dnsmasq")
            self.procs["dnsmasq"] = self._office_dns()

    @contextlib.contextmanager
    def router_impostor(self, mac: str = "00:1e:8f:66:00:01"):
        """Another box set to the router's address (an old router left on the LAN at its default address)."""
        self.add_dummy("impostor", GATEWAY, mac)
        try:
            yield mac
        finally:
            self.dummies.run("ip", "link", "del", "impostor")
            self.client.run("ip", "neigh", "flush", "dev", "eth0")

    @contextlib.contextmanager
    def printer_off(self):
        self.stop("printer")
        try:
            yield
        finally:
            self.procs["printer"] = self._listen(self.printer, f"{PRINTER}:9100", f"{PRINTER}:631")

    # --- teardown --------------------------------------------------------------
    def stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is not None:
            for space in self.lab.spaces:
                if proc in space.procs:
                    space.stop(proc)

    def close(self) -> None:
        try:
            self.lab.close()
        finally:
            self.lease_file.unlink(missing_ok=True)
            subprocess.run(["rm", "-rf", str(self.tmp)], check=False)


def _listening(ns: Netns, port: int) -> bool:
    out = ns.run("ss", "-lnH", f"sport = :{port}", check=False).stdout
    return bool(out.strip())
