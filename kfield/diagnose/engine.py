"""Run the checks a diagnosis needs and reason over their results with the rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from kfield.core.result import Message, Result, Status
from kfield.diagnose.rules import RuleSet, load

BAD = (Status.FAIL, Status.ERROR)


@dataclass(frozen=True)
class Verdict:
    place: str                     # a rules.PLACES entry, or "healthy" / "unknown"
    reason: Message
    next: str                      # the playbook to run next ("" when healthy)
    evidence: tuple[Result, ...]   # the results the matching rule looked at

    @property
    def alarm(self) -> bool:
        return self.place != "healthy"

    def to_dict(self) -> dict:
        return {"place": self.place, "reason": self.reason.to_dict(), "next": self.next,
                "evidence": [r.check_id for r in self.evidence]}


def decide(results: Iterable[Result], rules: RuleSet | None = None) -> Verdict:
    by_id = {r.check_id: r for r in results}
    rules = rules or load()
    for rule in rules.rules:
        group = rule.matches(by_id)
        if group is not None:
            seen = tuple(by_id[c.check_id] for c in group)
            return Verdict(rule.place, Message(rule.reason), rule.next, seen)
    failed = tuple(r for r in by_id.values() if r.status in BAD)
    if failed:
        return Verdict("unknown", Message("diag.reason.unknown", {"checks": ", ".join(r.check_id for r in failed)}),
                       "net-no-internet", failed)
    return Verdict("healthy", Message("diag.reason.healthy", {"count": len(by_id)}), "", ())


LOCAL_AREAS = ("LAN",)   # PC009 (the clock) asks NTP servers: it belongs to the Internet stage


def run_checks(inputs: Mapping, admin: bool, observer=None, deadline_s: float | None = None,
               platform: str | None = None, rules: RuleSet | None = None) -> list[Result]:
    """Results of the rules' checks, in two stages: this PC and the LAN first; the Internet
    checks only when no rule already places the fault locally (a dead router would make
    every Internet probe wait for its timeout and add nothing to the verdict)."""
    rules = rules or load()
    local = [c for c in rules.checks if c.rstrip("0123456789") in LOCAL_AREAS]
    results = _run(local, inputs, admin, observer, deadline_s, platform)
    if decide(results, rules).place not in ("healthy", "unknown"):
        return results
    remote = [c for c in rules.checks if c not in local]
    return results + _run(remote, inputs, admin, observer, deadline_s, platform, done=results)


def _run(check_ids, inputs, admin, observer, deadline_s, platform, done=()) -> list[Result]:
    from kfield.core import registry
    from kfield.core.runner import NullObserver, run as run_all

    prior = {r.check_id: r for r in done}
    wanted = [s for s in registry.with_prerequisites(check_ids) if s.id not in prior]
    return list(run_all(wanted, inputs, observer=observer or NullObserver(), admin=admin,
                        deadline_s=deadline_s, platform=platform, prior=prior))


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
    return report, decide(results)
