"""Run the checks a diagnosis needs and reason over their results with the rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from kfield.core.result import Message, Result, Status, skip
from kfield.diagnose.rules import RuleSet, load

BAD = (Status.FAIL, Status.ERROR)


@dataclass(frozen=True)
class Verdict:
    place: str                     # a rules.PLACES entry, or "healthy" / "unknown"
    reason: Message
    next: str                      # the playbook to run next ("" when healthy or telling someone is the step)
    evidence: tuple[Result, ...]   # the results the matching rule looked at
    contact: str = ""              # the profile's contact role who can fix it ("" when the team can)
    contact_name: Mapping[str, str] = field(default_factory=dict)   # {vi, en} from the profile's contacts
    also: str = ""                 # a second place as likely as the first ("" when the evidence decides)

    @property
    def alarm(self) -> bool:
        return self.place != "healthy"

    def to_dict(self) -> dict:
        return {"place": self.place, "also": self.also, "reason": self.reason.to_dict(), "next": self.next,
                "contact": self.contact, "evidence": [r.check_id for r in self.evidence]}


def decide(results: Iterable[Result], rules: RuleSet | None = None,
           contacts: Mapping[str, Mapping[str, str]] | None = None) -> Verdict:
    by_id = {r.check_id: r for r in results}
    rules = rules or load()
    for rule in rules.rules:
        group = rule.matches(by_id)
        if group is not None:
            seen = tuple(by_id[c.check_id] for c in group)
            facts = {k: v for r in reversed(seen) for k, v in r.summary.params.items()}
            return Verdict(rule.place, Message(rule.reason, facts), rule.next, seen, rule.contact,
                           dict((contacts or {}).get(rule.contact, {})), rule.also)
    failed = tuple(r for r in by_id.values() if r.status in BAD or past_limit(r))
    if failed:
        return Verdict("unknown", Message("diag.reason.unknown", {"checks": ", ".join(r.check_id for r in failed)}),
                       "net-no-internet", failed)
    return healthy(by_id)


def past_limit(result: Result) -> bool:
    """A measured value past a user-experience limit (the check names the limit it crossed):
    never "no fault found", even when no rule places it."""
    return result.status is Status.WARN and "threshold" in result.summary.params


def healthy(by_id: Mapping[str, Result]) -> Verdict:
    """No fault; when the Internet is reached only through the proxy, the verdict says so (fine)."""
    uplink = by_id.get("NET009")
    if uplink is not None and uplink.summary.key == "net.uplink.proxy_only":
        facts = {"count": len(by_id), **uplink.summary.params}
        return Verdict("healthy", Message("diag.reason.healthy_proxy", facts), "", (uplink,))
    return Verdict("healthy", Message("diag.reason.healthy", {"count": len(by_id)}), "", ())


LOCAL_AREAS = ("LAN",)   # PC009 (the clock) asks NTP servers: it belongs to the Internet stage
LOCAL_CHECKS = ("NET009",)   # whether anything beyond the router answers: a dead uplink ends the run early


def run_checks(inputs: Mapping, admin: bool, observer=None, deadline_s: float | None = None,
               platform: str | None = None, rules: RuleSet | None = None) -> list[Result]:
    """Results of the rules' checks, in two stages: this PC and the LAN first; the Internet
    checks only when no rule already places the fault locally (a dead router would make
    every Internet probe wait for its timeout and add nothing to the verdict)."""
    rules = rules or load()
    beside = [c for c in rules.checks if c in BESIDE]
    first = _run(FIRST, inputs, admin, observer, deadline_s, platform) if beside else []
    aside = _beside(beside, inputs, admin, observer, deadline_s, platform, first)
    local = [c for c in rules.checks if (c.rstrip("0123456789") in LOCAL_AREAS or c in LOCAL_CHECKS)
             and c not in beside]
    results = first + _run(local, inputs, admin, observer, deadline_s, platform, done=first)
    if not _placed_for_good(decide(results, rules)):
        remote = [c for c in rules.checks if c not in local and c not in beside]
        unasked = [r for r in (_unasked(c, results) for c in remote) if r is not None]
        remote = [c for c in remote if c not in {r.check_id for r in unasked}]
        results = results + unasked + _run(remote, inputs, admin, observer, deadline_s, platform, done=results)
    return results + aside()


# LAN checks that ask the network as a new device would (DHCP with a random MAC, a fresh ARP for the
# router): 4-7 s of waiting for answers, so they run beside both stages, after the link and address
# checks they need; without administrator rights they are skipped at once.
BESIDE = ("LAN007", "LAN008", "LAN011")
FIRST = ("LAN001", "LAN002")


def _beside(check_ids, inputs, admin, observer, deadline_s, platform, first):
    """Start the checks in a thread now; the returned function waits for their results."""
    import threading

    box: list[list[Result]] = [[]]
    if not check_ids:
        return lambda: []

    def work():
        box[0] = _run(check_ids, inputs, admin, observer, deadline_s, platform, done=first)

    thread = threading.Thread(target=work, name="diagnose-beside", daemon=True)
    thread.start()

    def wait():
        thread.join()
        return [r for r in box[0] if r.check_id in check_ids]
    return wait


def _placed_for_good(verdict: Verdict) -> bool:
    """A local place that a failure proves (a dead router, no link): the Internet stage would only
    wait for its timeouts. A place named from warnings alone (a slow resolver) lets it run: it
    measures what the user feels and may name a better place."""
    return verdict.place not in ("healthy", "unknown") and any(r.status in BAD for r in verdict.evidence)


def _unasked(check_id: str, done: list[Result]) -> Result | None:
    """A check whose answer the first stage already knows, skipped at once instead of waiting out
    its timeouts: PC009 asks time servers by name, and with no DNS server answering it can only
    wait (it declares no LAN prerequisite, so that `kfield check --area pc` stays PC only); the
    direct-path checks (echoes, path MTU, trace) with NET009 finding that nothing goes direct and
    a proxy is the way out (NET005 waited 8 s for silence it then skipped, in the lab's proxy kinds)."""
    by_id = {r.check_id: r for r in done}
    dns, uplink = by_id.get("LAN004"), by_id.get("NET009")
    if check_id == "PC009" and dns is not None and dns.status in BAD:
        return skip("core.skip.gate.no_dns").stamped(check_id, 0.0, dns.admin)
    if check_id in DIRECT_ONLY and uplink is not None and uplink.summary.key in THROUGH_PROXY:
        target = uplink.summary.params.get("targets", "")
        return skip("net.direct.proxy_only", target=target).stamped(check_id, 0.0, uplink.admin)
    return None


DIRECT_ONLY = ("NET005", "NET006", "NET007")   # they probe the Internet directly, never through a proxy
THROUGH_PROXY = ("net.uplink.proxy_only", "net.uplink.proxy_fails")


# Checks whose answer may come too late to wait for: the clock needs a time server, which may take
# its whole budget to stay silent; past this many seconds the verdict goes on without it.
WAIT_AT_MOST_S = {"PC009": 5.0}


def _run(check_ids, inputs, admin, observer, deadline_s, platform, done=()) -> list[Result]:
    from dataclasses import replace

    from kfield.core import registry
    from kfield.core.runner import NullObserver, run as run_all

    prior = {r.check_id: r for r in done}
    wanted = [replace(s, timeout=min(s.timeout, WAIT_AT_MOST_S.get(s.id, s.timeout)))
              for s in registry.with_prerequisites(check_ids) if s.id not in prior]
    results = run_all(wanted, inputs, observer=observer or NullObserver(), admin=admin,
                      deadline_s=deadline_s, platform=platform, prior=prior)
    return [_late(r) for r in results]


def _late(result: Result) -> Result:
    """A check the verdict does not wait for, past its time: skipped, not an error (no alarm)."""
    if result.check_id not in WAIT_AT_MOST_S or result.summary.key != "core.error.timeout":
        return result
    late = skip("diag.skip.late", seconds=f"{WAIT_AT_MOST_S[result.check_id]:g}")
    return late.stamped(result.check_id, result.duration_s, result.admin)


def run(profile_name: str | None, observer=None):
    """(Report, Verdict) for the profile's parameters on this machine."""
    from kfield.core import profile as profiles
    from kfield.core.privilege import is_admin
    from kfield.core.report import Report, now
    from kfield.machine import current_host

    loaded = profiles.load_profile(profile_name)
    admin, started = is_admin(), now()
    results = run_checks({**loaded.params, "host": current_host()}, admin, observer, loaded.deadline_s)
    report = Report(tuple(results), loaded.id, started, now(), admin, False)
    return report, decide(results, contacts=loaded.contacts)
