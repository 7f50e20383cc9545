"""The visit events, declared once as data: the envelope every line carries and each kind's fields.

Writing (`store.make_event`), reading (`store.parse_line`, so `visit show/list/diff` and exports),
replaying (`model.replay`) and importing (`aggregate/rows.py`) all check events against this one
declaration; docs/visit-logs.md shows the table `markdown()` renders (a test keeps it current).

Objects are open: a field a newer kfield adds is kept and ignored, and so is an event kind this
version does not know (only its envelope is checked). What is declared is strict: the type, strings
non-empty where it says so and never holding NUL or a lone surrogate, integers within bounds (a
bool is not an integer), words from the vocabulary.

Checking is done twice over, for speed (an import checks a million events): `accepts` runs each
kind's declaration compiled once into small predicates that only say yes or no, and only an event it
does not accept is walked again field by field by `explain` for the reason. Both read the same
declaration, and tests/visit/test_events_fast.py holds them to the same answer over the fuzz corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from kfield.visit.model import OUTCOMES

TEXT_MAX = 65_536             # characters in one declared string (a note typed by hand is far shorter)
LIST_MAX = 10_000             # items in one declared list
_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")   # NUL, lone surrogates (JSON text can escape both)
_ABSENT = object()

Accepts = Callable[[Any], bool]     # a compiled check: True when `problem` would find nothing wrong


class InvalidEvent(ValueError):
    """kfield itself built an event its own schema refuses: a bug, never the user's input."""


@dataclass(frozen=True)
class Text:
    required: bool = True
    empty: bool = False            # "" allowed
    null: bool = False             # None allowed
    choices: tuple[str, ...] = ()
    max_len: int = TEXT_MAX

    def problem(self, value: Any) -> str | None:
        if value is None and self.null:
            return None
        if not isinstance(value, str):
            return "not text"
        if not value and not self.empty:
            return "empty"
        if len(value) > self.max_len:
            return "too long"
        if self.choices and value not in self.choices:
            return "not in vocabulary"
        return "NUL or lone surrogate" if bad_text(value) else None

    def accepts(self) -> Accepts:
        if self.choices:
            words = frozenset(c for c in self.choices if self.problem(c) is None)
            check = lambda v: type(v) is str and v in words          # noqa: E731
        else:
            shortest, longest = (0 if self.empty else 1), self.max_len
            check = lambda v: (type(v) is str and shortest <= len(v) <= longest   # noqa: E731
                               and (v.isascii() and "\x00" not in v or _FORBIDDEN.search(v) is None))
        return _or_null(check) if self.null else check

    def doc(self) -> str:
        words = f"one of {', '.join(f'`{c}`' for c in self.choices)}" if self.choices else "text"
        return words + ("" if self.empty or self.choices else ", non-empty") + (" or null" if self.null else "")


@dataclass(frozen=True)
class Int:
    low: int
    high: int
    required: bool = True

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return "not an integer"
        return None if self.low <= value <= self.high else "out of range"

    def accepts(self) -> Accepts:
        low, high = self.low, self.high
        return lambda v: type(v) is int and low <= v <= high

    def doc(self) -> str:
        return f"integer {self.low}–{self.high}"


@dataclass(frozen=True)
class Texts:
    """A list of non-empty strings (a visit's members)."""

    required: bool = True
    max_items: int = 200

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "not a list"
        if len(value) > self.max_items:
            return "too many items"
        return next((f"[{i}]: {p}" for i, p in enumerate(map(_ITEM.problem, value)) if p), None)

    def accepts(self) -> Accepts:
        item, most = _ITEM.accepts(), self.max_items
        return lambda v: type(v) is list and len(v) <= most and all(map(item, v))

    def doc(self) -> str:
        return f"list of non-empty texts (at most {self.max_items})"


@dataclass(frozen=True)
class Obj:
    """A JSON object with these fields (others are kept and ignored)."""

    fields: dict[str, Any] = field(default_factory=dict)
    required: bool = True
    null: bool = False

    def problem(self, value: Any) -> str | None:
        if value is None and self.null:
            return None
        if not isinstance(value, dict):
            return "not an object"
        why = fields_problem(self.fields, value)
        return f".{why}" if why else None

    def accepts(self) -> Accepts:
        check = fields_accepts(self.fields)
        return _or_null(check) if self.null else check

    def doc(self) -> str:
        inner = ", ".join(f"`{k}`" for k in self.fields)
        return "object" + (f" with {inner}" if inner else "") + (" or null" if self.null else "")


@dataclass(frozen=True)
class Objs:
    """A list of objects, each with these fields."""

    item: Obj
    required: bool = True

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, list):
            return "not a list"
        if len(value) > LIST_MAX:
            return "too many items"
        return next((f"[{i}]{_join(p)}" for i, p in enumerate(map(self.item.problem, value)) if p), None)

    def accepts(self) -> Accepts:
        item = self.item.accepts()
        return lambda v: type(v) is list and len(v) <= LIST_MAX and all(map(item, v))

    def doc(self) -> str:
        return f"list of objects with {', '.join(f'`{k}`' for k in self.item.fields)}"


def _on_the_calendar(moment: dt.datetime) -> bool:
    """Whether the moment can be shown in any time zone (a day either side of it in UTC exists):
    9999-12-31T23:59:59+00:00 is a valid ISO string, and in Vietnam (UTC+7) a day past the calendar."""
    try:
        utc = moment.astimezone(dt.timezone.utc)
        return bool(utc - dt.timedelta(days=1)) and bool(utc + dt.timedelta(days=1))
    except OverflowError:
        return False


@dataclass(frozen=True)
class Time:
    """An ISO 8601 moment with its UTC offset, as `datetime.isoformat` writes it."""

    required: bool = True

    def problem(self, value: Any) -> str | None:
        if not isinstance(value, str) or not 0 < len(value) <= 64:
            return "not a time"
        if bad_text(value):
            return "NUL or lone surrogate"
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return "not a time"
        if moment.tzinfo is None:
            return "no UTC offset"
        return None if _on_the_calendar(moment) else "outside the calendar"

    def accepts(self) -> Accepts:
        return lambda v: type(v) is str and self.problem(v) is None

    def doc(self) -> str:
        return "ISO 8601 time with UTC offset"


@dataclass(frozen=True)
class Kind:
    doc: str
    fields: dict[str, Any]


_ITEM = Text()
_ID = Text(max_len=200)

ENVELOPE: dict[str, Any] = {
    "id": _ID,
    "time": Time(),
    "type": Text(max_len=64),
    "v": Int(1, 1000),
    "visit": _ID,
    "data": Obj(),
    "sha256": Text(max_len=64),
}

_SUMMARY = Obj({"key": Text(max_len=200)})
_RESULT = Obj({"check_id": Text(max_len=64), "status": Text(max_len=16), "summary": _SUMMARY})

KINDS: dict[str, Kind] = {
    "start": Kind("a visit begins (its id is the visit's id)", {
        "commune_code": Int(1, 999_999),
        "commune": Text(),
        "members": Texts(),
        "school": Text(required=False, empty=True),
        "team": Text(required=False, empty=True),
        "province": Int(1, 999, required=False),
    }),
    "note": Kind("a free note", {"text": Text(empty=True)}),
    "task": Kind("work done on one of the tasks", {
        "task": Text(max_len=64),
        "system": Text(required=False, max_len=64),
    }),
    "problem": Kind("a problem found, or a later outcome of one (same `problem` id)", {
        "outcome": Text(choices=OUTCOMES),
        "text": Text(required=False, empty=True),
        "system": Text(required=False, empty=True, max_len=64),
        "problem": Text(required=False, max_len=200),
    }),
    "train": Kind("officials trained on a topic", {
        "topic": Text(),
        "officials": Int(0, 10_000),
    }),
    "check_run": Kind("a `kfield check` / `kfield diagnose` report (diagnose adds `verdict`)", {
        "results": Objs(_RESULT, required=False),
        "started": Text(required=False, empty=True, null=True, max_len=64),
        "profile": Text(required=False, empty=True, null=True, max_len=200),
        "hostname": Text(required=False, empty=True, null=True, max_len=255),
        "pc_id": Text(required=False, empty=True, max_len=64),
        "verdict": Obj({"place": Text(required=False, empty=True, max_len=64)}, required=False, null=True),
    }),
    "transcript": Kind("a playbook transcript", {}),
    "end": Kind("the visit ends", {}),
    "cancel": Kind("a practice or mistaken visit, left out of reports (reason may be empty)", {
        "reason": Text(empty=True),
    }),
}


def bad_text(value: str) -> bool:
    if value.isascii():                       # most strings: ids, keys, statuses (no surrogate possible)
        return "\x00" in value
    return _FORBIDDEN.search(value) is not None


def _join(why: str) -> str:
    """A nested problem (".key: why", "[3]: why") follows its parent's name; a plain one after ": "."""
    return why if why.startswith((".", "[")) else f": {why}"


def fields_problem(spec: dict[str, Any], value: dict) -> str | None:
    """The first field of `value` that breaks `spec`, as "name: why", or None."""
    for name, kind in spec.items():
        if name not in value:
            if kind.required:
                return f"{name}: missing"
            continue
        why = kind.problem(value[name])
        if why:
            return name + _join(why)
    return None


def fields_accepts(spec: dict[str, Any]) -> Accepts:
    """`spec` compiled: True for a dict in which `fields_problem` finds nothing wrong."""
    checks = tuple((name, kind.required, kind.accepts()) for name, kind in spec.items())

    def accepts(value: Any) -> bool:
        if type(value) is not dict:
            return False
        for name, required, check in checks:
            item = value.get(name, _ABSENT)
            if item is _ABSENT:
                if required:
                    return False
            elif not check(item):
                return False
        return True
    return accepts


def _or_null(check: Accepts) -> Accepts:
    return lambda v: v is None or check(v)


def problem(event: Any) -> str | None:
    """Why this decoded line is not a valid event ("data.outcome: not in vocabulary"), or None.
    A kind this version does not know is valid if its envelope is."""
    return None if accepts(event) else explain(event)


def accepts(event: Any) -> bool:
    """The quick answer: True when `explain` finds nothing wrong. Exact for decoded JSON; a value of
    a subclass (a str subclass, say) is not accepted here and is left to `explain`."""
    if not _ENVELOPE_ACCEPTS(event):
        return False
    data_accepts = _DATA_ACCEPTS.get(event["type"])
    return data_accepts is None or data_accepts(event["data"])


def explain(event: Any) -> str | None:
    """The reason, found by walking the declaration field by field (the slow path)."""
    if not isinstance(event, dict):
        return "not an object"
    why = fields_problem(ENVELOPE, event)
    if why:
        return why
    kind = KINDS.get(event["type"])
    why = fields_problem(kind.fields, event["data"]) if kind else None
    return f"data.{why}" if why else None


_ENVELOPE_ACCEPTS = fields_accepts(ENVELOPE)
_DATA_ACCEPTS = {name: fields_accepts(kind.fields) for name, kind in KINDS.items()}


def check(event: dict[str, Any]) -> dict[str, Any]:
    """The event as kfield is about to write it, or InvalidEvent (a bug in the writer)."""
    why = problem(event)
    if why:
        raise InvalidEvent(f"{event.get('type')}: {why}")
    return event


def markdown() -> str:
    """The schema as the table docs/visit-logs.md shows."""
    rows = ["| kind | field | type | required |", "|---|---|---|---|"]
    rows += [f"| (every line) | `{name}` | {kind.doc()} | yes |" for name, kind in ENVELOPE.items()]
    for name, kind in KINDS.items():
        rows.append(f"| `{name}` | | {kind.doc} | |")
        rows += [f"| | `{f}` | {spec.doc()} | {'yes' if spec.required else 'no'} |" for f, spec in kind.fields.items()]
    return "\n".join(rows) + "\n"
