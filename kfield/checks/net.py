"""Internet and service checks (NET): DNS, HTTPS to each portal, captive portal, proxy,
latency and loss, path MTU, traceroute, timestamp server.

Targets come from the profile (portals, resolvers, captive URL, timestamp servers). Each
check's summary parameters carry what `kfield diagnose` reasons on (kfield/diagnose/).
"""

from __future__ import annotations

import random
import string
from urllib.parse import urlsplit

from kfield.core.registry import check, param
from kfield.core.result import fail, measure, ok, skip, warn
from kfield.core.schema import List, Num, Str
from kfield.platform.base import Host

URL = r"https?://\S+"
IPV4 = r"\d{1,3}(\.\d{1,3}){3}"

param("portals", List(Str(pattern=URL)), [])
param("dns_names", List(Str(pattern=r"[A-Za-z0-9.\-]+")), [])
param("resolvers", List(Str(pattern=IPV4)), [])
param("captive_url", Str(pattern=r"(https?://\S+)?"), "")
param("captive_expect_status", Num(integer=True, minimum=100, maximum=599), 204)
param("timestamp_urls", List(Str(pattern=URL)), [])
param("internet_target", Str(pattern=r"[A-Za-z0-9.\-]*"), "")
param("latency_warn_ms", Num(minimum=1), 300)
param("loss_warn_percent", Num(minimum=0, maximum=100), 5)
param("loss_fail_percent", Num(minimum=0, maximum=100), 20)
param("cert_expiry_warn_days", Num(integer=True, minimum=0, maximum=365), 14)


def _hosts(portals: list) -> list[str]:
    return list(dict.fromkeys(urlsplit(u).hostname for u in portals if urlsplit(u).hostname))


def target_of(internet_target: str, portals: list) -> str:
    return internet_target or next(iter(_hosts(portals)), "")


# --- NET001 DNS ----------------------------------------------------------------
@check("NET001", tags=("internet", "dns"), requires=("LAN002",), timeout=30)
def dns(host: Host, portals: list, dns_names: list, resolvers: list, rand=None):
    """Each profile name through the system resolver and through every resolver separately."""
    names = dns_names or _hosts(portals)
    if not names:
        return skip("net.dns.no_names")
    servers = list(dict.fromkeys([*host.dns_servers()[:3], *resolvers]))
    system = {name: _system(host, name) for name in names}
    asked = {(s, n): host.dns_ask(s, n, "A", timeout=2.0) for s in servers for n in names}
    evidence = _dns_evidence(system, asked)
    facts = _dns_facts(host, names, servers, system, asked, resolvers, rand or random.Random())
    return _dns_verdict(facts, evidence)


def _system(host: Host, name: str) -> tuple[str, ...]:
    try:
        return tuple(host.resolve(name))
    except OSError:
        return ()


def _dns_evidence(system, asked) -> tuple:
    rows = [measure("dns_system", f"{n}: {', '.join(a) or '✗'}") for n, a in system.items()]
    rows += [measure("dns_answer", f"{s} {n}: {_answer_text(a)}") for (s, n), a in asked.items()]
    return tuple(rows[:16])


def _answer_text(answer) -> str:
    if not answer.answered:
        return "✗ " + answer.error
    return f"{answer.rcode} {', '.join(answer.addresses)} ({answer.ms} ms)".replace("  ", " ")


def _dns_facts(host, names, servers, system, asked, resolvers, rng) -> dict:
    down = [s for s in servers if not any(asked[(s, n)].answered for n in names)]
    unresolved = [n for n, a in system.items() if not a]
    disagree = [n for n in names if _disagree(system[n], [asked[(s, n)] for s in resolvers if (s, n) in asked])]
    rewrites = _rewriters(host, servers, names[0], down, rng)
    return {"down": down, "unresolved": unresolved, "disagree": disagree, "rewrites": rewrites,
            "servers": servers, "public_ok": [s for s in resolvers if s not in down]}


def _disagree(system_answer: tuple, references: list) -> bool:
    """The system's addresses share nothing with a reference resolver that did answer."""
    known = [set(a.addresses) for a in references if a.answered and a.addresses]
    return bool(system_answer) and bool(known) and all(not (set(system_answer) & k) for k in known)


def _rewriters(host, servers, name, down, rng) -> list[str]:
    """Resolvers that answer an address for a name that cannot exist (NXDOMAIN rewriting)."""
    parent = name.split(".", 1)[-1] if "." in name else name
    bogus = "kfield-nx-" + "".join(rng.choice(string.ascii_lowercase) for _ in range(12)) + "." + parent
    found = []
    for server in servers:
        if server not in down:
            answer = host.dns_ask(server, bogus, "A", timeout=2.0)
            if answer.answered and answer.addresses:
                found.append(server)
    return found


def _dns_verdict(f: dict, evidence):
    common = {"down": ", ".join(f["down"]), "unresolved": ", ".join(f["unresolved"]),
              "public_ok": ", ".join(f["public_ok"])}
    if f["unresolved"]:
        return fail("net.dns.unresolved", evidence=evidence, remedy="net.dns.remedy", **common)
    if f["disagree"]:
        return fail("net.dns.disagree", evidence=evidence, remedy="net.dns.remedy_hijack",
                    names=", ".join(f["disagree"]), **common)
    if f["rewrites"]:
        return warn("net.dns.rewrites", evidence=evidence, remedy="net.dns.remedy", servers=", ".join(f["rewrites"]))
    if f["down"]:
        return warn("net.dns.some_down", evidence=evidence, remedy="net.dns.remedy", **common)
    return ok("net.dns.ok", evidence=evidence, count=len(f["servers"]))


# --- NET002 HTTPS portals ----------------------------------------------------------
@check("NET002", tags=("internet", "portal"), requires=("LAN002",), timeout=60)
def portals_reachable(host: Host, portals: list, cert_expiry_warn_days: int):
    """Each portal: name, TCP connect, TLS (chain, host name, expiry, interception), HTTP status."""
    if not portals:
        return skip("net.web.no_portals")
    probes = [host.web(url, timeout=6.0) for url in portals[:8]]
    evidence = tuple(measure("portal", _probe_text(p)) for p in probes)
    failed = [p for p in probes if not p.ok or (p.status or 0) >= 500]
    kinds = sorted({f"{p.stage}:{p.error or p.status}" for p in failed})
    params = {"failed": ", ".join(p.url for p in failed), "kinds": ", ".join(kinds), "count": len(probes),
              "failed_count": len(failed)}
    intercepted = [p for p in probes if p.intercepted]
    if failed:
        key = "net.web.all_fail" if len(failed) == len(probes) else "net.web.some_fail"
        return fail(key, evidence=evidence, remedy="net.web.remedy", **params)
    if intercepted:
        return warn("net.web.intercepted", evidence=evidence, remedy="net.web.remedy_intercept",
                    issuer=intercepted[0].issuer, **params)
    expiring = [p for p in probes if p.days_left is not None and p.days_left <= cert_expiry_warn_days]
    if expiring:
        return warn("net.web.expiring", evidence=evidence, remedy="net.web.remedy_expiring",
                    url=expiring[0].url, days=expiring[0].days_left, **params)
    return ok("net.web.ok", evidence=evidence, **params)


def _probe_text(p) -> str:
    if not p.ok:
        return f"{p.url}: ✗ {p.stage}/{p.error} {p.detail}".strip()
    parts = [f"HTTP {p.status}", f"TCP {p.connect_ms} ms"]
    if p.tls_ms is not None:
        parts += [f"TLS {p.tls_ms} ms", p.issuer, f"{p.days_left} d"]
    return f"{p.url}: " + ", ".join(str(x) for x in parts if x != "")


# --- NET003 captive portal -----------------------------------------------------------
@check("NET003", tags=("internet",), requires=("LAN002",), timeout=20)
def captive_portal(host: Host, captive_url: str, captive_expect_status: int):
    """A known URL answers exactly as expected (e.g. 204); a redirect or a page means a login portal."""
    if not captive_url:
        return skip("net.captive.no_url")
    probe = host.web(captive_url, timeout=5.0, follow=False)
    evidence = (measure("captive_answer", f"{probe.status or probe.error} {probe.location}".strip()),)
    if not probe.ok:
        return fail("net.captive.unreachable", evidence=evidence, remedy="net.captive.remedy_unreachable",
                    url=captive_url, error=f"{probe.stage}:{probe.error}")
    if probe.status != captive_expect_status:
        return fail("net.captive.found", evidence=evidence, remedy="net.captive.remedy",
                    status=probe.status, location=probe.location or "-")
    return ok("net.captive.none", evidence=evidence)


# --- NET004 proxy -------------------------------------------------------------------
@check("NET004", tags=("internet", "proxy"), timeout=20)
def proxy(host: Host):
    """Proxy settings (environment; Windows WinHTTP and WinINet) and whether the proxy answers."""
    found = host.proxies()
    if not found:
        return ok("net.proxy.direct")
    evidence = tuple(measure("proxy", f"{p.source}: {p.server}") for p in found)
    dead = [p.server for p in found if not p.source.endswith(":pac") and _proxy_dead(host, p.server)]
    if dead:
        return fail("net.proxy.dead", evidence=evidence, remedy="net.proxy.remedy", servers=", ".join(dead))
    return warn("net.proxy.set", evidence=evidence, remedy="net.proxy.remedy_check",
                servers=", ".join(dict.fromkeys(p.server for p in found)))


def _proxy_dead(host: Host, server: str) -> bool:
    parts = urlsplit(server if "://" in server else f"http://{server}")
    try:
        return host.tcp_state(parts.hostname or "", parts.port or 8080, 2.0) != "open"
    except ValueError:
        return True


# --- NET005 latency, jitter, loss ------------------------------------------------------
@check("NET005", tags=("internet", "latency"), requires=("LAN002",), timeout=40)
def latency(host: Host, portals: list, internet_target: str, latency_warn_ms, loss_warn_percent,
            loss_fail_percent):
    """Round trip, jitter and loss to the gateway and to the profile's Internet target."""
    route = host.default_route()
    targets = [t for t in ((route.gateway if route else ""), target_of(internet_target, portals)) if t]
    if not targets:
        return skip("net.latency.no_target")
    pings = [host.ping(_address(host, t), count=10, timeout=1.0) for t in targets]
    evidence = tuple(measure("ping", f"{t}: {_ping_text(p)}") for t, p in zip(targets, pings))
    far = pings[-1]
    params = {"target": targets[-1], "loss": round(far.loss_percent), "ms": far.rtt_ms, "method": far.method,
              "jitter": far.jitter_ms}
    if not far.alive:
        return fail("net.latency.silent", evidence=evidence, remedy="net.latency.remedy_silent", **params)
    if far.loss_percent >= loss_fail_percent:
        return fail("net.latency.lossy", evidence=evidence, remedy="net.latency.remedy_loss", **params)
    if far.loss_percent >= loss_warn_percent:
        return warn("net.latency.lossy", evidence=evidence, remedy="net.latency.remedy_loss", **params)
    if far.rtt_ms >= latency_warn_ms:
        return warn("net.latency.slow", evidence=evidence, remedy="net.latency.remedy_slow", **params)
    return ok("net.latency.ok", evidence=evidence, **params)


def _address(host: Host, target: str) -> str:
    if all(part.isdigit() for part in target.split(".")):
        return target
    try:
        return host.resolve(target)[0]
    except (OSError, IndexError):
        return target


def _ping_text(p) -> str:
    return f"{p.method}, {p.received}/{p.sent}, {p.rtt_ms} ms, jitter {p.jitter_ms} ms"


# --- NET006 path MTU -------------------------------------------------------------------
@check("NET006", tags=("internet", "mtu"), requires=("LAN002",), timeout=30, admin=True)
def path_mtu(host: Host, portals: list, internet_target: str):
    """Don't-fragment echoes find the path MTU and a black hole (big packets silently dropped)."""
    target = target_of(internet_target, portals)
    if not target:
        return skip("net.latency.no_target")
    found = host.path_mtu(_address(host, target))
    evidence = (measure("mtu_largest_ok", found.largest_ok, "B"),)
    if found.largest_ok is None:
        return skip("net.mtu.no_echo", target=target)
    if found.black_hole:
        return fail("net.mtu.black_hole", evidence=evidence, remedy="net.mtu.remedy_black_hole",
                    target=target, mtu=found.largest_ok, sizes=", ".join(map(str, found.silent_sizes)))
    if found.largest_ok < 1400:
        return warn("net.mtu.small", evidence=evidence, remedy="lan.mtu.remedy", target=target, mtu=found.largest_ok)
    return ok("net.mtu.ok", evidence=evidence, target=target, mtu=found.largest_ok)


# --- NET007 traceroute -----------------------------------------------------------------
@check("NET007", tags=("internet", "route"), requires=("LAN002",), timeout=30, admin=True)
def route(host: Host, portals: list, internet_target: str):
    """Routers on the way to the Internet target; where the path stops says where the fault is."""
    target = target_of(internet_target, portals)
    if not target:
        return skip("net.latency.no_target")
    hops, reached = host.traceroute(_address(host, target))
    evidence = tuple(measure("hop", f"{h.ttl}: {h.ip or '*'}{f' {h.ms} ms' if h.ms is not None else ''}")
                     for h in hops)
    answering = [h for h in hops if h.ip]
    last = answering[-1].ttl if answering else 0
    if reached:
        return ok("net.route.reached", evidence=evidence, target=target, hops=len(hops))
    return fail("net.route.stops", evidence=evidence, remedy="net.route.remedy", target=target, last_hop=last,
                last_ip=answering[-1].ip if answering else "-")


# --- NET008 timestamp server ----------------------------------------------------------
@check("NET008", tags=("internet", "signing"), requires=("LAN002",), timeout=30)
def timestamp_server(host: Host, timestamp_urls: list):
    """The signing timestamp servers answer HTTP (a signature needs one at signing time)."""
    if not timestamp_urls:
        return skip("net.tsa.no_urls")
    probes = [host.web(url, timeout=6.0) for url in timestamp_urls[:4]]
    evidence = tuple(measure("tsa", _probe_text(p)) for p in probes)
    down = [p.url for p in probes if not p.ok or (p.status or 0) >= 500]
    if down:
        return fail("net.tsa.down", evidence=evidence, remedy="net.tsa.remedy", urls=", ".join(down))
    return ok("net.tsa.ok", evidence=evidence, count=len(probes))
