"""Security checks (SEC): remote-access tools, firewall, antivirus, updates."""

from __future__ import annotations

import datetime as dt

from kfield.core.registry import check, param
from kfield.core.result import fail, measure, ok, skip, warn
from kfield.core.schema import List, Num, Str
from kfield.platform.base import Host

param("remote_access_tools", List(Str()), [
    "UltraViewer", "TeamViewer", "AnyDesk", "RustDesk", "AnyViewer", "Ammyy", "AweSun",
    "remoting_host", "ScreenConnect", "Splashtop", "DWAgent",
])
param("av_signature_max_age_days", Num(integer=True, minimum=1, maximum=365), 7)
param("os_update_warn_days", Num(integer=True, minimum=1, maximum=3650), 45)
param("os_update_fail_days", Num(integer=True, minimum=1, maximum=3650), 120)


@check("SEC001", tags=("security", "quick", "usb"), timeout=10)
def remote_access_tools(host: Host, remote_access_tools: list):
    """Remote-access tools running (leftovers are a way in; scammers ask people to install them)."""
    needles = [t.lower() for t in remote_access_tools if t.strip()]
    running = [p for p in host.processes() if any(n in p.name.lower() for n in needles)]
    if not running:
        return ok("sec.remote.none")
    evidence = tuple(measure("process", f"{p.name} (pid {p.pid})") for p in running[:10])
    names = sorted({p.name for p in running})
    return warn("sec.remote.running", evidence=evidence, remedy="sec.remote.remedy", tools=", ".join(names))


@check("SEC002", tags=("security", "quick", "usb"), timeout=30)
def firewall(host: Host):
    """The firewall is on (every Windows profile; ufw, firewalld or kernel rules on Linux)."""
    state = host.firewall()
    evidence = tuple(measure("fw_profile", f"{name}: {'ON' if on else 'OFF'}") for name, on in state.profiles)
    evidence += (measure("fw_source", state.detail),)
    off = [name for name, on in state.profiles if not on]
    if state.enabled:
        return ok("sec.fw.on", evidence=evidence)
    if off and set(off) <= {"Domain"}:
        return warn("sec.fw.domain_off", evidence=evidence, remedy="sec.fw.remedy")
    remedy = FIREWALL_REMEDY.get(state.detail, "sec.fw.remedy")
    return fail("sec.fw.off", evidence=evidence, remedy=remedy, profiles=", ".join(off) or state.detail)


# How to turn the firewall back on, by what answered (Windows Security for Windows' profiles).
FIREWALL_REMEDY = {"ufw": "sec.fw.remedy_ufw", "firewalld": "sec.fw.remedy_firewalld", "nft": "sec.fw.remedy_rules",
                   "iptables": "sec.fw.remedy_rules"}


@check("SEC003", tags=("security", "usb"), timeout=60, platforms=("windows",))
def antivirus(host: Host, av_signature_max_age_days: int, now=None):
    """An enabled antivirus with recent signatures (Defender or a third-party product)."""
    moment = now or dt.datetime.now(dt.timezone.utc)
    products = host.antivirus()
    evidence = tuple(measure("antivirus", f"{p.name}: {'ON' if p.enabled else 'OFF'}") for p in products)
    enabled = [p for p in products if p.enabled]
    if not enabled:
        return fail("sec.av.none", evidence=evidence, remedy="sec.av.remedy_enable")
    stale = [p for p in enabled if _stale(p, moment, av_signature_max_age_days)]
    ages = [(moment - p.signature_updated).days for p in enabled if p.signature_updated]
    evidence += tuple(measure("av_signature_age", age, "days") for age in ages[:1])
    if len(stale) == len(enabled):
        return warn("sec.av.stale", evidence=evidence, remedy="sec.av.remedy_update", name=stale[0].name)
    return ok("sec.av.ok", evidence=evidence, name=enabled[0].name)


def _stale(product, moment: dt.datetime, max_days: int) -> bool:
    if product.signature_updated is not None:
        return (moment - product.signature_updated).days > max_days
    return product.up_to_date is False


@check("SEC004", tags=("security", "usb"), timeout=90)
def last_update(host: Host, os_update_warn_days: int, os_update_fail_days: int, now=None):
    """Days since the operating system last installed updates."""
    when = host.last_update()
    if when is None:
        return skip("sec.update.unknown")
    moment = now or dt.datetime.now(dt.timezone.utc)
    if when.tzinfo is None:
        when = when.astimezone()
    days = max(0, (moment - when).days)
    evidence = (measure("last_update", when.date().isoformat()), measure("update_age", days, "days"))
    if days > os_update_fail_days:
        return fail("sec.update.old", evidence=evidence, remedy="sec.update.remedy", days=days)
    if days > os_update_warn_days:
        return warn("sec.update.old", evidence=evidence, remedy="sec.update.remedy", days=days)
    return ok("sec.update.recent", evidence=evidence, days=days)
