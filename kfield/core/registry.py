"""The check catalogue: parameters and checks register here by decorator.

A check is a plain function returning a Result. Its inputs are injected by parameter
name: ``host`` (the platform adapter) or any registered profile parameter.

Map: `@check("PC001", tags=…, requires=…, timeout=…, admin=…, platforms=…, gate=…)` and `param(…)`; inputs
injected by parameter name; `gate` = the words dependent checks are skipped with when this one fails
"""

from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass
from typing import Any, Callable

from kfield.core.schema import Node

ID_PATTERN = re.compile(r"(?P<area>[A-Z]+)\d{3}")
PROVIDERS = ("host",)
AREA_MODULES = {"PC": "pc", "SIGN": "sign", "SEC": "sec", "LAN": "lan", "NET": "net"}


@dataclass(frozen=True)
class Param:
    """A profile parameter: its schema, its default, and a catalogue key for its help."""

    name: str
    schema: Node
    default: Any
    adapt: Callable[[dict], dict] | None = None   # profile params → params, once the profile is loaded

    @property
    def doc_key(self) -> str:
        return f"param.{self.name}"


@dataclass(frozen=True)
class CheckSpec:
    id: str
    func: Callable[..., Any]
    tags: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    timeout: float = 10.0
    admin: bool = False
    platforms: tuple[str, ...] | None = None
    gate: str = ""   # catalogue key: why the checks that require this one are skipped when it fails

    @property
    def area(self) -> str:
        return ID_PATTERN.fullmatch(self.id)["area"]

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(inspect.signature(self.func).parameters)

    @property
    def all_tags(self) -> tuple[str, ...]:
        return (self.area.lower(), *self.tags)

    @property
    def title_key(self) -> str:
        return f"check.{self.id}.title"

    @property
    def desc_key(self) -> str:
        return f"check.{self.id}.desc"


CHECKS: dict[str, CheckSpec] = {}
PARAMS: dict[str, Param] = {}


def param(name: str, schema: Node, default: Any, adapt: Callable[[dict], dict] | None = None) -> Param:
    """A profile parameter; ``adapt`` turns a richer profile form into what the checks take (e.g.
    portals written as {url, domestic} into the URL list and the domestic marks)."""
    if name in PARAMS:
        raise RuntimeError(f"parameter {name} registered twice")
    PARAMS[name] = Param(name, schema, default, adapt)
    return PARAMS[name]


def check(check_id: str, *, tags=(), requires=(), timeout=10.0, admin=False, platforms=None, gate=""):
    """Register a check function under a stable id such as ``PC003``. ``gate``: the words the
    checks that require this one are skipped with when it fails ("the router does not answer")."""
    if not ID_PATTERN.fullmatch(check_id):
        raise RuntimeError(f"bad check id {check_id}")

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if check_id in CHECKS:
            raise RuntimeError(f"check {check_id} registered twice")
        CHECKS[check_id] = CheckSpec(
            check_id, func, tuple(tags), tuple(requires), float(timeout), admin,
            tuple(platforms) if platforms else None, gate,
        )
        return func

    return register


def load_all() -> dict[str, CheckSpec]:
    """Import every area module once so that its checks register."""
    for module in AREA_MODULES.values():
        importlib.import_module(f"kfield.checks.{module}")
    return CHECKS


def with_prerequisites(ids) -> list[CheckSpec]:
    """The checks named and, transitively, the checks they require, in id order."""
    checks = load_all()
    chosen: dict[str, CheckSpec] = {}
    stack = list(ids)
    while stack:
        spec = checks[stack.pop()]
        if spec.id not in chosen:
            chosen[spec.id] = spec
            stack.extend(spec.requires)
    return [chosen[i] for i in sorted(chosen)]


def all_tags() -> list[str]:
    return sorted({tag for spec in load_all().values() for tag in spec.all_tags})


def areas() -> list[str]:
    return list(AREA_MODULES)
