"""The one Result type every check returns, and helpers to build it.

Map: the one frozen `Result` (status ok/warn/fail/skip/error, summary key+params, evidence, remedy, duration,
admin) and its helpers
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping


class Status(str, enum.Enum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIP = "skip"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Severity order used for "worst status" (skip counts below ok)."""
        return _RANK[self]


_RANK = {Status.SKIP: 0, Status.OK: 1, Status.WARN: 2, Status.ERROR: 3, Status.FAIL: 4}


def _frozen(params: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(params or {}))


@dataclass(frozen=True)
class Message:
    """A catalogue key plus its format parameters, rendered later in vi or en."""

    key: str
    params: Mapping[str, Any] = field(default_factory=lambda: _frozen(None))

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "params": dict(self.params)}


@dataclass(frozen=True)
class Measure:
    """One measured value with its unit (unit "" when it has none)."""

    name: str
    value: Any
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class Result:
    check_id: str
    status: Status
    summary: Message
    evidence: tuple[Measure, ...] = ()
    remedy: Message | None = None
    duration_s: float = 0.0
    admin: bool = False

    def stamped(self, check_id: str, duration_s: float, admin: bool) -> "Result":
        return replace(self, check_id=check_id, duration_s=round(duration_s, 3), admin=admin)

    def to_dict(self) -> dict[str, Any]:
        return {
            "check_id": self.check_id,
            "status": self.status.value,
            "summary": self.summary.to_dict(),
            "evidence": [m.to_dict() for m in self.evidence],
            "remedy": self.remedy.to_dict() if self.remedy else None,
            "duration_s": self.duration_s,
            "admin": self.admin,
        }


def measure(name: str, value: Any, unit: str = "") -> Measure:
    return Measure(name, value, unit)


def _make(status: Status, key: str, evidence, remedy, params) -> Result:
    hint = Message(remedy) if isinstance(remedy, str) else remedy
    return Result("", status, Message(key, params), tuple(evidence or ()), hint)


def ok(key: str, /, *, evidence=(), remedy=None, **params: Any) -> Result:
    return _make(Status.OK, key, evidence, remedy, params)


def warn(key: str, /, *, evidence=(), remedy=None, **params: Any) -> Result:
    return _make(Status.WARN, key, evidence, remedy, params)


def fail(key: str, /, *, evidence=(), remedy=None, **params: Any) -> Result:
    return _make(Status.FAIL, key, evidence, remedy, params)


def skip(key: str, /, *, evidence=(), remedy=None, **params: Any) -> Result:
    return _make(Status.SKIP, key, evidence, remedy, params)


def error(key: str, /, *, evidence=(), remedy=None, **params: Any) -> Result:
    return _make(Status.ERROR, key, evidence, remedy, params)


def worst(results) -> Status | None:
    statuses = [r.status for r in results]
    return max(statuses, key=lambda s: s.rank) if statuses else None
