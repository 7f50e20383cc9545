"""Internet and service checks (NET): DNS, HTTPS to each portal, captive portal, proxy,
latency and loss, path MTU, traceroute, timestamp server.

Targets come from the profile (portals, resolvers, captive URL, timestamp servers). Each
check's summary parameters carry what `kfield diagnose` reasons on (kfield/diagnose/).

Every measured value decides its own status against the profile's user-experience limits
(dns_slow_ms, dns_fail_ms, loss_warn_percent, first_byte_slow_s): a result past one carries the
limit as its ``threshold`` parameter, and the verdict never calls such a network healthy. Web
requests go the way a browser on this PC goes: through the system proxy when one applies
(kfield.net.web.proxy_for).
"""

from __future__ import annotations

import datetime as dt
import random
import string
import time
from urllib.parse import urlsplit

from kfield.core.registry import check, param
from kfield.core.result import Message, fail, measure, ok, skip, warn
from kfield.core.schema import AnyOf, Bool, Field, List, Map, Num, Str
from kfield.net.probe import Ping, all_at_once, first, handshakes
from kfield.platform.base import Host

URL = r"https?://\S+"
IPV4 = r"\d{1,3}(\.\d{1,3}){3}"

def _portal_marks(params: dict) -> dict:
    """Portals written as {url, domestic} become the URL list plus portal_domestic marks (a mark in
    portal_domestic itself wins)."""
    marks = {urlsplit(p["url"]).hostname: p["domestic"] for p in params["portals"]
             if isinstance(p, dict) and "domestic" in p and urlsplit(p["url"]).hostname}
    urls = [p["url"] if isinstance(p, dict) else p for p in params["portals"]]
    return {**params, "portals": urls, "portal_domestic": {**marks, **(params.get("portal_domestic") or {})}}


PORTAL_ITEM = AnyOf((Str(pattern=URL), Map({"url": Field(Str(pattern=URL), True), "domestic": Field(Bool())})))
param("portals", List(PORTAL_ITEM), [], adapt=_portal_marks)
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
param("loss_warn_percent", Num(minimum=0, maximum=100), 2)
param("loss_fail_percent", Num(minimum=0, maximum=100), 20)
param("cert_expiry_warn_days", Num(integer=True, minimum=0, maximum=365), 14)
# What a user feels: a name lookup past dns_slow_ms makes every page slow, past dns_fail_ms broken;
# a portal's first byte later than first_byte_slow_s.
param("dns_slow_ms", Num(minimum=1), 300)
param("dns_fail_ms", Num(minimum=1), 2000)
param("first_byte_slow_s", Num(minimum=0.1), 5)
# Which portals are in Vietnam (host name → true/false); unnamed hosts: domestic when they end in .vn.
param("portal_domestic", Map(values=Bool(), key_pattern=r"[A-Za-z0-9.\-]+"), {})


def _hosts(portals: list) -> list[str]:
    return list(dict.fromkeys(urlsplit(u).hostname for u in portals if urlsplit(u).hostname))


def target_of(internet_target: str, portals: list) -> str:
    return internet_target or next(iter(_hosts(portals)), "")


def system_proxies(host: Host) -> list:
    """The proxies this PC's browsers use; none when the settings cannot be read (then the probes
    go direct, as NET004 reports what could not be read)."""
    try:
        return list(host.proxies())
    except Exception:  # noqa: BLE001 — a settings source that fails is NET004's to report
        return []


def browse(host: Host, url: str, proxies: list, timeout: float = 5.0, follow: bool = True):
    """The URL fetched as a browser on this PC would: through the proxy that applies to it."""
    from kfield.net.web import proxy_for

    via = proxy_for(url, proxies)
    if via:
        return host.web(url, timeout=timeout, follow=follow, proxy=via)
    return host.web(url, timeout=timeout, follow=follow)


# --- NET001 DNS ----------------------------------------------------------------
@check("NET001", tags=("internet", "dns"), requires=("NET009", "LAN004"), timeout=30)
def dns(host: Host, portals: list, dns_names: list, resolvers: list, dns_slow_ms=300, dns_fail_ms=2000,
        latency_warn_ms=300, rand=None):
    """Each profile name through the system resolver (timed, as a browser waits for it) and through
    every resolver separately: which one is dead, slow or lying, and what that costs each page. A
    lookup needs a round trip to the provider: the limits are never below the round trip the
    profile accepts (a satellite office's latency_warn_ms)."""
    dns_slow_ms, dns_fail_ms = dns_limits(dns_slow_ms, dns_fail_ms, latency_warn_ms)
    names = dns_names or _hosts(portals)
    if not names:
        return skip("net.dns.no_names")
    configured = host.dns_servers()[:3]
    servers = list(dict.fromkeys([*configured, *resolvers]))
    pairs = [(s, n) for s in servers for n in names]
    timed, asked, repeat = all_at_once(lambda task: task(), [   # every question at once
        lambda: dict(zip(names, all_at_once(lambda name: _timed_system(host, name), names))),
        lambda: dict(zip(pairs, all_at_once(lambda pair: host.dns_ask(pair[0], pair[1], "A", timeout=2.0), pairs))),
        lambda: _repeat(host, servers[0], names[0]) if servers else None])
    system = {n: found for n, (found, _) in timed.items()}
    evidence = _dns_evidence(timed, asked)
    lookup_ms = max((ms for found, ms in timed.values() if found), default=0)
    facts, again_ms = all_at_once(lambda task: task(), [   # the NXDOMAIN probe and the cached re-ask at once
        lambda: _dns_facts(host, names, servers, system, asked, resolvers, rand or random.Random(), configured),
        lambda: _cached_ms(host, configured, asked, names[0]) if _looks_slow(lookup_ms, configured, asked,
                                                                             dns_slow_ms) else None])
    facts.update(configured=configured, lookup_ms=lookup_ms, again_ms=again_ms)
    return _dns_verdict({**facts, "repeat": repeat}, evidence, dns_slow_ms, dns_fail_ms)


def dns_limits(slow_ms: float, fail_ms: float, latency_warn_ms: float) -> tuple[float, float]:
    """(slow, broken) lookup limits: the profile's, raised to the round trip it accepts."""
    slow = max(slow_ms, latency_warn_ms)
    return slow, max(fail_ms, 2 * latency_warn_ms, slow)


def _looks_slow(lookup_ms: float, configured: list, asked: dict, slow_ms: float) -> bool:
    answered = [a.ms for (s, _), a in asked.items() if s in configured and a.answered and a.ms is not None]
    return lookup_ms > slow_ms or any(ms > slow_ms for ms in answered)


def _cached_ms(host: Host, configured: list, asked: dict, name: str) -> float | None:
    """The same name once more to the first answering server, now in its cache: the resolver's own
    time, without the link's round trip to the servers beyond it (a satellite office's forwarder
    answers a cached name at once; a resolver that holds every answer does not). Asked of the server,
    not the system: a system cache would hide a slow resolver."""
    answering = [s for s in configured if any(a.answered for (server, _), a in asked.items() if server == s)]
    if not answering:
        return None
    answer = host.dns_ask(answering[0], name, "A", timeout=2.5)
    return answer.ms if answer.answered else None


DNS_REPEAT, DNS_REPEAT_TIMEOUT_S = 12, 1.5
DNS_LOST_FAIL, DNS_SLOW_MS = 2, 1000


def _repeat(host: Host, server: str, name: str) -> dict:
    """The same question many times at once: how many answers come back, and how late."""
    answers = all_at_once(lambda _: host.dns_ask(server, name, "A", timeout=DNS_REPEAT_TIMEOUT_S), range(DNS_REPEAT))
    times = sorted(a.ms for a in answers if a.answered and a.ms is not None)
    return {"server": server, "asked": DNS_REPEAT, "answered": len(times),
            "slowest_ms": round(times[-1]) if times else 0, "median_ms": round(times[len(times) // 2]) if times else 0}


# The system resolver's own retries can take 10 s and more on a lossy network; past this a name
# counts as unresolved. Long enough for a dead first server's timeout (5 s on Linux, 1 s on
# Windows) before the next one answers: slow, not unresolved.
SYSTEM_LOOKUP_S = 6.5


def _system(host: Host, name: str) -> tuple[str, ...]:
    """The system resolver's addresses for the name, () when it fails or takes too long."""
    return _timed_system(host, name)[0]


def _timed_system(host: Host, name: str) -> tuple[tuple[str, ...], float]:
    """(addresses, ms the system resolver took): what a browser waits before it can connect."""
    started = time.perf_counter()
    found = first([lambda: tuple(host.resolve(name))], lambda answer: answer is not None, SYSTEM_LOOKUP_S)
    return found or (), round((time.perf_counter() - started) * 1000, 1)


def _dns_evidence(timed, asked) -> tuple:
    rows = [measure("dns_system", f"{n}: {', '.join(a) or '✗'} ({ms} ms)") for n, (a, ms) in timed.items()]
    rows += [measure("dns_answer", f"{s} {n}: {_answer_text(a)}") for (s, n), a in asked.items()]
    return tuple(rows[:16])


def _answer_text(answer) -> str:
    if not answer.answered:
        return "✗ " + answer.error
    return f"{answer.rcode} {', '.join(answer.addresses)} ({answer.ms} ms)".replace("  ", " ")


def _dns_facts(host, names, servers, system, asked, resolvers, rng, configured=()) -> dict:
    down = [s for s in servers if not any(asked[(s, n)].answered for n in names)]
    unresolved = [n for n, a in system.items() if not a]
    disagree = [n for n in names if _disagree(system[n], [asked[(s, n)] for s in resolvers if (s, n) in asked])]
    rewrites = _rewriters(host, servers, names[0], down, rng)
    return {"down": down, "unresolved": unresolved, "disagree": disagree, "rewrites": rewrites,
            "servers": servers, "public_ok": [s for s in resolvers if s not in down], "asked": asked,
            "nowhere": _nowhere(unresolved, names, system, asked, list(configured), resolvers)}


def _nowhere(unresolved, names, system, asked, configured, resolvers) -> dict[str, str]:
    """{name: the reference resolver that says it does not exist}: names the office's servers and a
    reference resolver this PC is not set to use both answer NXDOMAIN for, while another name resolves.
    A name missing everywhere is the name's own registration (its owner's DNS), not the office's
    resolver: the contrast is the reference's answer, which the evidence records."""
    if not any(system.get(n) for n in names if n not in unresolved):
        return {}
    found = {}
    for name in unresolved:
        mine = [asked[(s, name)] for s in configured if (s, name) in asked and asked[(s, name)].answered]
        references = [(s, asked[(s, name)]) for s in resolvers
                      if s not in configured and (s, name) in asked and asked[(s, name)].answered]
        if (mine and references and all(a.rcode == "NXDOMAIN" for _, a in references)
                and all(a.rcode == "NXDOMAIN" for a in mine)):
            found[name] = references[0][0]
    return found if len(found) == len(unresolved) else {}


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


def _dns_verdict(f: dict, evidence, slow_ms: float = 300, fail_ms: float = 2000):
    common = {"down": ", ".join(f["down"]), "unresolved": ", ".join(f["unresolved"]),
              "public_ok": ", ".join(f["public_ok"])}
    repeat = f.get("repeat")
    limits = (slow_ms, fail_ms)
    if repeat and 0 < repeat["answered"] and repeat["server"] in f["down"]:   # silent alone, answering in a burst
        singles = [a for (s, _), a in (f.get("asked") or {}).items() if s == repeat["server"]]
        repeat = {**repeat, "asked": repeat["asked"] + len(singles),
                  "answered": repeat["answered"] + sum(a.answered for a in singles)}
        common["down"] = ", ".join(s for s in f["down"] if s != repeat["server"])
        return fail("net.dns.unreliable", evidence=evidence, remedy="net.dns.remedy_unreliable", **repeat, **common)
    if repeat and 0 < repeat["answered"] <= repeat["asked"] - DNS_LOST_FAIL:   # it answers, but not always
        return fail("net.dns.unreliable", evidence=evidence, remedy="net.dns.remedy_unreliable", **repeat, **common)
    if f["unresolved"] and f.get("nowhere"):
        missing = f["nowhere"]
        said = tuple(measure("dns_reference", f"{server} {name}: NXDOMAIN") for name, server in missing.items())
        return fail("net.dns.not_found", evidence=said + tuple(evidence), remedy="net.dns.remedy_not_found",
                    names=", ".join(missing), server=next(iter(missing.values())), **common)
    if f["unresolved"]:
        return fail("net.dns.unresolved", evidence=evidence, remedy="net.dns.remedy", **common)
    if f["disagree"]:
        return fail("net.dns.disagree", evidence=evidence, remedy="net.dns.remedy_hijack",
                    names=", ".join(f["disagree"]), **common)
    dead_first = _dead_first(f, limits)
    if dead_first:
        return dead_first(evidence=evidence, common=common)
    slow = _slow(f, repeat, limits)
    if slow:
        return slow(evidence=evidence, common=common)
    if f["rewrites"]:
        return warn("net.dns.rewrites", evidence=evidence, remedy="net.dns.remedy", servers=", ".join(f["rewrites"]))
    mine = [s for s in f["down"] if s in (f.get("configured") or f["servers"])]
    if mine:
        return warn("net.dns.some_down", evidence=evidence, remedy="net.dns.remedy", **common)
    if f["down"]:   # only a reference resolver is out of reach (a proxy-only network): no user waits on it
        return ok("net.dns.reference_down", evidence=evidence, **common)
    return ok("net.dns.ok", evidence=evidence, count=len(f["servers"]), **(repeat or {}))


def _severity(ms: float, limits) -> object | None:
    """warn past the slow limit, fail past the broken one, None within both."""
    slow_ms, fail_ms = limits
    return fail if ms > fail_ms else warn if ms > slow_ms else None


def _dead_first(f: dict, limits):
    """The first configured server is silent while another answers: the system asks it first and
    every name waits for its timeout (measured: the system lookup's own time)."""
    configured = f.get("configured") or []
    answering = [s for s in f["servers"] if s not in f["down"]]
    if not configured or configured[0] not in f["down"] or not answering:
        return None
    make = _severity(f["lookup_ms"], limits)
    if make is None:
        return None   # the system skipped it quickly: only "a server does not answer" (some_down)
    limit = limits[1] if make is fail else limits[0]
    nxt = next((s for s in configured if s not in f["down"]), answering[0])
    return lambda evidence, common: make(
        "net.dns.first_dead", evidence=evidence,
        remedy=Message("net.dns.remedy_first_dead", {"server": configured[0], "next_server": nxt}), server=configured[0],
        next_server=nxt, wait_s=round(f["lookup_ms"] / 1000, 1), ms=round(f["lookup_ms"]), threshold=limit, **common)


def _slow(f: dict, repeat, limits):
    """Names that resolve, but later than a user can wait: the system lookup's own time, or the
    slowest answer of a configured server (any answer, REFUSED included), or a burst whose answers
    all came too late."""
    asked = f.get("asked") or {}
    configured = f.get("configured") or []
    times = [(a.ms, s) for (s, _), a in asked.items() if s in configured and a.answered and a.ms is not None]
    worst_ms, server = max(times, default=(0, configured[0] if configured else ""))
    if f["lookup_ms"] > worst_ms:
        worst_ms = f["lookup_ms"]
    burst_lost = bool(repeat) and repeat["answered"] == 0 and repeat["server"] not in f["down"]
    again = f.get("again_ms")
    if again is not None and again <= limits[0] and worst_ms > limits[0]:
        return None   # slow only until cached: the link's round trip beyond the resolver (NET005 judges it)
    make = _severity(worst_ms, limits)
    if make is None and burst_lost and worst_ms < DNS_REPEAT_TIMEOUT_S * 1000:   # fast alone, lost together
        make, worst_ms = warn, max(worst_ms, DNS_REPEAT_TIMEOUT_S * 1000)
    if make is None:
        return None
    limit = limits[1] if make is fail else limits[0]
    burst = {"asked": repeat["asked"], "answered": repeat["answered"]} if repeat else {"asked": 0, "answered": 0}
    return lambda evidence, common: make(
        "net.dns.slow", evidence=evidence, remedy="net.dns.remedy_slow", server=server, ms=round(worst_ms),
        threshold=limit, **burst, **common)


# --- NET002 HTTPS portals ----------------------------------------------------------
@check("NET002", tags=("internet", "portal"), requires=("NET009", "LAN004"), timeout=60)
def portals_reachable(host: Host, portals: list, cert_expiry_warn_days: int, first_byte_slow_s=5,
                      portal_domestic=None, clock_drift_fail_s=300):
    """Each portal as a browser on this PC gets it (through the system proxy when one applies):
    name, TCP connect, TLS (chain, host name, expiry, interception), first byte, HTTP status."""
    if not portals:
        return skip("net.web.no_portals")
    proxies = system_proxies(host)
    from kfield.net.web import proxy_for

    direct = [u for u in portals[:8] if not proxy_for(u, proxies)]   # through a proxy, the proxy connects
    done = all_at_once(lambda task: task(), [*(lambda u=u: browse(host, u, proxies) for u in portals[:8]),
                                             *(lambda u=u: host.ipv6_reach(_host_of(u), urlsplit(u).port or 443)
                                               for u in direct)])
    probes, v6 = done[:len(portals[:8])], dict(zip(direct, done[len(portals[:8]):]))
    evidence = tuple(_portal_measure(p) for p in probes)
    failed = [p for p in probes if not p.ok or (p.status or 0) >= 500]
    kinds = sorted({f"{p.stage}:{p.error or p.status}" for p in failed})
    params = {"failed": ", ".join(p.url for p in failed), "kinds": ", ".join(kinds), "count": len(probes),
              "failed_count": len(failed)}
    intercepted = [p for p in probes if p.intercepted]
    if failed:
        problem, details = portal_problem(failed[0])
        scope = "all" if len(failed) == len(probes) else "some"
        kind = _class_failing(probes, failed, portal_domestic or {})
        if kind:
            return fail(CLASS_FAILS[kind], evidence=evidence, remedy="net.web.remedy_class", scope="class",
                        problem=problem, **details, **params)
        return fail(f"net.web.{problem}", evidence=evidence, remedy=_remedy_of(problem),
                    scope=scope, problem=problem, **details, **params)
    skew = _agreed_skew(probes, clock_drift_fail_s)
    if skew is not None:
        return fail("net.web.clock_skew", evidence=evidence, remedy="net.web.remedy_clock", **_skew_words(skew),
                    threshold=f"{clock_drift_fail_s:g} s", **params)
    if intercepted:
        return warn("net.web.intercepted", evidence=evidence, remedy="net.web.remedy_intercept",
                    issuer=intercepted[0].issuer, portal=_host_of(intercepted[0].url), **params)
    broken6 = [u for u, state in v6.items() if state == "failed"]
    if broken6:
        return warn("net.web.ipv6_broken", evidence=evidence, remedy="net.web.remedy_ipv6", portal=_host_of(broken6[0]),
                    **params)
    slow = [p for p in probes if (p.first_byte_ms or 0) > first_byte_slow_s * 1000]
    if slow:
        return warn("net.web.slow", evidence=evidence, remedy="net.web.remedy_slow", portal=_host_of(slow[0].url),
                    seconds=round(slow[0].first_byte_ms / 1000, 1), threshold=first_byte_slow_s,
                    slow_count=len(slow), **params)
    expiring = [p for p in probes if p.days_left is not None and p.days_left <= cert_expiry_warn_days]
    if expiring:
        return warn("net.web.expiring", evidence=evidence, remedy="net.web.remedy_expiring",
                    url=expiring[0].url, days=expiring[0].days_left, **params)
    return ok("net.web.ok", evidence=evidence, **params)


CLASS_FAILS = {"international": "net.web.international_fail", "domestic": "net.web.domestic_fail",
               "group": "net.web.group_fail"}
GROUP_PROBLEMS = ("fail_timeout", "fail_unreachable", "fail_refused", "fail_reset")   # the path's doing, not a server's


def _agreed_skew(probes, limit_s: float) -> float | None:
    """The portals' servers agree (two or more, or the only one) on a time this PC's clock is off from
    by more than the limit: the PC's clock is wrong, not theirs (one server alone against the others
    is that server's clock)."""
    skews = sorted(p.clock_skew_s for p in probes if p.clock_skew_s is not None)
    if not skews:
        return None
    middle = skews[len(skews) // 2]
    agreeing = [s for s in skews if abs(s - middle) <= limit_s]
    if abs(middle) <= limit_s or (len(skews) > 1 and len(agreeing) < 2):
        return None
    return middle


def _skew_words(skew: float) -> dict:
    """{amount, server_date, today}: how far off ("400 d", "3.0 h"), the servers' date and this PC's."""
    seconds = abs(skew)
    amount = (f"{seconds / 86400:.0f} d" if seconds >= 86400 else f"{seconds / 3600:.1f} h" if seconds >= 3600
              else f"{seconds:.0f} s")
    server_date = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=skew)).date().isoformat()
    return {"amount": amount, "server_date": server_date, "today": dt.date.today().isoformat()}


def is_domestic(url: str, marks) -> bool:
    """The profile's mark for the portal's host, else: a .vn name is in Vietnam."""
    name = _host_of(url).lower()
    return bool(marks.get(name, name.endswith(".vn")))


def _class_failing(probes, failed, marks) -> str:
    """"international" (or "domestic") when at least two portals of that class fail, most of that
    class fails, and every portal of the other class works: a contrast that names the class."""
    classes = {"domestic": [p for p in probes if is_domestic(p.url, marks)],
               "international": [p for p in probes if not is_domestic(p.url, marks)]}
    for kind, other in (("international", "domestic"), ("domestic", "international")):
        bad = [p for p in failed if p in classes[kind]]
        if (len(bad) >= 2 and 2 * len(bad) > len(classes[kind]) and classes[other]
                and not any(p in failed for p in classes[other])):
            return kind
    return "group" if _alike(failed, probes) else ""


def _alike(failed, probes) -> bool:
    """Two or more different servers fail the same way on the path (no answer, refused, reset) while
    another portal works: what they share is the way to them, not each server's own fault."""
    problems = {portal_problem(p)[0] for p in failed}
    servers = {p.ip or _host_of(p.url) for p in failed}
    return (len(servers) >= 2 and len(failed) < len(probes) and len(problems) == 1
            and problems <= set(GROUP_PROBLEMS))


# stage:error of a failed probe → the catalogue word for it (net.web.<problem>)
PROBLEMS = {"dns:dns_failed": "fail_dns", "connect:timeout": "fail_timeout", "connect:refused": "fail_refused",
            "tls:timeout": "fail_stalled", "http:timeout": "fail_stalled", "tls:tls_failed": "fail_tls",
            "http:http_failed": "fail_http", "tls:expired": "cert_expired", "tls:not_yet_valid": "cert_not_yet_valid",
            "tls:hostname": "cert_wrong_name", "tls:untrusted": "cert_untrusted", "tls:reset": "fail_reset",
            "http:reset": "fail_reset", "connect:reset": "fail_reset", "proxy:proxy_status": "fail_proxy",
            "proxy:timeout": "fail_proxy", "proxy:reset": "fail_proxy", "proxy:unreachable": "fail_proxy",
            "http:redirect_loop": "fail_redirects"}
PROBLEM_WORDS = (*dict.fromkeys(PROBLEMS.values()), "fail_status", "fail_unreachable")   # net.web.* and ev.portal_*


def portal_problem(p) -> tuple[str, dict]:
    """What is wrong with one portal, as a catalogue word and the facts its sentence names."""
    details = {"portal": _host_of(p.url), "url": p.url, "proxy": p.via or "-"}
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
    facts += [f"proxy {p.via}"] if p.via else []
    return measure(f"portal_{problem}", " — ".join([p.url, *map(str, facts)]))


def _probe_text(p) -> str:
    if not p.ok:   # what went wrong is told in words by the result (portal_problem), not here
        return f"{p.url}: ✗"
    parts = [f"HTTP {p.status}", f"DNS {p.dns_ms} ms" if p.dns_ms is not None else "", f"TCP {p.connect_ms} ms"]
    if p.tls_ms is not None:
        parts += [f"TLS {p.tls_ms} ms", p.issuer, f"{p.days_left} d"]
    if p.first_byte_ms is not None:
        parts += [f"1st byte {p.first_byte_ms} ms", f"{p.size} B in {p.http_ms} ms"]
    parts += [f"proxy {p.via}"] if p.via else []
    return f"{p.url}: " + ", ".join(str(x) for x in parts if x != "")


# --- NET003 captive portal -----------------------------------------------------------
@check("NET003", tags=("internet",), requires=("NET009", "LAN004"), timeout=20)
def captive_portal(host: Host, captive_url: str, captive_expect_status: int):
    """A known URL answers exactly as expected (e.g. 204); a redirect or a page means a login portal."""
    if not captive_url:
        return skip("net.captive.no_url")
    probe = browse(host, captive_url, system_proxies(host), follow=False)
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
    named = dict.fromkeys(p.server for p in found if not p.source.endswith(":pac"))   # HTTP_PROXY = HTTPS_PROXY: once
    dead = [server for server in named if _proxy_dead(host, server)]
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
    """Round trip, jitter and loss to the gateway, to the profile's Internet target and to the portals'
    own servers (ICMP; where ICMP is filtered beyond the router, TCP handshakes stand in: ping silence
    alone is no outage). A portal's server far worse than the target (international sites behind a
    damaged cable) is the link's loss or delay to it."""
    route = host.default_route()
    far_target = _far_target(internet_target, portals, resolvers)
    main = [t for t in ((route.gateway if route else ""), far_target) if t]
    if not main:
        return skip("net.latency.no_target")
    extras = [h for h in _hosts(portals)[:3] if h != far_target]
    reached = all_at_once(lambda t: _reach(host, _address(host, t)) if t in main else _reach_portal(host, t),
                          [*main, *extras])
    extras = [t for t, r in zip([*main, *extras], reached) if t not in main and r is not None]
    reached = [r for r in reached if r is not None]
    pings, filtered = [p for p, _ in reached], reached[len(main) - 1][1]
    evidence = tuple(measure("ping", f"{t}: {_ping_text(p)}") for t, p in zip([*main, *extras], pings))
    far, near = pings[len(main) - 1], (pings[0] if len(main) == 2 else None)
    limits = (latency_warn_ms, loss_warn_percent, loss_fail_percent)
    status, key, remedy = _latency_verdict(far, near, *limits)
    target = main[-1]
    if key == "net.latency.ok":   # the target is fine: is a portal's own server not?
        worse = _worst_portal(list(zip(extras, pings[len(main):])), near, limits)
        if worse:
            target, far, (status, key, remedy) = worse
    params = {"target": target, "loss": round(far.loss_percent), "ms": far.rtt_ms or 0, "method": far.method,
              "jitter": far.jitter_ms or 0, "gateway_loss": round(near.loss_percent) if near else 0,
              "gateway_ms": (near.rtt_ms or 0) if near else 0}
    if key == "net.latency.silent" and system_proxies(host):   # NET009 found the way through the proxy
        return skip("net.direct.proxy_only", evidence=evidence, target=target)
    if key == "net.latency.ok" and far.refusals_only:
        key = "net.latency.refusals"
    elif key == "net.latency.ok" and filtered:
        key = "net.latency.filtered"
    if status is not ok:
        params["threshold"] = (f"{loss_warn_percent:g}%" if "lossy" in key else f"{latency_warn_ms:g} ms")
    return status(key, evidence=evidence, remedy=remedy, **params)


def _worst_portal(measured, near, limits):
    """(portal, its pings, its verdict) of the portal server with the most loss, else the longest round
    trip, past the limits while the main target is within them; None when every answering one is fine
    (a silent one is NET002's to tell)."""
    bad = [(t, p, _latency_verdict(p, near, *limits)) for t, p in measured if p.alive]
    bad = [row for row in bad if row[2][1] != "net.latency.ok"]
    if not bad:
        return None
    return max(bad, key=lambda row: (row[1].loss_percent, row[1].rtt_ms or 0))


def _latency_verdict(far: Ping, near: Ping | None, latency_warn_ms, loss_warn_percent, loss_fail_percent):
    """(result maker, key, remedy); "_lan" when the loss or delay already starts before the router."""
    local = near is not None and near.alive
    if not far.alive:
        return fail, "net.latency.silent", "net.latency.remedy_silent"
    if far.loss_percent >= loss_warn_percent and not far.refusals_only:
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


PORTAL_LOOKUP_S = 2.0   # a portal whose name takes longer is left out of the round-trip contrast (NET001 tells)


def _reach_portal(host: Host, name: str):
    """_reach for a portal's server, or None when its name does not resolve quickly (never a ping of a
    name: the ping library would wait for the resolver on its own)."""
    if _is_ip(name):
        return _reach(host, name)
    found = first([lambda: tuple(host.resolve(name))], lambda answer: answer is not None, PORTAL_LOOKUP_S)
    return _reach(host, found[0]) if found else None


def _tcp_port(host: Host, address: str, timeout: float = 1.0) -> int | None:
    """The first of the usual ports that answers a handshake (accepted or refused), all tried at once."""
    states = all_at_once(lambda port: host.tcp_state(address, port, timeout), list(TCP_PORTS))
    refused = [port for port, state in zip(TCP_PORTS, states) if state == "closed"]   # the kernel's own reply,
    accepted = [port for port, state in zip(TCP_PORTS, states) if state == "open"]    # no server program in it
    return next(iter(refused + accepted), None)


def _tcp_answers(host: Host, address: str) -> bool:
    return _tcp_port(host, address) is not None


def _tcp_series(host: Host, address: str, port: int, timeout: float = 1.0) -> Ping:
    return handshakes(address, [_timed(host, address, port, timeout) for _ in range(ECHO_TOTAL)])


def _timed(host: Host, address: str, port: int, timeout: float) -> tuple[str, float]:
    started = time.perf_counter()
    state = host.tcp_state(address, port, timeout)
    return state, time.perf_counter() - started


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
    if system_proxies(host):   # nothing goes direct; NET009 found the way through the proxy
        return skip("net.direct.proxy_only", evidence=evidence, target=target)
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
    evidence, down, proxies = [], [], system_proxies(host)
    for url in timestamp_urls[:4]:
        try:
            stamp = host.timestamp(url, timeout=6.0, proxies=proxies)
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
@check("NET009", tags=("internet", "quick"), requires=("LAN003",), timeout=15, gate="core.skip.gate.no_uplink")
def uplink(host: Host, internet_target: str, resolvers: list, portals: list = ()):
    """Anything beyond the router answers: the profile's target and public resolvers, by ICMP or TCP,
    all at once; where nothing answers directly and a proxy is set, the first portal through the
    proxy (the way a browser goes). The other Internet checks wait for this one."""
    targets = list(dict.fromkeys(t for t in (internet_target, *resolvers[:3]) if _is_ip(t)))
    if not targets:
        return ok("net.uplink.no_target")
    probes = [(t, how) for t in targets for how in ("icmp", "tcp")]
    found = first([lambda t=t, how=how: (t, how, _answers_by(host, t, how)) for t, how in probes],
                  lambda answer: answer is not None and answer[2], timeout=3.0)
    if found:
        return ok("net.uplink.ok", evidence=(measure("uplink", f"{found[0]}: {found[1]}"),), targets=found[0])
    evidence = tuple(measure("uplink", f"{t}: ✗") for t in targets)
    through = _through_proxy(host, list(portals))
    if through is not None:
        return _proxy_uplink(through, evidence, ", ".join(targets))
    return fail("net.uplink.silent", evidence=evidence, remedy="net.uplink.remedy", targets=", ".join(targets))


def _through_proxy(host: Host, portals: list):
    """The first portal fetched through the proxy a browser here would use, or None (no proxy)."""
    from kfield.net.web import proxy_for

    proxies = system_proxies(host)
    url = next((u for u in portals if proxy_for(u, proxies)), "")
    if not url:
        return None
    return host.web(url, timeout=4.0, follow=False, proxy=proxy_for(url, proxies))


def _proxy_uplink(probe, evidence, targets: str):
    """Direct traffic goes nowhere; through the proxy: any HTTP answer proves the way out works."""
    evidence = (*evidence, measure("uplink_proxy", f"{probe.via} → {probe.url}: {probe.status or '✗'}"))
    facts = {"proxy": probe.via, "portal": _host_of(probe.url), "targets": targets}
    if probe.ok:
        return ok("net.uplink.proxy_only", evidence=evidence, status=probe.status, **facts)
    problem, _ = portal_problem(probe)
    return fail("net.uplink.proxy_fails", evidence=evidence, remedy="net.uplink.remedy_proxy", problem=problem,
                stage=probe.stage, **facts)


def _is_ip(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() for p in parts)


def _answers_by(host: Host, address: str, how: str) -> bool:
    if how == "icmp":
        echo = host.ping(address, count=2, timeout=1.0)
        return echo.alive and echo.method == "icmp"
    return _tcp_port(host, address) is not None
