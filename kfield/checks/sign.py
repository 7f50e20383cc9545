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
from kfield.platform.base import Host

LNA_FROM_MAJOR = 142  # Chrome/Edge ask "Local network access" before a site reaches localhost
CHROMIUM_FAMILY = ("chrome", "chromium", "edge", "coccoc")

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
param("eoffice_urls", List(Str(pattern=r"https?://\S+")), [])


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
def token_present(host: Host, token_usb_vendors: dict):
    """Is a USB token of a known vendor plugged in?"""
    vendors = {k.lower(): v for k, v in token_usb_vendors.items()}
    tokens = [d for d in host.usb_devices() if d.vendor_id in vendors]
    if not tokens:
        return fail("sign.token.none", remedy="sign.token.remedy")
    evidence = tuple(measure("usb_token", f"{vendors[d.vendor_id]} {d.vendor_id}:{d.product_id} {d.name}".strip())
                     for d in tokens)
    return ok("sign.token.ok", evidence=evidence, vendor=vendors[tokens[0].vendor_id])


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
def lna_policy(host: Host, eoffice_urls: list):
    """Local Network Access allowed for the E-Office site (policy) on Chrome/Edge 142+.

    WARN only when a Chromium-family browser 142+ is installed and no policy allows an
    E-Office origin: then signing depends on each user clicking "Allow" once. Without
    such a browser the permission prompt does not exist, so the check is OK.
    """
    if not eoffice_urls:
        return skip("sign.lna.no_urls")
    modern = [b for b in host.browsers() if _lna_applies(b)]
    if not modern:
        return ok("sign.lna.not_needed", major=LNA_FROM_MAJOR)
    patterns = [p for urls in host.lna_allowed_urls().values() for p in urls]
    missing = [u for u in eoffice_urls if not any(url_matches(p, u) for p in patterns)]
    evidence = tuple(measure("lna_pattern", p) for p in patterns[:10])
    if missing:
        return warn("sign.lna.missing", evidence=evidence, remedy="sign.lna.remedy", urls=", ".join(missing))
    return ok("sign.lna.ok", evidence=evidence, count=len(eoffice_urls))


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
