"""`kfield lan scan`: which devices are on this LAN, without asking the user anything.

plan()     the subnet to scan: the one the user named, else the default route's; refuses
           more than a /22 without force, and anything that is not a private/LAN range
           needs no special case because the user must name it.
discover() ARP sweep with scapy when privileged; otherwise make the kernel resolve every
           address (one UDP datagram each to the discard port) and read the neighbour table.
enrich()   vendor (OUI), reverse DNS name, open ports, role hints.
pipelined() on Linux, both at once: each host probed as it answers (`kfield.net.pipeline`).
The core returns data; kfield/cli/lan.py and kfield/formats/scan.py print it.
"""

from __future__ import annotations

import concurrent.futures
import ipaddress
import sys
import time
from dataclasses import dataclass, field, replace

from kfield.core.errors import KfieldError, UsageError
from kfield.net import local, oui, portscan
from kfield.platform.base import Host, NotSupported

DEFAULT_PORTS = (22, 80, 139, 443, 445, 631, 3389, 8080, 9100)
PRINTER_PORTS = {631, 9100, 515}
MAX_PREFIX = 22                    # a /22 (1,022 hosts) is the most without --force
MAX_FORCED_PREFIX = 16             # and a /16 the most with it


@dataclass(frozen=True)
class Plan:
    network: ipaddress.IPv4Network
    interface: str
    own_ip: str
    own_mac: str
    gateway: str

    @property
    def addresses(self) -> list[str]:
        return [str(ip) for ip in self.network.hosts()] or [str(self.network.network_address)]


@dataclass(frozen=True)
class Device:
    ip: str
    mac: str
    vendor: str = ""
    name: str = ""
    ports: tuple[int, ...] = ()
    roles: tuple[str, ...] = ()   # gateway, self, printer, profile:<label>
    fresh: bool = True            # answered during this scan (not only in an old cache entry)


@dataclass(frozen=True)
class ScanReport:
    network: str
    interface: str
    method: str                   # "arp" or "neighbour"
    duration_s: float
    devices: tuple[Device, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"network": self.network, "interface": self.interface, "method": self.method,
                "duration_s": self.duration_s, "count": len(self.devices),
                "devices": [d.__dict__ | {"ports": list(d.ports), "roles": list(d.roles)} for d in self.devices]}


def plan(host: Host, cidr: str | None = None, interface: str | None = None, force: bool = False) -> Plan:
    named = _parse(cidr) if cidr else None
    if named is not None:
        _refuse_big(named, force)
    interfaces, route = host.interfaces(), host.default_route()
    chosen = _interface(interfaces, route, interface)
    network = named or _own_subnet(chosen)
    _refuse_big(network, force)
    own = local.usable_address(chosen)
    gateway = route.gateway if route and route.interface == chosen.name else ""
    return Plan(network, chosen.name, own[0] if own else "", chosen.mac, gateway)


def _refuse_big(network: ipaddress.IPv4Network, force: bool) -> None:
    if network.prefixlen < MAX_FORCED_PREFIX:
        raise UsageError("lan.scan.too_big_forced", network=str(network), limit=f"/{MAX_FORCED_PREFIX}")
    if network.prefixlen < MAX_PREFIX and not force:
        raise UsageError("lan.scan.too_big", network=str(network), count=network.num_addresses - 2,
                         limit=f"/{MAX_PREFIX}")


def _interface(interfaces, route, wanted: str | None):
    if wanted:
        match = next((i for i in interfaces if i.name == wanted), None)
        if match is None:
            raise UsageError("lan.scan.no_iface", name=wanted, names=", ".join(i.name for i in interfaces))
        return match
    chosen = local.pick(interfaces, route)
    if chosen is None or not chosen.up:
        raise KfieldError("lan.scan.no_link")
    return chosen


def _parse(cidr: str) -> ipaddress.IPv4Network:
    try:
        return ipaddress.IPv4Network(cidr.strip(), strict=False)
    except ValueError:
        raise UsageError("lan.scan.bad_cidr", cidr=cidr) from None


def _own_subnet(interface) -> ipaddress.IPv4Network:
    network = local.subnet(interface)
    if network is None:
        raise KfieldError("lan.scan.no_address", interface=interface.name)
    return network


def discover(host: Host, target: Plan, method: str = "auto", privileged: bool = False) -> tuple[str, dict[str, tuple[str, bool]]]:
    """(method used, {ip: (mac, fresh)})."""
    if method in ("auto", "arp") and (privileged or method == "arp"):
        try:
            found = host.arp_answers(target.interface, target.addresses)
            return "arp", {ip: (mac, True) for ip, mac in found.items()}
        except (NotSupported, PermissionError, OSError):
            if method == "arp":
                raise KfieldError("lan.scan.arp_unavailable") from None
    return "neighbour", neighbour_sweep(host, target)


def neighbour_sweep(host: Host, target: Plan, settle: float = 0.6, cap: float = 3.0) -> dict[str, tuple[str, bool]]:
    """Send one UDP datagram to every address so the kernel ARPs for it, then read its table
    until no new answer has arrived for ``settle`` seconds (at most ``cap``)."""
    wanted = set(target.addresses) - {target.own_ip}
    host.solicit(sorted(wanted))
    started, last_change, seen = time.monotonic(), time.monotonic(), {}
    while True:
        current = _resolved(host, wanted)
        if len(current) != len(seen):
            last_change = time.monotonic()
        seen = current
        now = time.monotonic()
        if now - started >= cap or (now - last_change >= settle and now - started >= 2 * settle):
            return seen
        time.sleep(0.1)


def _resolved(host: Host, wanted: set[str]) -> dict[str, tuple[str, bool]]:
    found = {}
    for entry in host.neighbours():
        if entry.ip in wanted and entry.mac and "FAILED" not in entry.state:
            found[entry.ip] = (entry.mac, entry.state.upper() not in ("STALE", "DELAY", "PROBE"))
    return found


def enrich(target: Plan, found: dict[str, tuple[str, bool]], ports=DEFAULT_PORTS, devices=None,
           printers=(), names: bool = True, progress=None) -> list[Device]:
    """Vendor, name, open ports and roles for every device found (this PC included)."""
    found = dict(found)
    if target.own_ip:
        found[target.own_ip] = (target.own_mac, True)
    ips = sorted(found, key=lambda ip: ipaddress.IPv4Address(ip))
    report = progress or (lambda phase, done, total: None)
    targets = [(ip, p) for ip in ips for p in ports]
    report("ports", 0, len(targets))
    open_set = portscan.open_ports(targets, on_batch=lambda done, total: report("ports", done, total)) if ports else set()
    report("names", 0, len(ips))
    hostnames = reverse_names(ips) if names else {}
    report("names", len(ips), len(ips))
    return _devices(target, found, open_set, hostnames, ports, devices, printers)


def _devices(target, found, open_set, hostnames, ports, devices, printers) -> list[Device]:
    out = []
    for ip in sorted(found, key=lambda ip: ipaddress.IPv4Address(ip)):
        mac, fresh = found[ip]
        open_here = tuple(sorted(p for p in ports if (ip, p) in open_set))
        device = Device(ip, mac, oui.vendor(mac), hostnames.get(ip, ""), open_here, (), fresh)
        out.append(replace(device, roles=roles(device, target, devices or {}, printers)))
    return out


def roles(device: Device, target: Plan, devices: dict, printers) -> tuple[str, ...]:
    found = []
    if device.ip == target.gateway:
        found.append("gateway")
    if device.ip == target.own_ip:
        found.append("self")
    if device.ip in printers or device.name in printers or PRINTER_PORTS & set(device.ports):
        found.append("printer")
    if device.ip in devices:
        found.append(f"profile:{devices[device.ip]}")
    return tuple(found)


def reverse_lookup(timeout: float = 1.0):
    """A function ip → PTR name ("" when none) through the system's resolvers, or None offline."""
    try:
        import dns.resolver
        import dns.reversename

        resolver = dns.resolver.Resolver()
    except Exception:  # no resolver configured (offline office): no names, no error
        return None

    def one(ip: str) -> str:
        try:
            answer = resolver.resolve(dns.reversename.from_address(ip), "PTR", lifetime=timeout)
            return str(answer[0]).rstrip(".")
        except Exception:
            return ""

    return one


def reverse_names(ips: list[str], timeout: float = 1.0) -> dict[str, str]:
    """PTR names through the system's resolvers, all at once, bounded by ``timeout``."""
    one = reverse_lookup(timeout)
    if one is None:
        return {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(64, max(1, len(ips)))) as pool:
        return {ip: name for ip, name in zip(ips, pool.map(one, ips)) if name}


def scan(host: Host, target: Plan, *, method="auto", privileged=False, ports=DEFAULT_PORTS, devices=None,
         printers=(), progress=None) -> ScanReport:
    """``progress(phase, done, total)`` hears of "discover", "ports" and "names" as they go.
    On Linux the phases overlap (`kfield.net.pipeline`); elsewhere they run one after the other."""
    if sys.platform == "linux":
        return pipelined(host, target, method=method, privileged=privileged, ports=ports, devices=devices,
                         printers=printers, progress=progress)
    started = time.monotonic()
    report = progress or (lambda phase, done, total: None)
    report("discover", 0, len(target.addresses))
    used, found = discover(host, target, method, privileged)
    report("discover", len(target.addresses), len(target.addresses))
    listed = enrich(target, found, ports, devices, printers, progress=progress)
    return ScanReport(str(target.network), target.interface, used, round(time.monotonic() - started, 2),
                      tuple(listed))


def pipelined(host: Host, target: Plan, *, method="auto", privileged=False, ports=DEFAULT_PORTS, devices=None,
              printers=(), progress=None) -> ScanReport:
    """Every host's ports and name probed as soon as it answers (Linux)."""
    started = time.monotonic()
    report = progress or (lambda phase, done, total: None)
    report("discover", 0, len(target.addresses))
    used, source = _source(host, target, method, privileged)
    try:
        found, hostnames = _flow(source, target, ports)
    except OSError:   # the interface takes no raw Ethernet frames (a tunnel, PPP): ask the kernel instead
        if used != "arp" or method == "arp":
            raise KfieldError("lan.scan.arp_unavailable") from None
        used, source = _source(host, target, "neighbour", False)
        found, hostnames = _flow(source, target, ports)
    for ip in getattr(source, "stale", set)() & set(found):   # only in the cache from before
        found[ip].fresh = False
    report("names", len(found), len(found))
    listed = _devices(target, {ip: (f.mac, f.fresh) for ip, f in found.items()},
                      {(ip, p) for ip, f in found.items() for p in f.ports}, hostnames, ports, devices, printers)
    return ScanReport(str(target.network), target.interface, used, round(time.monotonic() - started, 2),
                      tuple(listed))


def _flow(source, target: Plan, ports) -> tuple[dict, dict[str, str]]:
    """(what the pipeline found, the names it looked up); this PC is added (never in its own table)."""
    from kfield.net import pipeline

    flow = pipeline.Pipeline(source, ports, names=True, resolver=reverse_lookup,
                             warm=(lambda: oui.vendor("00:00:00:00:00:00"),))
    found = flow.run({target.own_ip: target.own_mac} if target.own_ip else {})
    return found, flow.hostnames()


def _source(host: Host, target: Plan, method: str, privileged: bool):
    """("arp", a raw ARP sweep) with the rights for it, else ("neighbour", the kernel's table)."""
    from kfield.net import pipeline

    wanted = [ip for ip in target.addresses if ip != target.own_ip]
    if method in ("auto", "arp") and (privileged or method == "arp"):
        try:
            return "arp", pipeline.RawArp(target.interface, target.own_mac, target.own_ip, wanted)
        except (PermissionError, OSError):
            if method == "arp":
                raise KfieldError("lan.scan.arp_unavailable") from None
    return "neighbour", pipeline.NeighbourTable(host, wanted)
