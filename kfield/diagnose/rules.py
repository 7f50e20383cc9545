"""The diagnosis rules: schema (validated like profiles, file:line:column), loading, matching."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from kfield.core import registry
from kfield.core.result import Result
from kfield.core.schema import Field, List, Map, Num, Str, validate

RULES_FILE = Path(__file__).with_name("rules.yaml")
STATUSES = ("ok", "warn", "fail", "skip", "error")
PLACES = ("this_pc", "cable_wifi", "lan_switch", "gateway", "isp_uplink", "dns", "one_service", "clock",
          "captive_proxy", "slow_link", "lossy_link")


@dataclass(frozen=True)
class Condition:
    check_id: str
    status: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    contains: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def holds(self, results: Mapping[str, Result]) -> bool:
        result = results.get(self.check_id)
        if result is None:
            return False
        if self.status and result.status.value not in self.status:
            return False
        if self.key and result.summary.key not in self.key:
            return False
        params = result.summary.params
        return all(any(text in str(params.get(name, "")) for text in texts) for name, texts in self.contains)


@dataclass(frozen=True)
class Rule:
    place: str
    reason: str
    next: str                                   # a playbook, or "" when telling someone is the step
    groups: tuple[tuple[Condition, ...], ...]   # any group whose conditions all hold
    contact: str = ""                           # the profile's contact role who can fix it
    also: str = ""                              # a second place, as likely as the first

    def matches(self, results: Mapping[str, Result]) -> tuple[Condition, ...] | None:
        return next((g for g in self.groups if all(c.holds(results) for c in g)), None)


@dataclass(frozen=True)
class RuleSet:
    checks: tuple[str, ...]
    rules: tuple[Rule, ...]


def schema() -> Map:
    ids = Str(choices=lambda: registry.load_all().keys())
    condition = Map({"status": Field(List(Str(choices=STATUSES), min_items=1)),
                     "key": Field(List(Str(), min_items=1)),
                     "contains": Field(Map(values=List(Str(), min_items=1), key_pattern=r"[a-z_]+"))})
    group = Map(values=condition, key_pattern=r"[A-Z]+\d{3}")
    rule = Map({"place": Field(Str(choices=PLACES), True), "reason": Field(Str(pattern=r"diag\.reason\.[a-z0-9_]+"), True),
                "next": Field(Str(pattern=r"[a-z0-9-]+")), "contact": Field(Str(pattern=r"[a-z_]+")),
                "also": Field(Str(choices=PLACES)), "when": Field(group), "any": Field(List(group, 1))})
    return Map({"version": Field(Num(integer=True, minimum=1, maximum=1), True),
                "checks": Field(List(ids, min_items=1), True), "rules": Field(List(rule, min_items=1), True)})


@functools.lru_cache(maxsize=4)
def load(path: Path = RULES_FILE) -> RuleSet:
    value, _ = validate(path, schema(), _semantics)
    return RuleSet(tuple(value["checks"]), tuple(_rule(r) for r in value["rules"]))


def _semantics(value: Any, root, add) -> None:
    from kfield.core.schema import find

    for index, rule in enumerate(value["rules"]):
        if ("when" in rule) == ("any" in rule):
            add(find(root, "rules", index), "diag.rules.when_or_any")
        if not rule.get("next") and not rule.get("contact"):
            add(find(root, "rules", index), "diag.rules.next_or_contact")
        for group in ([rule["when"]] if "when" in rule else rule.get("any", [])):
            for check_id in group:
                if check_id not in value["checks"]:
                    add(find(root, "rules", index), "diag.rules.unlisted_check", check=check_id)


def _rule(raw: dict) -> Rule:
    groups = [raw["when"]] if "when" in raw else raw["any"]
    conditions = tuple(tuple(_condition(c, spec) for c, spec in g.items()) for g in groups)
    return Rule(raw["place"], raw["reason"], raw.get("next", ""), conditions, raw.get("contact", ""),
                raw.get("also", ""))


def _condition(check_id: str, spec: dict) -> Condition:
    contains = tuple((name, tuple(texts)) for name, texts in (spec.get("contains") or {}).items())
    return Condition(check_id, tuple(spec.get("status") or ()), tuple(spec.get("key") or ()), contains)
