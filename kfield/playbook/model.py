"""The playbook format: its schema declared once (kfield.core.schema nodes) and the
frozen types the rest of the package works with.

A playbook is a mapping of step ids to steps of eight kinds: ask, check, diagnose
(branch on where `kfield diagnose` puts the fault), do, info, count, switch (branch on
a variable) and end. ``Step.edges()`` is the one place that
says where a step can lead, so lint, paths and graph agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Mapping

import yaml

from kfield.core import registry
from kfield.core.schema import Field, List, Map, Node, Num, Str, Text, _kind

SCHEMA_VERSION = 1
MAX_STEPS = 2000   # steps in one playbook (the library's longest has 60); lint, paths and graph walk without recursion
STEP_ID = r"[a-z0-9][a-z0-9_-]*"
VAR_NAME = r"[a-z][a-z0-9_]*"
ROLE_ID = r"[a-z][a-z0-9_-]*"
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
STATUSES = ("ok", "warn", "fail", "skip", "error")
OUTCOMES = ("fixed", "escalate", "not_fixed", "handoff")   # handoff: continue in another playbook
SYSTEMS = ("signing", "training", "eoffice", "pakn", "kpi", "dvc", "vneid", "scan", "printer",
           "network", "security", "pc", "email", "other")
KINDS = ("ask", "check", "diagnose", "do", "info", "count", "switch", "end")
# Where `kfield diagnose` can put the fault (kfield.diagnose.rules.PLACES) plus its two
# other answers; a diagnose step branches on these.
VERDICT_PLACES = ("this_pc", "cable_wifi", "lan_switch", "gateway", "isp_uplink", "dns", "one_service", "clock",
                  "captive_proxy", "slow_link", "lossy_link", "healthy", "unknown")


NUMBER = re.compile(r"[0-9]{1,9}")   # ASCII digits only: '²' or '٣' pass str.isdigit() and fail int()


def whole_number(answer: str) -> int | None:
    """The number a person typed (ASCII digits, at most nine), else None."""
    answer = answer.strip()
    return int(answer) if NUMBER.fullmatch(answer) else None


def frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Where:
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Bilingual:
    """A text in Vietnamese and English; ``{name}`` placeholders are variables, ``{menu[NAME]}`` a Windows
    menu named as the PC shows it (kfield.core.i18n.MENUS)."""

    vi: str
    en: str
    where: Where = field(default=Where(), compare=False)

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def placeholders(self, lang: str) -> set[str]:
        from kfield.core.i18n import MENU_PLACEHOLDER

        words = self.get(lang)
        return set(PLACEHOLDER.findall(words)) | {f"menu[{name}]" for name in MENU_PLACEHOLDER.findall(words)}


@dataclass(frozen=True)
class Edge:
    """Where a step can lead: ``label`` is a choice key, a status list or a case."""

    label: str
    target: str
    sets: Mapping[str, str] = field(default_factory=lambda: frozen(None))


@dataclass(frozen=True)
class Choice:
    key: str
    label: Bilingual
    next: str
    sets: Mapping[str, str] = field(default_factory=lambda: frozen(None))


@dataclass(frozen=True)
class Step:
    id: str
    text: Bilingual | None
    where: Where = field(compare=False)
    kind: ClassVar[str] = ""
    interactive: ClassVar[bool] = False

    def edges(self) -> tuple[Edge, ...]:
        return ()


@dataclass(frozen=True)
class Ask(Step):
    choices: tuple[Choice, ...] = ()
    kind: ClassVar[str] = "ask"
    interactive: ClassVar[bool] = True

    def edges(self):
        return tuple(Edge(c.key, c.next, c.sets) for c in self.choices)


@dataclass(frozen=True)
class Check(Step):
    check: str = ""
    params: Mapping[str, Any] = field(default_factory=lambda: frozen(None))
    branches: Mapping[str, str] = field(default_factory=lambda: frozen(None))
    kind: ClassVar[str] = "check"

    def target(self, status: str) -> str:
        return self.branches.get(status) or self.branches["other"]

    def edges(self):
        grouped: dict[str, list[str]] = {}
        for status in STATUSES:
            grouped.setdefault(self.target(status), []).append(status)
        return tuple(Edge("|".join(statuses), target) for target, statuses in grouped.items())


@dataclass(frozen=True)
class Diagnose(Step):
    """Runs `kfield diagnose` and follows the branch of the place it names."""

    branches: Mapping[str, str] = field(default_factory=lambda: frozen(None))
    kind: ClassVar[str] = "diagnose"

    def target(self, place: str) -> str:
        return self.branches.get(place) or self.branches["other"]

    def edges(self):
        grouped: dict[str, list[str]] = {}
        for place in VERDICT_PLACES:
            grouped.setdefault(self.target(place), []).append(place)
        return tuple(Edge("|".join(places), target) for target, places in grouped.items())


@dataclass(frozen=True)
class Do(Step):
    done: str = ""
    not_done: str = ""
    kind: ClassVar[str] = "do"
    interactive: ClassVar[bool] = True

    def edges(self):
        return (Edge("done", self.done), Edge("not_done", self.not_done))


@dataclass(frozen=True)
class Info(Step):
    next: str = ""
    kind: ClassVar[str] = "info"
    interactive: ClassVar[bool] = True

    def edges(self):
        return (Edge("next", self.next),)


@dataclass(frozen=True)
class Count(Step):
    """A whole number the person types (e.g. officials trained), kept in a variable."""

    var: str = ""
    minimum: int = 0
    maximum: int = 10_000
    next: str = ""
    kind: ClassVar[str] = "count"
    interactive: ClassVar[bool] = True

    def accepts(self, answer: str) -> bool:
        number = whole_number(answer)
        return number is not None and self.minimum <= number <= self.maximum

    def edges(self):
        # One edge; its label is a representative answer, so paths and tests can walk it.
        return (Edge(str(self.minimum), self.next),)


@dataclass(frozen=True)
class Switch(Step):
    var: str = ""
    cases: Mapping[str, str] = field(default_factory=lambda: frozen(None))
    default: str = ""
    kind: ClassVar[str] = "switch"

    def target(self, value: str) -> str:
        return self.cases.get(value, self.default)

    def edges(self):
        cases = tuple(Edge(f"{self.var}={value}", target) for value, target in self.cases.items())
        return cases + (Edge(f"{self.var}=*", self.default),)


@dataclass(frozen=True)
class End(Step):
    outcome: str = "fixed"
    contact: str | None = None
    handoff: str | None = None          # the playbook this one hands over to (outcome "handoff")
    kind: ClassVar[str] = "end"


STEP_TYPES: dict[str, type[Step]] = {t.kind: t for t in (Ask, Check, Diagnose, Do, Info, Count, Switch, End)}


@dataclass(frozen=True)
class Playbook:
    id: str
    version: int
    title: Bilingual
    summary: Bilingual
    system: str
    tags: tuple[str, ...]
    start: str
    vars: Mapping[str, str]
    steps: Mapping[str, Step]
    path: Path
    sha256: str
    where: Where = field(default=Where(), compare=False)

    def texts(self) -> list[Bilingual]:
        """Every text a person reads, for translation lint."""
        out = [self.title, self.summary]
        for step in self.steps.values():
            out += [step.text] if step.text else []
            out += [c.label for c in getattr(step, "choices", ())]
        return out


# --- the schema, declared once --------------------------------------------------


@dataclass
class Tagged(Node):
    """A mapping whose ``kind`` key picks which Map validates it (a tagged union)."""

    variants: dict[str, Map]
    tag: str = "kind"
    doc: str = ""
    expected = "mapping"

    def check(self, node, ctx):
        if not isinstance(node, yaml.MappingNode):
            return self.wrong(node, ctx)
        tag_node = next((v for k, v in node.value if getattr(k, "value", None) == self.tag), None)
        if tag_node is None:
            return ctx.add(node, "schema.missing", key=self.tag)
        if not isinstance(tag_node, yaml.ScalarNode) or tag_node.value not in self.variants:
            got = tag_node.value if isinstance(tag_node, yaml.ScalarNode) else _kind(tag_node)
            return ctx.add(tag_node, "schema.choice", value=got, allowed=", ".join(self.variants))
        return self.variants[tag_node.value].check(node, ctx)

    def json(self):
        out = {"type": "object", "oneOf": [v.json() for v in self.variants.values()]}
        return {**out, "description": self.doc} if self.doc else out


def _ref(doc: str = "A step id in this playbook") -> Str:
    return Str(pattern=STEP_ID, doc=doc)


def _kind_field(kind: str) -> Field:
    return Field(Str(choices=(kind,)), True)


def _step_variants() -> dict[str, Map]:
    checks = registry.load_all()
    params = {name: Field(p.schema) for name, p in sorted(registry.PARAMS.items())}
    choice = Map({
        "label": Field(Text("What the person sees for this choice"), True),
        "next": Field(_ref(), True),
        "set": Field(Map(values=Str(), key_pattern=VAR_NAME, doc="Variables this answer sets")),
    })
    branches = {s: Field(_ref(f"Next step when the check ends with status {s}")) for s in STATUSES}
    branches["other"] = Field(_ref("Next step for every status not listed"))
    return {
        "ask": Map({"kind": _kind_field("ask"), "text": Field(Text("The question"), True),
                    "choices": Field(Map(values=choice, key_pattern=STEP_ID,
                                         doc="Choice key → label and next step, in display order"), True)}),
        "check": Map({"kind": _kind_field("check"), "text": Field(Text("Why this check is run")),
                      "check": Field(Str(choices=lambda: checks.keys(), doc="A check id, e.g. PC001"), True),
                      "params": Field(Map(params, doc="Overrides the check profile's parameters")),
                      "branches": Field(Map(branches), True)}),
        "diagnose": Map({"kind": _kind_field("diagnose"), "text": Field(Text("Why the network is diagnosed")),
                         "branches": Field(Map({p: Field(_ref(f"Next step when the verdict is {p}"))
                                                for p in (*VERDICT_PLACES, "other")}), True)}),
        "do": Map({"kind": _kind_field("do"), "text": Field(Text("The instruction"), True),
                   "done": Field(_ref("Next step when it was done"), True),
                   "not_done": Field(_ref("Next step when it could not be done"), True)}),
        "info": Map({"kind": _kind_field("info"), "text": Field(Text(), True), "next": Field(_ref(), True)}),
        "count": Map({"kind": _kind_field("count"), "text": Field(Text("The question asking for a number"), True),
                      "var": Field(Str(pattern=VAR_NAME, doc="The variable that keeps the number"), True),
                      "min": Field(Num(integer=True, minimum=0, doc="Smallest accepted number")),
                      "max": Field(Num(integer=True, minimum=0, doc="Largest accepted number")),
                      "next": Field(_ref(), True)}),
        "switch": Map({"kind": _kind_field("switch"), "text": Field(Text("What is being decided")),
                       "var": Field(Str(pattern=VAR_NAME, doc="A variable declared in vars"), True),
                       "cases": Field(Map(values=_ref(), key_pattern=r".+", doc="Value → next step"), True),
                       "default": Field(_ref("Next step for any other value"), True)}),
        "end": Map({"kind": _kind_field("end"), "text": Field(Text("The closing message"), True),
                    "outcome": Field(Str(choices=OUTCOMES), True),
                    "contact": Field(Str(pattern=ROLE_ID, doc="Contact role from the check profile (escalate)")),
                    "handoff": Field(Str(pattern=r"[a-z0-9][a-z0-9-]*",
                                         doc="The playbook that continues from here (outcome handoff)"))}),
    }


def playbook_schema() -> Map:
    return Map({
        "format": Field(Num(integer=True, minimum=1, maximum=SCHEMA_VERSION, doc="Playbook format version")),
        "id": Field(Str(pattern=r"[a-z0-9][a-z0-9-]*"), True),
        "version": Field(Num(integer=True, minimum=1, doc="This playbook's own version"), True),
        "title": Field(Text(), True),
        "summary": Field(Text(), True),
        "system": Field(Str(choices=SYSTEMS, doc="The system this playbook serves"), True),
        "tags": Field(List(Str(pattern=r"[a-z0-9][a-z0-9-]*"))),
        "vars": Field(Map(values=Str(), key_pattern=VAR_NAME, doc="Variables and their start values")),
        "start": Field(_ref("The first step"), True),
        "steps": Field(Map(values=Tagged(_step_variants(), doc="A step"), key_pattern=STEP_ID), True),
    })

