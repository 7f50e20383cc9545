"""Internet and service checks (NET): DNS, HTTPS to each portal, captive portal, proxy,
latency and loss, path MTU, traceroute, timestamp server.

Targets come from the profile (portals, resolvers, captive URL, timestamp servers). Each
check's summary parameters carry what `kfield diagnose` reasons on (kfield/diagnose/).
"""

from __future__ import annotations

import datetime as dt
import random
import string
import time
from urllib.parse import urlsplit

from kfield.core.registry import check, param
from kfield.core.result import fail, measure, ok, skip, warn
from kfield.core.schema import List, Num, Str
from kfield.net.probe import Ping, all_at_once, first
from kfield.platform.base import Host

URL = r"https?://\S+"
IPV4 = r"\d{1,3}(\.\d{1,3}){3}"

param("portals", List(Str(pattern=URL)), [])
param("dns_names", List(Str(pattern=r"[A-Za-z0-9.\-]+")), [])
param("resolvers", List(Str(pattern=IPV4)), [])
param("captive_url", Str(pattern=r"(https?://\S+)?"), "")
# `kfield net speed` with no target measures here when the profile names a pair (else Cloudflare)
param("speed_down_url", Str(pattern=r"(https?://\S+)?"), "")
param("speed_up_url", Str(pattern=r"(https?://\S+)?"), "")
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
@check("NET001", tags=("internet", "dns"), requires=("NET009", "LAN004"), timeout=30)
def dns(host: Host, portals: list, dns_names: list, resolvers: list, rand=None):
    """Each profile name through the system resolver and through every resolver separately."""
    names = dns_names or _hosts(portals)
    if not names:
        return skip("net.dns.no_names")
    servers = list(dict.fromkeys([*host.dns_servers()[:3], *resolvers]))
    pairs = [(s, n) for s in servers for n in names]
    system, asked, repeat = all_at_once(lambda task: task(), [   # every question at once
        lambda: dict(zip(names, all_at_once(lambda name: _system(host, name), names))),
        lambda: dict(zip(pairs, all_at_once(lambda pair: host.dns_ask(pair[0], pair[1], "A", timeout=2.0), pairs))),
        lambda: _repeat(host, servers[0], names[0]) if servers else None])
    evidence = _dns_evidence(system, asked)
    facts = _dns_facts(host, names, servers, system, asked, resolvers, rand or random.Random())
    return _dns_verdict({**facts, "repeat": repeat}, evidence)


DNS_REPEAT, DNS_REPEAT_TIMEOUT_S = 12, 1.5
DNS_LOST_FAIL, DNS_SLOW_MS = 2, 1000


def _repeat(host: Host, server: str, name: str) -> dict:
    """The same question many times at once: how many answers come back, and how late."""
    answers = all_at_once(lambda _: host.dns_ask(server, name, "A", timeout=DNS_REPEAT_TIMEOUT_S), range(DNS_REPEAT))
    times = sorted(a.ms for a in answers if a.answered and a.ms is not None)
    return {"server": server, "asked": DNS_REPEAT, "answered": len(times),
            "slowest_ms": round(times[-1]) if times else 0, "median_ms": round(times[len(times) // 2]) if times else 0}


SYSTEM_LOOKUP_S = 4.0   # the system resolver's own retries can take 10 s and more on a lossy network


def _system(host: Host, name: str) -> tuple[str, ...]:
    """The system resolver's addresses for the name, () when it fails or takes too long."""
    found = first([lambda: tuple(host.resolve(name))], lambda answer: answer is not None, SYSTEM_LOOKUP_S)
    return found or ()


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
    asked = [s for s in servers if s not in down]
    answers = all_at_once(lambda server: host.dns_ask(server, bogus, "A", timeout=2.0), asked)
    return [server for server, answer in zip(asked, answers) if answer.answered and answer.addresses]


def _dns_verdict(f: dict, evidence):
    common = {"down": ", ".join(f["down"]), "unresolved": ", ".join(f["unresolved"]),
              "public_ok": ", ".join(f["public_ok"])}
    repeat = f.get("repeat")
    if repeat and 0 < repeat["answered"] <= repeat["asked"] - DNS_LOST_FAIL:   # it answers, but not always
        return fail("net.dns.unreliable", evidence=evidence, remedy="net.dns.remedy_unreliable", **repeat, **common)
    if f["unresolved"]:
        return fail("net.dns.unresolved", evidence=evidence, remedy="net.dns.remedy", **common)
    if f["disagree"]:
        return fail("net.dns.disagree", evidence=evidence, remedy="net.dns.remedy_hijack",
                    names=", ".join(f["disagree"]), **common)
    if repeat and repeat["median_ms"] >= DNS_SLOW_MS:
        return warn("net.dns.slow", evidence=evidence, remedy="net.dns.remedy_unreliable", **repeat, **common)
    if f["rewrites"]:
        return warn("net.dns.rewrites", evidence=evidence, remedy="net.dns.remedy", servers=", ".join(f["rewrites"]))
    if f["down"]:
        return warn("net.dns.some_down", evidence=evidence, remedy="net.dns.remedy", **common)
    return ok("net.dns.ok", evidence=evidence, count=len(f["servers"]), **(repeat or {}))


# --- NET002 HTTPS portals ----------------------------------------------------------
@check("NET002", tags=("internet", "portal"), requires=("NET009", "LAN004"), timeout=60)
def portals_reachable(host: Host, portals: list, cert_expiry_warn_days: int):
    """Each portal: name, TCP connect, TLS (chain, host name, expiry, interception), HTTP status."""
    if not portals:
        return skip("net.web.no_portals")
    probes = all_at_once(lambda url: host.web(url, timeout=5.0), portals[:8])
    evidence = tuple(_portal_measure(p) for p in probes)
    failed = [p for p in probes if not p.ok or (p.status or 0) >= 500]
    kinds = sorted({f"{p.stage}:{p.error or p.status}" for p in failed})
    params = {"failed": ", ".join(p.url for p in failed), "kinds": ", ".join(kinds), "count": len(probes),
              "failed_count": len(failed)}
    intercepted = [p for p in probes if p.intercepted]
    if failed:
        problem, details = portal_problem(failed[0])
        scope = "all" if len(failed) == len(probes) else "some"
        return fail(f"net.web.{problem}", evidence=evidence, remedy=_remedy_of(problem),
                    scope=scope, problem=problem, **details, **params)
    if intercepted:
        return warn("net.web.intercepted", evidence=evidence, remedy="net.web.remedy_intercept",
                    issuer=intercepted[0].issuer, portal=_host_of(intercepted[0].url), **params)
    expiring = [p for p in probes if p.days_left is not None and p.days_left <= cert_expiry_warn_days]
    if expiring:
        return warn("net.web.expiring", evidence=evidence, remedy="net.web.remedy_expiring",
                    url=expiring[0].url, days=expiring[0].days_left, **params)
    return ok("net.web.ok", evidence=evidence, **params)


# stage:error of a failed probe → the catalogue word for it (net.web.<problem>)
PROBLEMS = {"dns:dns_failed": "fail_dns", "connect:timeout": "fail_timeout", "connect:refused": "fail_refused",
            "tls:timeout": "fail_stalled", "http:timeout": "fail_stalled", "tls:tls_failed": "fail_tls",
            "http:http_failed": "fail_http", "tls:expired": "cert_expired", "tls:not_yet_valid": "cert_not_yet_valid",
            "tls:hostname": "cert_wrong_name", "tls:untrusted": "cert_untrusted"}
PROBLEM_WORDS = (*dict.fromkeys(PROBLEMS.values()), "fail_status", "fail_unreachable")   # net.web.* and ev.portal_*


def portal_problem(p) -> tuple[str, dict]:
    """What is wrong with one portal, as a catalogue word and the facts its sentence names."""
    details = {"portal": _host_of(p.url), "url": p.url}
    if p.ok:
        return "fail_status", {**details, "status": p.status}
    problem = PROBLEMS.get(f"{p.stage}:{p.error}", "fail_unreachable")
    if problem.startswith("cert_"):
        details.update(issuer=p.issuer or "?", names=", ".join(p.names) or "?",
                       date=(p.valid_from if problem == "cert_not_yet_valid" else p.valid_until) or "?",
                       today=dt.date.today().isoformat())
    return problem, details


def _remedy_of(problem: str) -> str:
    if problem == "cert_not_yet_valid":
        return "net.web.remedy_clock"
    return "net.web.remedy_cert" if problem.startswith("cert_") else "net.web.remedy_fail"


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or url


def _portal_measure(p):
    if p.ok and (p.status or 0) < 500:
        return measure("portal", _probe_text(p))
    problem, details = portal_problem(p)
    facts = [details.get(name) for name in ("date", "names", "issuer", "status") if details.get(name) not in (None, "?")]
    return measure(f"portal_{problem}", " — ".join([p.url, *map(str, facts)]))


def _probe_text(p) -> str:
    if not p.ok:   # what went wrong is told in words by the result (portal_problem), not here
        return f"{p.url}: ✗"
    parts = [f"HTTP {p.status}", f"TCP {p.connect_ms} ms"]
    if p.tls_ms is not None:
        parts += [f"TLS {p.tls_ms} ms", p.issuer, f"{p.days_left} d"]
    return f"{p.url}: " + ", ".join(str(x) for x in parts if x != "")


# --- NET003 captive portal -----------------------------------------------------------
@check("NET003", tags=("internet",), requires=("NET009", "LAN004"), timeout=20)
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
@check("NET005", tags=("internet", "latency"), requires=("NET009", "LAN003"), timeout=20)
def latency(host: Host, portals: list, internet_target: str, resolvers: list, latency_warn_ms, loss_warn_percent,
            loss_fail_percent):
    """Round trip, jitter and loss to the gateway and to the profile's Internet target (ICMP; where
    ICMP is filtered beyond the router, TCP handshakes stand in: ping silence alone is no outage)."""
    route = host.default_route()
    far_target = _far_target(internet_target, portals, resolvers)
    targets = [t for t in ((route.gateway if route else ""), far_target) if t]
    if not targets:
        return skip("net.latency.no_target")
    reached = all_at_once(lambda t: _reach(host, _address(host, t)), targets)
    pings, filtered = [p for p, _ in reached], reached[-1][1]
    evidence = tuple(measure("ping", f"{t}: {_ping_text(p)}") for t, p in zip(targets, pings))
    far, near = pings[-1], (pings[0] if len(pings) == 2 else None)
    params = {"target": targets[-1], "loss": round(far.loss_percent), "ms": far.rtt_ms or 0, "method": far.method,
              "jitter": far.jitter_ms or 0, "gateway_loss": round(near.loss_percent) if near else 0,
              "gateway_ms": (near.rtt_ms or 0) if near else 0}
    limits = (latency_warn_ms, loss_warn_percent, loss_fail_percent)
    status, key, remedy = _latency_verdict(far, near, *limits)
    if key == "net.latency.ok" and filtered:
        key = "net.latency.filtered"
    return status(key, evidence=evidence, remedy=remedy, **params)


def _latency_verdict(far: Ping, near: Ping | None, latency_warn_ms, loss_warn_percent, loss_fail_percent):
    """(result maker, key, remedy); "_lan" when the loss or delay already starts before the router."""
    local = near is not None and near.alive
    if not far.alive:
        return fail, "net.latency.silent", "net.latency.remedy_silent"
    if far.loss_percent >= loss_warn_percent:
        make = fail if far.loss_percent >= loss_fail_percent else warn
        lan = local and near.loss_percent >= loss_warn_percent
        return make, "net.latency.lossy_lan" if lan else "net.latency.lossy", "net.latency.remedy_loss"
    if far.rtt_ms >= latency_warn_ms:
        lan = local and (near.rtt_ms or 0) >= latency_warn_ms
        return warn, "net.latency.slow_lan" if lan else "net.latency.slow", "net.latency.remedy_slow"
    return ok, "net.latency.ok", None


ECHO_BATCHES, ECHO_EACH = 5, 2     # ten echoes, sent as five pairs at once: a lost one costs 1 s, not 1 s each
ECHO_TOTAL = ECHO_BATCHES * ECHO_EACH
TCP_PORTS = (443, 80, 53)


def _far_target(internet_target: str, portals: list, resolvers: list) -> str:
    """The profile's target, else a public resolver's address (no name to resolve: a DNS fault
    must not look like a dead Internet), else the first portal."""
    return internet_target or next(iter(resolvers), "") or target_of("", portals)


def _reach(host: Host, address: str) -> tuple[Ping, bool]:
    """(the pings, whether ICMP is filtered): ten echoes and a TCP handshake at once; where no echo
    comes back, a series of TCP handshakes stands in (ping silence alone is no outage)."""
    batches = [lambda: host.ping(address, count=ECHO_EACH, timeout=1.0) for _ in range(ECHO_BATCHES)]
    *echoes, port = all_at_once(lambda probe: probe(), [*batches, lambda: _tcp_port(host, address)])
    if any(e.alive for e in echoes) or echoes[0].method == "tcp":   # tcp: no ICMP socket, host.ping went by TCP
        return Ping(address, echoes[0].method, sum(e.sent for e in echoes), sum(e.received for e in echoes),
                    tuple(ms for e in echoes for ms in e.rtts_ms)), False
    if port is None:
        return Ping(address, "tcp", ECHO_TOTAL, 0), False
    return _tcp_series(host, address, port), True


def _tcp_port(host: Host, address: str, timeout: float = 1.0) -> int | None:
    """The first of the usual ports that answers a handshake (accepted or refused), all tried at once."""
    states = all_at_once(lambda port: host.tcp_state(address, port, timeout), list(TCP_PORTS))
    refused = [port for port, state in zip(TCP_PORTS, states) if state == "closed"]   # the kernel's own reply,
    accepted = [port for port, state in zip(TCP_PORTS, states) if state == "open"]    # no server program in it
    return next(iter(refused + accepted), None)


def _tcp_answers(host: Host, address: str) -> bool:
    return _tcp_port(host, address) is not None


def _tcp_series(host: Host, address: str, port: int, timeout: float = 1.0) -> Ping:
    rtts = []
    for _ in range(ECHO_TOTAL):
        started = time.perf_counter()
        if host.tcp_state(address, port, timeout) in ("open", "closed"):
            rtts.append(round((time.perf_counter() - started) * 1000, 2))
    return Ping(address, "tcp", ECHO_TOTAL, len(rtts), tuple(rtts))


def _address(host: Host, target: str) -> str:
    if _is_ip(target):
        return target
    return next(iter(_system(host, target)), target)


def _ping_text(p) -> str:
    if not p.alive:
        return f"{p.method}, 0/{p.sent}"
    return f"{p.method}, {p.received}/{p.sent}, {p.rtt_ms} ms, ± {p.jitter_ms or 0} ms"


# --- NET006 path MTU -------------------------------------------------------------------
@check("NET006", tags=("internet", "mtu"), requires=("NET009", "LAN003"), timeout=30, admin=True)
def path_mtu(host: Host, portals: list, internet_target: str):
    """Don't-fragment echoes find the path MTU and a black hole (big packets silently dropped)."""
    target = target_of(internet_target, portals)
    if not target:
        return skip("net.latency.no_target")
    address = _address(host, target)
    if not host.ping(address, count=2, timeout=1.0).alive:   # no echo comes back at any size: don't wait for each
        return skip("net.mtu.no_echo", target=target)
    found = host.path_mtu(address)
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
@check("NET007", tags=("internet", "route"), requires=("NET009", "LAN003"), timeout=30, admin=True)
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
    if _tcp_answers(host, _address(host, target)):   # the path works; only the routers' ICMP is filtered
        return ok("net.route.filtered", evidence=evidence, target=target, last_hop=last)
    return fail("net.route.stops", evidence=evidence, remedy="net.route.remedy", target=target, last_hop=last,
                last_ip=answering[-1].ip if answering else "-")


# --- NET008 timestamp server ----------------------------------------------------------
@check("NET008", tags=("internet", "signing"), requires=("NET009", "LAN004"), timeout=30)
def timestamp_server(host: Host, timestamp_urls: list):
    """The signing timestamp servers grant a real RFC 3161 timestamp (a signature needs one at signing
    time): a random SHA-256 digest sent, the token must carry it and our nonce; its time is shown
    beside this PC's clock."""
    from kfield.net.signing import BadAnswer, Unreached

    if not timestamp_urls:
        return skip("net.tsa.no_urls")
    evidence, down = [], []
    for url in timestamp_urls[:4]:
        try:
            stamp = host.timestamp(url, timeout=6.0)
        except ImportError as exc:   # a kit built without asn1crypto: could not check, and why
            return skip("sign.no_package", package=(exc.name or "?").split(".")[0])
        except (Unreached, BadAnswer) as exc:
            down.append(url)
            reason = "refused_answer" if isinstance(exc, BadAnswer) and exc.reason == "refused" else exc.reason
            evidence.append(measure(f"sign_{reason}", url))
            continue
        drift = round(stamp.gen_time.timestamp() - host.now(), 1)
        evidence.append(measure("tsa", f"{url}: {stamp.gen_time.isoformat()} {stamp.signer}".strip()))
        evidence.append(measure("tsa_drift", drift, "s"))
    if len(down) == len(timestamp_urls[:4]):
        return fail("net.tsa.down", evidence=tuple(evidence), remedy="net.tsa.remedy", urls=", ".join(down))
    if down:
        return warn("net.tsa.some_down", evidence=tuple(evidence), remedy="net.tsa.remedy", urls=", ".join(down))
    return ok("net.tsa.ok", evidence=tuple(evidence), count=len(timestamp_urls[:4]))


# --- NET009 the Internet answers (the uplink) -------------------------------------------
@check("NET009", tags=("internet", "quick"), requires=("LAN003",), timeout=10, gate="core.skip.gate.no_uplink")
def uplink(host: Host, internet_target: str, resolvers: list):
    """Anything beyond the router answers: the profile's target and public resolvers, by ICMP or TCP,
    all at once. The other Internet checks wait for this one instead of each timing out."""
    targets = list(dict.fromkeys(t for t in (internet_target, *resolvers[:3]) if _is_ip(t)))
    if not targets:
        return ok("net.uplink.no_target")
    probes = [(t, how) for t in targets for how in ("icmp", "tcp")]
    found = first([lambda t=t, how=how: (t, how, _answers_by(host, t, how)) for t, how in probes],
                  lambda answer: answer is not None and answer[2], timeout=3.0)
    if found:
        return ok("net.uplink.ok", evidence=(measure("uplink", f"{found[0]}: {found[1]}"),), targets=found[0])
    evidence = tuple(measure("uplink", f"{t}: ✗") for t in targets)
    return fail("net.uplink.silent", evidence=evidence, remedy="net.uplink.remedy", targets=", ".join(targets))


def _is_ip(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() for p in parts)


def _answers_by(host: Host, address: str, how: str) -> bool:
    if how == "icmp":
        echo = host.ping(address, count=2, timeout=1.0)
        return echo.alive and echo.method == "icmp"
    return _tcp_port(host, address) is not None
