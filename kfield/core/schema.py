"""A schema declared once as data: it validates YAML nodes (with file:line:column)
and exports itself as JSON Schema. Profiles and playbooks both use it.

Validation walks PyYAML's composed node tree, so every issue knows where it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from kfield.core.errors import ProfileError
from kfield.core.result import Message

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Issue:
    """One validation problem, with where it is."""

    file: str
    line: int
    column: int
    message: Message

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class SchemaError(ProfileError):
    """A file failed validation; carries every issue, the first in the message."""

    def __init__(self, issues: list[Issue]) -> None:
        first = issues[0]
        super().__init__("schema.issue", where=first.location(), detail=first.message)
        self.issues = issues


class _Ctx:
    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []
        self._con = yaml.SafeLoader("")

    def add(self, node: yaml.Node, key: str, /, **params: Any) -> None:
        mark = node.start_mark
        self.issues.append(Issue(self.file, mark.line + 1, mark.column + 1, Message(key, params)))

    def scalar(self, node: yaml.Node) -> Any:
        """The Python value of a scalar; an impossible one (2020-13-45, !tag x) is an issue."""
        try:
            return self._con.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            self.add(node, "schema.bad_value", value=str(node.value)[:40])
            return node.value


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return node.tag.rsplit(":", 1)[-1]  # str, int, float, bool, null, timestamp


class Node:
    """Base of schema nodes: ``check`` validates and converts, ``json`` exports."""

    expected = "value"

    def check(self, node: yaml.Node, ctx: _Ctx) -> Any:
        raise NotImplementedError

    def json(self) -> dict[str, Any]:
        raise NotImplementedError

    def wrong(self, node: yaml.Node, ctx: _Ctx) -> None:
        ctx.add(node, "schema.expected", expected=self.expected, got=_kind(node))


@dataclass
class Str(Node):
    pattern: str | None = None
    choices: Callable[[], Iterable[str]] | tuple[str, ...] | None = None
    doc: str = ""
    expected = "text"

    def check(self, node, ctx):
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith((":null", ":map", ":seq")):
            return self.wrong(node, ctx)
        value = node.value if node.tag.endswith(":str") else str(ctx.scalar(node))
        if self.pattern and not re.fullmatch(self.pattern, value):
            ctx.add(node, "schema.pattern", value=value, pattern=self.pattern)
        allowed = self._choices()
        if allowed is not None and value not in allowed:
            ctx.add(node, "schema.choice", value=value, allowed=", ".join(sorted(allowed)[:12]))
        return value

    def _choices(self):
        if self.choices is None:
            return None
        return tuple(self.choices() if callable(self.choices) else self.choices)

    def json(self):
        out: dict[str, Any] = {"type": "string"}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        if self.choices is not None:
            out["enum"] = sorted(self._choices())
        return _doc(out, self.doc)


@dataclass
class Num(Node):
    integer: bool = False
    minimum: float | None = None
    maximum: float | None = None
    doc: str = ""

    @property
    def expected(self):  # type: ignore[override]
        return "integer" if self.integer else "number"

    def check(self, node, ctx):
        kinds = ("int",) if self.integer else ("int", "float")
        if not isinstance(node, yaml.ScalarNode) or _kind(node) not in kinds:
            return self.wrong(node, ctx)
        value = ctx.scalar(node)
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            ctx.add(node, "schema.range", value=value, low=_fmt(low), high=_fmt(high))
        return value

    def json(self):
        out: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return _doc(out, self.doc)


def _fmt(bound: float | None) -> str:
    return "…" if bound is None else f"{bound:g}"


@dataclass
class Bool(Node):
    doc: str = ""
    expected = "true/false"

    def check(self, node, ctx):
        if not isinstance(node, yaml.ScalarNode) or _kind(node) != "bool":
            return self.wrong(node, ctx)
        return ctx.scalar(node)

    def json(self):
        return _doc({"type": "boolean"}, self.doc)


@dataclass
class Date(Node):
    doc: str = ""
    expected = "date YYYY-MM-DD"

    def check(self, node, ctx):
        if isinstance(node, yaml.ScalarNode) and _kind(node) in ("timestamp", "str"):
            try:
                return dt.date.fromisoformat(str(node.value))
            except ValueError:
                pass
        return self.wrong(node, ctx)

    def json(self):
        return _doc({"type": "string", "format": "date"}, self.doc)


@dataclass
class List(Node):
    item: Node
    min_items: int = 0
    doc: str = ""
    expected = "list"

    def check(self, node, ctx):
        if not isinstance(node, yaml.SequenceNode):
            return self.wrong(node, ctx)
        if len(node.value) < self.min_items:
            ctx.add(node, "schema.min_items", count=self.min_items)
        return [self.item.check(child, ctx) for child in node.value]

    def json(self):
        out = {"type": "array", "items": self.item.json()}
        if self.min_items:
            out["minItems"] = self.min_items
        return _doc(out, self.doc)


@dataclass
class Field:
    node: Node
    required: bool = False


@dataclass
class Map(Node):
    """A mapping with known keys (``fields``) and/or free keys (``values``)."""

    fields: dict[str, Field] = field(default_factory=dict)
    values: Node | None = None
    key_pattern: str | None = None
    doc: str = ""
    expected = "mapping"

    def check(self, node, ctx):
        if not isinstance(node, yaml.MappingNode):
            return self.wrong(node, ctx)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, ctx, out)
            if key is not None:
                out[key] = self._value(key, key_node, value_node, ctx)
        for name, spec in self.fields.items():
            if spec.required and name not in out:
                ctx.add(node, "schema.missing", key=name)
        return out

    def _key(self, key_node, ctx, seen):
        if not isinstance(key_node, yaml.ScalarNode):
            ctx.add(key_node, "schema.expected", expected="key", got=_kind(key_node))
            return None
        key = str(key_node.value)
        if key in seen:
            ctx.add(key_node, "schema.duplicate", key=key)
            return None
        return key

    def _value(self, key, key_node, value_node, ctx):
        if key in self.fields:
            return self.fields[key].node.check(value_node, ctx)
        if self.values is not None and (not self.key_pattern or re.fullmatch(self.key_pattern, key)):
            return self.values.check(value_node, ctx)
        allowed = ", ".join(self.fields) or (self.key_pattern or "")
        ctx.add(key_node, "schema.unknown_key", key=key, allowed=allowed)
        return None

    def json(self):
        out: dict[str, Any] = {"type": "object"}
        if self.fields:
            out["properties"] = {k: f.node.json() for k, f in self.fields.items()}
            required = [k for k, f in self.fields.items() if f.required]
            if required:
                out["required"] = required
        if self.values is not None and self.key_pattern:
            out["patternProperties"] = {f"^(?:{self.key_pattern})$": self.values.json()}
            out["additionalProperties"] = False
        else:
            out["additionalProperties"] = self.values.json() if self.values is not None else False
        return _doc(out, self.doc)


@dataclass
class AnyOf(Node):
    """The first alternative whose shape (mapping/list/scalar) matches is used."""

    options: tuple[Node, ...]
    doc: str = ""
    expected = "value"

    def check(self, node, ctx):
        for option in self.options:
            trial = _Ctx(ctx.file)
            value = option.check(node, trial)
            if not trial.issues:
                return value
        return self.options[-1].check(node, ctx)

    def json(self):
        return _doc({"anyOf": [o.json() for o in self.options]}, self.doc)


def Text(doc: str = "") -> Map:
    """A text in both languages: {vi: ..., en: ...}."""
    return Map({"vi": Field(Str(), True), "en": Field(Str(), True)}, doc=doc)


def _doc(out: dict[str, Any], doc: str) -> dict[str, Any]:
    if doc:
        out["description"] = doc
    return out


def compose(path: Path) -> yaml.Node:
    """Read and parse a YAML file into nodes; syntax errors carry their position."""
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError("schema.no_file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError("schema.unreadable", path=str(path), reason=str(exc)) from None
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ProfileError("schema.yaml_syntax", where=where, problem=str(exc.problem or exc)) from None
    except yaml.YAMLError as exc:
        raise ProfileError("schema.yaml_syntax", where=str(path), problem=str(exc)) from None
    if node is None:
        raise ProfileError("schema.empty", path=str(path))
    return node


def validate(path: Path, schema: Node, extra: Callable[[Any, yaml.Node, Callable], None] | None = None):
    """Validate ``path`` against ``schema``; return (value, root node) or raise SchemaError.

    ``extra(value, root, add)`` may add semantic issues with ``add(node, key, **params)``.
    """
    root = compose(path)
    ctx = _Ctx(str(path))
    value = schema.check(root, ctx)
    if not ctx.issues and extra is not None:
        extra(value, root, ctx.add)
    if ctx.issues:
        raise SchemaError(ctx.issues)
    return value, root


def find(root: yaml.Node, *keys: Any) -> yaml.Node:
    """The node at a path of mapping keys / list indexes (the nearest one that exists)."""
    node = root
    for key in keys:
        child = _child(node, key)
        if child is None:
            return node
        node = child
    return node


def _child(node: yaml.Node, key: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def json_schema(schema: Node, title: str, schema_id: str) -> dict[str, Any]:
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, "title": title}
    out.update(schema.json())
    return out
