"""Signing checks (SIGN): the local signing service, token, certificate, browsers.

The chain (domain notes): web page → JavaScript → local signing service on a secure
WebSocket on 127.0.0.1 → token driver → USB token. Each check answers one link.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from kfield.core.registry import check, param
from kfield.core.result import fail, measure, ok, skip, warn
from kfield.core.schema import List, Map, Num, Str
from kfield.net.signing import BadAnswer, Unreached
from kfield.platform.base import Host

LNA_FROM_MAJOR = 142  # Chrome/Edge ask "Local network access" before a site reaches localhost
LOOPBACK_POLICY_FROM = 146  # LoopbackNetworkAllowedForUrls exists from Chrome 146
LNA_WEBSOCKET_FROM = 147  # WebSocket connections (the signing service's) came under LNA in Chrome 147
CHROMIUM_FAMILY = ("chrome", "chromium", "edge", "coccoc")
URL = r"https?://\S+"

param("signing_ports", List(Num(integer=True, minimum=1, maximum=65535), min_items=1), [8987])
param("signing_processes", List(Str(), min_items=1), ["VGCASignService.exe", "VGCASignService"])
# Vendor ids verified against the usb.ids registry (Debian package usb.ids).
param("token_usb_vendors", Map(values=Str(), key_pattern=r"[0-9a-f]{4}"), {
    "096e": "Feitian", "0529": "Aladdin/SafeNet", "24dc": "Aladdin R.D.",
    "08e6": "Gemalto", "25dd": "Bit4id",
})
param("cert_warn_days", Num(integer=True, minimum=0, maximum=365), 30)
param("browser_min_versions", Map(values=Num(integer=True, minimum=1), key_pattern=r"[a-z]+"),
      {"chrome": 120, "edge": 120, "chromium": 120, "firefox": 115, "coccoc": 120})
param("token_usb_models", Map(values=Str(), key_pattern=r"[0-9a-f]{4}:[0-9a-f]{4}"), {
    "0529:0620": "SafeNet eToken 5110", "0529:0600": "Aladdin eToken",
    "096e:0807": "Feitian ePass2003", "096e:080a": "Feitian ePass2003Auto",
})
param("eoffice_urls", List(Str(pattern=URL)), [])
param("signing_site_urls", List(Str(pattern=URL)), [])
param("signing_ws_path", Str(pattern=r"/\S*"), "/GetVersion")
param("token_middleware", List(Str(pattern=r"[A-Za-z0-9_.*\-]+\.dll")), [
    "eTPKCS11.dll", "vnpt-ca_csp11.dll", "vnptca_p11_v*.dll", "viettel-ca_v*.dll", "BkavCA.dll", "fpt-ca.dll",
    "eps2003csp11.dll", "ShuttleCsp11_3003.dll", "ngp11v211.dll", "st3csp11.dll",
])
param("ocsp_urls", List(Str(pattern=URL)), [])
param("crl_urls", List(Str(pattern=URL)), [])
param("ocsp_rewrites", Map(values=Str(pattern=URL), key_pattern=r"[a-z0-9][a-z0-9.\-]*"), {})


@check("SIGN001", tags=("signing", "quick", "usb"), timeout=10)
def service_port(host: Host, signing_ports: list):
    """Is the local signing service listening on one of its loopback ports?"""
    states = {port: host.port_listening(port) for port in signing_ports}
    evidence = tuple(measure("port_listening", f"{p}: {'✓' if up else '✗'}") for p, up in states.items())
    listening = [str(p) for p, up in states.items() if up]
    if listening:
        return ok("sign.port.ok", evidence=evidence, ports=", ".join(listening))
    return fail("sign.port.none", evidence=evidence, remedy="sign.port.remedy",
                ports=", ".join(map(str, signing_ports)))


@check("SIGN002", tags=("signing", "quick", "usb"), timeout=10)
def service_process(host: Host, signing_processes: list):
    """Is the signing service's process running?"""
    wanted = {name.lower() for name in signing_processes}
    running = [p for p in host.processes() if p.name.lower() in wanted]
    if running:
        evidence = tuple(measure("process", f"{p.name} (pid {p.pid})") for p in running[:5])
        return ok("sign.process.ok", evidence=evidence, name=running[0].name)
    return fail("sign.process.none", remedy="sign.process.remedy", names=", ".join(signing_processes))


@check("SIGN003", tags=("signing", "quick", "usb"), timeout=20)
def token_present(host: Host, token_usb_vendors: dict, token_usb_models: dict):
    """Is a USB token of a known vendor plugged in? A known model (vendor:product id) is named."""
    vendors = {k.lower(): v for k, v in token_usb_vendors.items()}
    models = {k.lower(): v for k, v in token_usb_models.items()}
    tokens = [d for d in host.usb_devices() if d.vendor_id in vendors or f"{d.vendor_id}:{d.product_id}" in models]
    if not tokens:
        return fail("sign.token.none", remedy="sign.token.remedy")

    def named(d):
        return models.get(f"{d.vendor_id}:{d.product_id}") or vendors[d.vendor_id]
    evidence = tuple(measure("usb_token", f"{named(d)} {d.vendor_id}:{d.product_id} {d.name}".strip()) for d in tokens)
    return ok("sign.token.ok", evidence=evidence, vendor=named(tokens[0]))


@check("SIGN004", tags=("signing", "usb"), timeout=30, platforms=("windows",))
def certificate(host: Host, cert_warn_days: int, now=None):
    """A certificate with its private key in the user's store, and its days to expiry."""
    moment = now or dt.datetime.now(dt.timezone.utc)
    usable = sorted((c for c in host.user_certificates() if c.has_private_key), key=lambda c: c.not_after)
    if not usable:
        return fail("sign.cert.none", remedy="sign.cert.remedy_missing")
    newest = usable[-1]
    days = (newest.not_after - moment).days
    evidence = (measure("cert_subject", _cn(newest.subject)), measure("cert_issuer", _cn(newest.issuer)),
                measure("cert_days_left", days, "days"))
    if days < 0:
        return fail("sign.cert.expired", evidence=evidence, remedy="sign.cert.remedy_renew",
                    date=newest.not_after.date().isoformat())
    if days <= cert_warn_days:
        return warn("sign.cert.expiring", evidence=evidence, remedy="sign.cert.remedy_renew", days=days)
    return ok("sign.cert.ok", evidence=evidence, subject=_cn(newest.subject), days=days)


def _cn(distinguished_name: str) -> str:
    match = re.search(r"CN=([^,]+)", distinguished_name)
    return match[1].strip() if match else distinguished_name


@check("SIGN005", tags=("signing", "quick", "usb", "browser"), timeout=30)
def browser_versions(host: Host, browser_min_versions: dict):
    """Installed browsers and versions; old ones fail signing pages."""
    browsers = host.browsers()
    if not browsers:
        return skip("sign.browser.none")
    evidence = tuple(measure("browser", f"{b.name} {b.version}") for b in browsers)
    old = [b for b in browsers if _major(b.version) < browser_min_versions.get(b.name, 0)]
    if old:
        return warn("sign.browser.old", evidence=evidence, remedy="sign.browser.remedy",
                    browsers=", ".join(f"{b.name} {b.version}" for b in old))
    if any(_lna_applies(b) for b in browsers):
        return ok("sign.browser.ok_lna", evidence=evidence, count=len(browsers), major=LNA_FROM_MAJOR)
    return ok("sign.browser.ok", evidence=evidence, count=len(browsers))


def _major(version: str) -> int:
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def _lna_applies(browser) -> bool:
    return browser.name in CHROMIUM_FAMILY and _major(browser.version) >= LNA_FROM_MAJOR


@check("SIGN006", tags=("signing", "browser"), timeout=30)
def lna_policy(host: Host, eoffice_urls: list, signing_site_urls: list):
    """Local Network Access for the E-Office and one-stop addresses on Chrome/Edge 142+.

    Chrome/Edge 142+ ask a permission before a public page reaches 127.0.0.1; the signing service
    is reached by a WebSocket, which came under that rule only in 147. Which of the three policies
    is set, for which addresses: LocalNetworkAccessAllowedForUrls, LoopbackNetworkAllowedForUrls
    (146+), LocalNetworkAccessRestrictionsTemporaryOptOut. WARN when a 147+ browser has no policy
    for a signing address (signing then hangs on each user clicking "Allow" once, and a "Block" is
    silent); OK with the reason otherwise. The E-Office address is a setting: when it is not set,
    the result names the command that sets it.
    """
    urls = list(dict.fromkeys([*eoffice_urls, *signing_site_urls]))
    unset = () if eoffice_urls else (measure("lna_setting", "kfield profile set eoffice_url URL"),)
    if not urls:
        return skip("sign.lna.no_urls", evidence=unset)
    modern = [b for b in host.browsers() if _lna_applies(b)]
    if not modern:
        return ok("sign.lna.not_needed", evidence=unset, major=LNA_FROM_MAJOR)
    policies = host.lna_policies()
    evidence = tuple(_policy_evidence(policies)) + unset
    gaps = [(b, missing) for b in modern if (missing := _not_allowed(b, policies.get(_policy_family(b.name)), urls))]
    blocking = [(b, missing) for b, missing in gaps if _major(b.version) >= LNA_WEBSOCKET_FROM]
    if blocking:
        return warn("sign.lna.missing", evidence=evidence, remedy="sign.lna.remedy",
                    urls=", ".join(dict.fromkeys(u for _, missing in blocking for u in missing)),
                    browsers=_browsers_shown(blocking), major=LNA_WEBSOCKET_FROM)
    if gaps:
        return ok("sign.lna.before_websocket", evidence=evidence, browsers=_browsers_shown(gaps), major=LNA_WEBSOCKET_FROM)
    if unset:
        return ok("sign.lna.ok_no_eoffice", evidence=evidence, count=len(urls))
    return ok("sign.lna.ok", evidence=evidence, count=len(urls))


def _browsers_shown(pairs) -> str:
    return ", ".join(f"{b.name} {_major(b.version)}" for b, _ in pairs)


def _policy_family(name: str) -> str:
    return "chromium" if name == "coccoc" else name


def _not_allowed(browser, policy, urls: list) -> list[str]:
    """The addresses this browser would still ask about: none when the temporary opt-out is on."""
    if policy is None:
        return list(urls)
    if policy.opt_out:
        return []
    patterns = list(policy.allowed)
    if _major(browser.version) >= LOOPBACK_POLICY_FROM:
        patterns += policy.loopback
    return [u for u in urls if not any(url_matches(p, u) for p in patterns)]


def _policy_evidence(policies: dict):
    for browser, policy in sorted(policies.items()):
        for name, values in (("LocalNetworkAccessAllowedForUrls", policy.allowed),
                             ("LoopbackNetworkAllowedForUrls", policy.loopback)):
            if values:
                yield measure("lna_pattern", f"{browser}: {name} = {', '.join(values[:10])}")
        if policy.opt_out is not None:
            yield measure("lna_pattern", f"{browser}: LocalNetworkAccessRestrictionsTemporaryOptOut = "
                                         f"{'1' if policy.opt_out else '0'}")


@check("SIGN007", tags=("signing", "quick", "usb"), requires=("SIGN001",), timeout=15)
def service_answers(host: Host, signing_ports: list, signing_ws_path: str):
    """The signing service answers its secure WebSocket as a page calls it (wss://127.0.0.1:PORT/GetVersion),
    with its version; a certificate this PC does not trust is what a browser refuses too."""
    tried = []
    for port in signing_ports:
        url = f"wss://127.0.0.1:{port}{signing_ws_path}"
        try:
            answer = host.signing_service(url, timeout=4.0)
        except Unreached as exc:
            tried.append(_unreached(exc, url))
            continue
        except ImportError as exc:
            return _no_package(exc)
        evidence = (measure("ws", f"{url}: {answer.reply[:80]}"), measure("service_version", answer.version or "—"))
        if not answer.trusted:
            return fail("sign.ws.untrusted", evidence=evidence, remedy="sign.ws.remedy_untrusted", url=url)
        return ok("sign.ws.ok", evidence=evidence, version=answer.version or "?", url=url)
    return fail("sign.ws.silent", evidence=tuple(tried), remedy="sign.ws.remedy",
                ports=", ".join(map(str, signing_ports)))


@check("SIGN008", tags=("signing", "usb"), timeout=20, platforms=("windows",))
def middleware(host: Host, token_middleware: list):
    """The token middleware (a PKCS#11 library of a token vendor) is installed in the system folders."""
    found = host.pkcs11_modules(token_middleware)
    if not found:
        return fail("sign.middleware.none", remedy="sign.middleware.remedy", count=len(token_middleware))
    names = list(dict.fromkeys(path.replace("/", "\\").rsplit("\\", 1)[-1] for path in found))
    evidence = tuple(measure("pkcs11", path) for path in found[:8])
    return ok("sign.middleware.ok", evidence=evidence, names=", ".join(names))


@check("SIGN009", tags=("signing", "internet"), requires=("NET009", "LAN004"), timeout=30, platforms=("windows",))
def ocsp(host: Host, ocsp_urls: list, ocsp_rewrites: dict, now=None):
    """OCSP answers for the certificate's issuer: a real RFC 6960 request for the newest certificate with
    a private key, at the responder the certificate names (rewritten by domain as the profile says; else
    the profile's first), signature checked."""
    usable = sorted((c for c in host.user_certificates() if c.has_private_key and c.der), key=lambda c: c.not_after)
    if not usable:
        return skip("sign.ocsp.no_cert")
    newest = usable[-1]
    others = [c.der for c in host.user_certificates() if c.der and c.der != newest.der]
    try:
        answer = host.ocsp(newest.der, others, ocsp_urls[0] if ocsp_urls else "", timeout=6.0, rewrites=ocsp_rewrites)
    except Unreached as exc:
        return fail("sign.ocsp.unreached", evidence=(_unreached(exc, "OCSP"),), remedy="sign.ocsp.remedy",
                    subject=_cn(newest.subject))
    except BadAnswer as exc:
        return warn("sign.ocsp.bad", evidence=(_unreached(exc, "OCSP"),), remedy="sign.ocsp.remedy",
                    subject=_cn(newest.subject))
    except ImportError as exc:
        return _no_package(exc)
    evidence = (measure("cert_subject", _cn(newest.subject)), measure("ocsp", f"{answer.responder_url}: {answer.status}"))
    if answer.status == "revoked":
        when = answer.revoked_at.date().isoformat() if answer.revoked_at else "?"
        return fail("sign.ocsp.revoked", evidence=evidence, remedy="sign.cert.remedy_missing", date=when)
    if answer.status != "good":
        return warn("sign.ocsp.unknown", evidence=evidence, remedy="sign.ocsp.remedy", subject=_cn(newest.subject))
    return ok("sign.ocsp.good", evidence=evidence, subject=_cn(newest.subject))


@check("SIGN010", tags=("signing", "internet"), requires=("NET009", "LAN004"), timeout=30)
def ca_servers(host: Host, ocsp_urls: list, crl_urls: list, now=None):
    """The certificate authorities' OCSP responders answer HTTP and their revocation lists (CRL) download,
    parse and are current: without them a signature cannot be checked."""
    if not (ocsp_urls or crl_urls):
        return skip("sign.ca.no_urls")
    moment = now or dt.datetime.now(dt.timezone.utc)
    down, stale, evidence = [], [], []
    for url in ocsp_urls[:8]:
        try:
            evidence.append(measure("ocsp", f"{url}: HTTP {host.http_answer(url, timeout=5.0).status}"))
        except (Unreached, BadAnswer) as exc:
            down.append(url)
            evidence.append(_unreached(exc, url))
    for url in crl_urls[:3]:
        try:
            listed = host.crl(url, timeout=8.0)
        except ImportError as exc:
            return _no_package(exc)
        except (Unreached, BadAnswer) as exc:
            down.append(url)
            evidence.append(_unreached(exc, url))
            continue
        until = listed.next_update.date().isoformat() if listed.next_update else "—"
        evidence.append(measure("crl", f"{url}: {listed.issuer}, {listed.revoked}, → {until}"))
        if listed.next_update and listed.next_update < moment:
            stale.append(url)
    if down:
        return fail("sign.ca.down", evidence=tuple(evidence), remedy="sign.ca.remedy", urls=", ".join(down))
    if stale:
        return warn("sign.ca.stale", evidence=tuple(evidence), remedy="sign.ca.remedy_stale", urls=", ".join(stale))
    return ok("sign.ca.ok", evidence=tuple(evidence), count=len(ocsp_urls[:8]) + len(crl_urls[:3]))


REASONS = ("dns", "refused", "timeout", "tls", "reset", "http", "untrusted", "handshake", "closed", "too_large",
           "not_tsp", "not_ocsp", "not_crl", "refused_answer", "mismatch", "bad_signature", "no_issuer", "no_ocsp_url")


def _no_package(exc: ImportError):
    """A kfield built without one of its protocol packages (a hand-made kit): could not check, and why."""
    return skip("sign.no_package", package=(exc.name or "?").split(".")[0])


def _unreached(exc, where: str):
    """Evidence naming what did not answer and why, in words (``ev.sign_<reason>``)."""
    reason = "refused_answer" if isinstance(exc, BadAnswer) and exc.reason == "refused" else exc.reason
    return measure(f"sign_{reason if reason in REASONS else 'reset'}", where)


def url_matches(pattern: str, url: str) -> bool:
    """Chrome URL-pattern subset: "*", "[*.]host", "host", "scheme://host[:port]"."""
    pattern = pattern.strip()
    if pattern == "*":
        return True
    parts = urlsplit(url)
    scheme, _, rest = pattern.rpartition("://")
    if scheme and scheme != parts.scheme:
        return False
    host_pattern = rest.split("/", 1)[0].split(":", 1)[0].lower()
    host = (parts.hostname or "").lower()
    if host_pattern.startswith("[*.]"):
        base = host_pattern[4:]
        return host == base or host.endswith("." + base)
    return host == host_pattern
