"""LAN checks (LAN): link, addressing, gateway, DNS, DHCP, Wi-Fi, printers.

Each check answers one link of the chain cable/Wi-Fi → address → gateway → DNS; the
prerequisites say which link a skip is waiting for (no link → no gateway check).
"""

from __future__ import annotations

import datetime as dt

from kfield.core.privilege import is_admin
from kfield.core.registry import check, param
from kfield.core.result import fail, measure, ok, skip, warn
from kfield.core.schema import List, Map, Num, Str
from kfield.net import local
from kfield.net.dnsq import DnsAnswer
from kfield.net.layer2 import RETRANSMIT_S
from kfield.platform.base import Host, NotSupported

PRINTER_PORTS = (9100, 631, 515)
IPV4 = r"\d{1,3}(\.\d{1,3}){3}"

param("printers", List(Str(pattern=r"[A-Za-z0-9.\-]+")), [])
param("lan_devices", Map(values=Str(), key_pattern=IPV4), {})
param("wifi_min_signal_percent", Num(integer=True, minimum=1, maximum=100), 50)
param("lan_min_link_mbps", Num(integer=True, minimum=1), 100)


def _main(host: Host):
    interface = local.pick(host.interfaces(), host.default_route())
    if interface is None:
        raise NotSupported("lan.no_interface")
    return interface


@check("LAN001", tags=("quick", "network"), timeout=10, gate="core.skip.gate.no_link")
def link(host: Host, lan_min_link_mbps: int):
    """A network interface with its link up (cable in, Wi-Fi on)."""
    interfaces = local.physical(host.interfaces())
    evidence = tuple(measure("interface", _describe(i)) for i in interfaces[:8])
    main = local.pick(host.interfaces(), host.default_route())
    if main is None or not main.up:
        return fail("lan.link.none", evidence=evidence, remedy="lan.link.remedy")
    if not main.wireless and 0 < main.speed_mbps < lan_min_link_mbps:
        return warn("lan.link.slow", evidence=evidence, remedy="lan.link.slow_remedy",
                    interface=main.name, speed=main.speed_mbps)
    return ok("lan.link.ok", evidence=evidence, interface=main.name)


def _describe(interface) -> str:
    speed = f", {interface.speed_mbps} Mb/s" if interface.speed_mbps else ""
    return f"{interface.name}: {'up' if interface.up else 'down'}{speed}"


@check("LAN002", tags=("quick", "network"), requires=("LAN001",), timeout=10, gate="core.skip.gate.no_address")
def address(host: Host):
    """An IPv4 address; 169.254.x.x means no DHCP server answered."""
    main = _main(host)
    evidence = tuple(measure("ipv4", f"{ip}/{n}") for ip, n in main.ipv4) + (measure("mac", main.mac),)
    usable = local.usable_address(main)
    if usable:
        return ok("lan.ip.ok", evidence=evidence, address=f"{usable[0]}/{usable[1]}", interface=main.name)
    if main.ipv4:
        return fail("lan.ip.link_local", evidence=evidence, remedy="lan.ip.dhcp_remedy", address=main.ipv4[0][0])
    return fail("lan.ip.none", evidence=evidence, remedy="lan.ip.dhcp_remedy", interface=main.name)


@check("LAN003", tags=("quick", "network"), requires=("LAN002",), timeout=15, gate="core.skip.gate.no_router")
def gateway(host: Host, privileged=None):
    """The default gateway is set and answers (ICMP, else TCP; as administrator a fresh ARP request)."""
    route = host.default_route()
    if route is None or not route.gateway:
        return fail("lan.gw.none", remedy="lan.gw.none_remedy")
    answer = _echoes(host, route.gateway)
    evidence = (measure("gateway", route.gateway), measure("probe_method", answer.method))
    if answer.alive:
        return ok("lan.gw.ok", evidence=evidence + (measure("rtt", answer.rtt_ms, "ms"),),
                  gateway=route.gateway, ms=answer.rtt_ms, method=answer.method)
    mac = _arp_answer(host, route, privileged)
    if mac:
        return ok("lan.gw.arp_only", evidence=evidence + (measure("mac", mac),), gateway=route.gateway)
    return fail("lan.gw.silent", evidence=evidence, remedy="lan.gw.remedy", gateway=route.gateway)


def _echoes(host: Host, gateway: str, count: int = 3):
    """``count`` single echoes at once: a silent router costs one timeout, not one per echo."""
    from kfield.net.probe import Ping, all_at_once

    replies = all_at_once(lambda _: host.ping(gateway, count=1, timeout=1.0), range(count))
    return Ping(gateway, replies[0].method, sum(r.sent for r in replies), sum(r.received for r in replies),
                tuple(ms for r in replies for ms in r.rtts_ms))


def _arp_answer(host: Host, route, privileged) -> str:
    """The gateway's MAC from a fresh ARP request; the kernel's cache may still hold a dead router."""
    if not (is_admin() if privileged is None else privileged):
        return ""
    try:
        return host.arp_answers(route.interface, [route.gateway]).get(route.gateway, "")
    except NotSupported:
        return ""


@check("LAN004", tags=("quick", "network", "dns"), requires=("NET009",), timeout=15, gate="core.skip.gate.no_dns")
def dns_servers(host: Host, portals: list, dns_names: list, dns_slow_ms=300, latency_warn_ms=300):
    """Every configured DNS server answers a DNS question (any answer proves it is there), within the
    profile's dns_slow_ms (a late answer, even REFUSED, is a warning). It waits for NET009: an office
    resolver that forwards cannot answer while nothing beyond the router does."""
    servers = host.dns_servers()
    if not servers:
        return fail("lan.dns.none", remedy="lan.dns.remedy")
    questions = _questions(portals, dns_names)
    answers = [_answers(host, server, questions) for server in servers[:4]]
    evidence = tuple(measure("dns_server", f"{a.server}: {f'{a.rcode} {a.ms} ms' if a.answered else '✗'}")
                     for a in answers)
    silent = [a.server for a in answers if not a.answered]
    dns_slow_ms = max(dns_slow_ms, latency_warn_ms)   # as NET001: not below the round trip the profile accepts
    late = [a for a in answers if a.answered and (a.ms or 0) > dns_slow_ms]
    if not silent and late:
        return warn("lan.dns.slow", evidence=evidence, remedy="net.dns.remedy_slow", server=late[0].server,
                    ms=round(late[0].ms), threshold=dns_slow_ms)
    if not silent:
        return ok("lan.dns.ok", evidence=evidence, servers=", ".join(servers[:4]))
    if len(silent) < len(answers):
        return warn("lan.dns.some", evidence=evidence, remedy="lan.dns.remedy", servers=", ".join(silent))
    return fail("lan.dns.all", evidence=evidence, remedy="lan.dns.remedy", servers=", ".join(silent))


def _questions(portals: list, dns_names: list) -> list[tuple[str, str]]:
    """The root and the profile's first name, each twice: a forwarder may ignore the root after an
    outage (dnsmasq does) and a lossy resolver may drop one question; four at once settle it."""
    from urllib.parse import urlsplit

    name = next(iter([*dns_names, *(urlsplit(u).hostname for u in portals if urlsplit(u).hostname)]), ".")
    return [(".", "NS"), (name, "A"), (".", "NS"), (name, "A")]


def _answers(host: Host, server: str, questions):
    """The first answer among the questions asked at once (as soon as it comes), else an unanswered one."""
    from kfield.net.probe import first

    asks = [lambda q=q: host.dns_ask(server, q[0], q[1], timeout=2.0) for q in questions]
    return first(asks, lambda a: a is not None and a.answered, timeout=2.5) or DnsAnswer(server, False, error="Timeout")


@check("LAN005", tags=("network", "dhcp"), requires=("LAN002",), timeout=15)
def dhcp_lease(host: Host, now=None):
    """The DHCP server that gave this address, and when the lease runs out. Not finding a lease is
    not "a static address": only a source that knows says where the address came from."""
    main = _main(host)
    ip = local.usable_address(main)[0]
    lease = host.dhcp_lease(main.name, ip)
    if lease is None:
        return _origin(host, main.name, ip)
    evidence = (measure("dhcp_server", lease.server),)
    if lease.expires is None:
        return ok("lan.dhcp.ok_forever", evidence=evidence, server=lease.server)
    hours = round(((lease.expires - (now or dt.datetime.now(dt.timezone.utc))).total_seconds()) / 3600, 1)
    evidence += (measure("lease_hours_left", hours, "h"),)
    if hours < 0:
        return warn("lan.dhcp.expired", evidence=evidence, remedy="lan.ip.dhcp_remedy", server=lease.server)
    return ok("lan.dhcp.ok", evidence=evidence, server=lease.server, hours=hours)


def _origin(host: Host, interface: str, ip: str):
    """No lease was read: what the system itself says about the address, or "could not check"."""
    try:
        origin = host.address_origin(interface, ip)
    except NotSupported:
        origin = None
    if origin is None:
        return skip("lan.dhcp.origin_unknown", address=ip)
    evidence = (measure("address_origin", origin.source),)
    if origin.kind == "static":
        return ok("lan.dhcp.static", evidence=evidence, address=ip)
    if origin.valid_s is None:
        return skip("lan.dhcp.lease_unread", evidence=evidence, address=ip)
    hours = round(origin.valid_s / 3600, 1)
    return ok("lan.dhcp.ok_no_server", evidence=evidence + (measure("lease_hours_left", hours, "h"),),
              address=ip, hours=hours)


@check("LAN006", tags=("network", "wifi"), requires=("LAN001",), timeout=15)
def wifi(host: Host, wifi_min_signal_percent: int):
    """Wi-Fi name and signal when this PC is on Wi-Fi (skip when wired)."""
    main = _main(host)
    if not main.wireless:
        return skip("lan.wifi.wired", interface=main.name)
    info = host.wifi(main.name)
    if info is None:
        return fail("lan.wifi.disconnected", remedy="lan.link.remedy", interface=main.name)
    evidence = (measure("ssid", info.ssid), measure("signal", info.signal_percent, "%"))
    if info.signal_dbm is not None:
        evidence += (measure("signal_dbm", info.signal_dbm, "dBm"),)
    if info.signal_percent is not None and info.signal_percent < wifi_min_signal_percent:
        return warn("lan.wifi.weak", evidence=evidence, remedy="lan.wifi.remedy", ssid=info.ssid,
                    percent=info.signal_percent)
    return ok("lan.wifi.ok", evidence=evidence, ssid=info.ssid, percent=info.signal_percent)


@check("LAN007", tags=("network",), requires=("LAN002",), timeout=15)
def duplicate_address(host: Host, privileged=None):
    """Another device using this PC's address (RFC 5227 ARP probe; needs administrator rights)."""
    main = _main(host)
    ip = local.usable_address(main)[0]
    if not (is_admin() if privileged is None else privileged):
        others = [n.mac for n in host.neighbours() if n.ip == ip and n.mac and n.mac != main.mac]
        if others:
            return fail("lan.dup.found", remedy="lan.dup.remedy", address=ip, macs=", ".join(others),
                        devices=", ".join(_named(m) for m in others))
        return skip("lan.dup.needs_admin", address=ip)
    others = host.address_conflicts(main.name, ip, main.mac)
    if others:
        return fail("lan.dup.found", evidence=tuple(measure("mac", m) for m in others), remedy="lan.dup.remedy",
                    address=ip, macs=", ".join(others), devices=", ".join(_named(m) for m in others))
    return ok("lan.dup.none", address=ip)


@check("LAN008", tags=("network", "dhcp"), requires=("LAN001",), timeout=20, admin=True)
def rogue_dhcp(host: Host):
    """Every DHCP server that answers a DISCOVER, asked twice at once: with this PC's MAC and as a new
    device would (a fresh random MAC). Two server ids: a second (rogue) server; this PC answered but
    a new device not: the pool is full. Only DISCOVERs are sent: no address is taken."""
    main = _main(host)
    probe = host.dhcp_probe(main.name, main.mac)
    evidence = (tuple(measure("dhcp_offer", f"{o.server} ({o.mac}) → {o.offered}") for o in probe.own)
                + tuple(measure("dhcp_offer_new_device", f"{o.server} ({o.mac}) → {o.offered}") for o in probe.fresh)
                + (measure("probe_mac", probe.fresh_mac),))
    servers = sorted({o.server for o in (*probe.own, *probe.fresh)})
    if len(servers) > 1:
        macs = {o.server: o.mac for o in (*probe.own, *probe.fresh)}
        return fail("lan.rogue.many", evidence=evidence, remedy="lan.rogue.remedy", count=len(servers),
                    servers=", ".join(servers), devices=", ".join(f"{s} ({_named(macs[s])})" for s in servers))
    if not servers:
        return warn("lan.rogue.none", evidence=evidence, remedy="lan.ip.dhcp_remedy", interface=main.name)
    late = min((o.after_s for o in probe.own), default=0.0)
    if late > RETRANSMIT_S:   # silent to the first DISCOVER, answering the one sent again: it was away
        return warn("lan.dhcp.late", evidence=evidence, remedy="lan.dhcp.late_remedy", server=servers[0],
                    seconds=round(late, 1))   # (and a new device's missing offer proves no full pool)
    if probe.own and not probe.fresh:
        return fail("lan.dhcp.pool_full", evidence=evidence, remedy="lan.dhcp.pool_remedy", server=servers[0])
    return ok("lan.rogue.one", evidence=evidence, server=servers[0])


@check("LAN011", tags=("network",), requires=("LAN002",), timeout=20, admin=True)
def router_witnesses(host: Host):
    """The router's address held by one device: who answers a fresh ARP request for the gateway,
    against the MAC the ARP table holds and the MAC the DHCP server (when it is the gateway) answers
    from. Two MACs answering = another box set to the router's address; the ARP request and the
    DISCOVER go out at once."""
    main, route = _main(host), host.default_route()
    if route is None or not route.gateway:
        return skip("lan.gw.none")
    from kfield.net.probe import all_at_once

    gateway, own_ip = route.gateway, local.usable_address(main)[0]
    cached = next((n.mac for n in host.neighbours() if n.ip == gateway and n.mac), "")   # before ARP refreshes it
    answering, offers = all_at_once(lambda ask: ask(), [
        lambda: host.arp_claimants(main.name, gateway, main.mac, own_ip),
        lambda: host.dhcp_offers(main.name, main.mac)])
    dhcp = next((o.mac for o in offers if o.server == gateway), "")
    evidence = (measure("arp_answer", ", ".join(answering) or "✗"), measure("arp_cache", cached or "✗"),
                measure("dhcp_server_mac", dhcp or "✗"))
    return _witnesses(gateway, answering, cached, dhcp, evidence)


def _witnesses(gateway: str, answering: list[str], cached: str, dhcp: str, evidence):
    if len(answering) > 1:
        others = [m for m in answering if m != dhcp] if dhcp in answering else []
        if others:
            return fail("lan.gw.impostor_named", evidence=evidence, remedy="lan.gw.impostor_remedy",
                        gateway=gateway, router=dhcp, others=", ".join(others),
                        devices=", ".join(_named(m) for m in others))
        return fail("lan.gw.impostor", evidence=evidence, remedy="lan.gw.impostor_remedy", gateway=gateway,
                    macs=", ".join(answering), devices=", ".join(_named(m) for m in answering))
    if not answering:
        return skip("lan.gw.no_arp_answer", evidence=evidence, gateway=gateway)
    if dhcp and dhcp != answering[0]:
        return warn("lan.gw.dhcp_mac_differs", evidence=evidence, remedy="lan.gw.impostor_remedy", gateway=gateway,
                    dhcp=dhcp, arp=answering[0])
    if cached and cached != answering[0]:
        return warn("lan.gw.cache_differs", evidence=evidence, remedy="lan.gw.impostor_remedy", gateway=gateway,
                    cached=cached, arp=answering[0])
    return ok("lan.gw.one_device", evidence=evidence, gateway=gateway, mac=answering[0])


def _named(mac: str) -> str:
    """A MAC with its registered vendor, for a sentence that names a device to find."""
    from kfield.net import oui

    maker = oui.vendor(mac) if mac else ""
    return f"{mac}, {maker}" if maker else mac


@check("LAN009", tags=("network", "printer"), requires=("LAN002",), timeout=20)
def printers(host: Host, printers: list):
    """Each printer of the profile answers on a printing port (9100 raw, 631 IPP, 515 LPD)."""
    if not printers:
        return skip("lan.printer.none_listed")
    found = {name: _printer_port(host, name) for name in printers}
    evidence = tuple(measure("printer", f"{n}: {p or '✗'}") for n, p in found.items())
    down = [n for n, p in found.items() if not p]
    if down:
        return fail("lan.printer.down", evidence=evidence, remedy="lan.printer.remedy", printers=", ".join(down))
    return ok("lan.printer.ok", evidence=evidence, count=len(found))


def _printer_port(host: Host, name: str) -> int | None:
    return next((port for port in PRINTER_PORTS if host.tcp_state(name, port, 1.0) == "open"), None)


@check("LAN010", tags=("network",), requires=("LAN001",), timeout=10)
def mtu(host: Host):
    """The interface MTU: below 1400 large packets (HTTPS, uploads) may stall."""
    main = _main(host)
    evidence = (measure("mtu", main.mtu, "B"),)
    if main.mtu < 1280:
        return fail("lan.mtu.tiny", evidence=evidence, remedy="lan.mtu.remedy", interface=main.name, mtu=main.mtu)
    if main.mtu < 1400:
        return warn("lan.mtu.small", evidence=evidence, remedy="lan.mtu.remedy", interface=main.name, mtu=main.mtu)
    return ok("lan.mtu.ok", evidence=evidence, interface=main.name, mtu=main.mtu)
