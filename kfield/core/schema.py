"""A schema declared once as data: it validates YAML nodes (with file:line:column)
and exports itself as JSON Schema. Profiles, playbooks, answers files and rules all use it.

Validation walks PyYAML's composed node tree, so every issue knows where it is. ``load`` is the
one strict YAML loader: the file comes through kfield.core.files (regular files only, bounded),
is composed (never constructed: no Python object is built from a tag), and then every node is
checked once, iteratively, before any schema sees it (``strict``):
- an explicit tag is refused unless it says what the value already is (``!!str`` stays allowed):
  ``!!int ""``, ``!!float "."``, ``!!bool maybe``, ``!!timestamp foo``, ``!!set``, ``!custom``;
- a number longer than MAX_NUMBER characters, a date the calendar lacks (2026-02-30), any value
  the safe constructor cannot build, is an issue at its line and column;
- aliases are bounded: at most MAX_ALIASES uses, at most MAX_NODES nodes once expanded, none
  that contains itself ("billion laughs" costs milliseconds to refuse, not minutes to walk).
Numbers are then checked for type before range, and NaN or infinity is never a number.

Map: the one strict YAML loader (`load`: through `files.read`; explicit tags, over-long numbers, impossible
dates and alias fan-out refused at their `file:line:column`) and the schema-as-data validator (types before
ranges, no NaN) with its JSON Schema export, used by profiles, playbooks, answers files and readiness rules
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from kfield.core import files
from kfield.core.errors import ProfileError
from kfield.core.result import Message

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_TAG = "tag:yaml.org,2002:"
_BUILT = (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null", _TAG + "timestamp")
# what PyYAML's safe constructors raise on values they cannot build (not only yaml.YAMLError)
CONSTRUCT_ERRORS = (yaml.YAMLError, ValueError, OverflowError, IndexError, KeyError, AttributeError, TypeError)

MAX_ALIASES = 100        # alias uses in one file (kfield's own files use none)
MAX_NODES = 200_000      # nodes once every alias is expanded (the biggest bundled file has ~2,000)
MAX_NUMBER = 40          # characters in one number: more is never a count, a port or a number of days


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
        """The Python value of a scalar; an impossible one (2020-13-45) is an issue and gives None."""
        try:
            return self._con.construct_object(node, deep=True)
        except CONSTRUCT_ERRORS:
            self.add(node, "schema.bad_value", value=str(node.value)[:40])
            return None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return node.tag.rsplit(":", 1)[-1]  # str, int, float, bool, null, timestamp


_KIND_WORDS = {"text": "schema.kind.text", "str": "schema.kind.text", "integer": "schema.kind.integer",
               "int": "schema.kind.integer", "number": "schema.kind.number", "float": "schema.kind.number",
               "true/false": "schema.kind.bool", "bool": "schema.kind.bool", "date YYYY-MM-DD": "schema.kind.date",
               "timestamp": "schema.kind.date", "list": "schema.kind.list", "mapping": "schema.kind.mapping",
               "key": "schema.kind.key", "null": "schema.kind.null", "value": "schema.kind.value"}


def kind_words(kind: str) -> Message:
    """What a value is (or should be), as words in the reader's language, never a YAML tag name."""
    return Message(_KIND_WORDS.get(kind, "schema.kind.other"), {})


class Node:
    """Base of schema nodes: ``check`` validates and converts, ``json`` exports."""

    expected = "value"

    def check(self, node: yaml.Node, ctx: _Ctx) -> Any:
        raise NotImplementedError

    def json(self) -> dict[str, Any]:
        raise NotImplementedError

    def wrong(self, node: yaml.Node, ctx: _Ctx) -> None:
        ctx.add(node, "schema.expected", expected=kind_words(self.expected), got=kind_words(_kind(node)))


@dataclass
class Str(Node):
    pattern: str | None = None
    choices: Callable[[], Iterable[str]] | tuple[str, ...] | None = None
    doc: str = ""
    expected = "text"

    def check(self, node, ctx):
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith((":null", ":map", ":seq")):
            return self.wrong(node, ctx)
        built = node.value if node.tag.endswith(":str") else ctx.scalar(node)
        value = node.value if built is None else str(built)
        if self.pattern and not re.fullmatch(self.pattern, value):
            ctx.add(node, "schema.pattern", value=value[:60], pattern=self.pattern)
        allowed = self._choices()
        if allowed is not None and value not in allowed:
            ctx.add(node, "schema.choice", value=value[:60], allowed=", ".join(sorted(allowed)[:12]))
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
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return None                              # already an issue: the type comes before the range
        if not math.isfinite(value):
            ctx.add(node, "schema.not_finite", value=node.value[:12])
            return None
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            ctx.add(node, "schema.range", value=node.value[:MAX_NUMBER], low=_fmt(low), high=_fmt(high))
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
            ctx.add(key_node, "schema.expected", expected=kind_words("key"), got=kind_words(_kind(key_node)))
            return None
        key = str(key_node.value)
        if key in seen:
            ctx.add(key_node, "schema.duplicate", key=key[:60])
            return None
        return key

    def _value(self, key, key_node, value_node, ctx):
        if key in self.fields:
            return self.fields[key].node.check(value_node, ctx)
        if self.values is not None and (not self.key_pattern or re.fullmatch(self.key_pattern, key)):
            return self.values.check(value_node, ctx)
        allowed = ", ".join(self.fields) or (self.key_pattern or "")
        ctx.add(key_node, "schema.unknown_key", key=key[:60], allowed=allowed)
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


def load(path: Path, kind: str = "yaml", follow: bool = True) -> tuple[yaml.Node, bytes]:
    """The strict loader: (root node, the file's bytes) of a YAML file a person gave, or ProfileError
    (unreadable, not UTF-8, YAML syntax, empty) or SchemaError (what ``strict`` refuses)."""
    data = files.read(path, kind, follow)
    where = files.shown(path)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProfileError("schema.not_utf8", where=f"{where}:{line}:{column}") from None
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f"{where}:{mark.line + 1}:{mark.column + 1}" if mark else where
        raise ProfileError("schema.yaml_syntax", where=at, problem=_problem(str(exc.problem or exc))) from None
    except yaml.YAMLError as exc:            # the reader: a character YAML does not allow (NUL, a control)
        position = getattr(exc, "position", None)
        at = f"{where}:{source.count(chr(10), 0, position) + 1}:1" if isinstance(position, int) else where
        raise ProfileError("schema.yaml_syntax", where=at, problem=Message("yaml.escape", {})) from None
    if node is None:
        raise ProfileError("schema.empty", path=where)
    issues = strict(node, where)
    if issues:
        raise SchemaError(issues)
    return node, data


# what PyYAML/libyaml says (English) → a sentence in the catalogue; the first match wins
_PROBLEMS = (("mapping values", "yaml.colon"), ("expected ':'", "yaml.colon"), ("expected key", "yaml.indent"),
             ("indentation", "yaml.indent"), ("expected '-'", "yaml.indent"), ("sequence entries", "yaml.indent"),
             ("cannot start any token", "yaml.character"), ("undefined alias", "yaml.alias"),
             ("expected ','", "yaml.bracket"), ("expected ']'", "yaml.bracket"), ("expected '}'", "yaml.bracket"),
             ("end of stream", "yaml.quote"), ("escape", "yaml.escape"), ("control character", "yaml.escape"),
             ("nesting depth", "yaml.nesting"), ("single document", "yaml.documents"),
             ("document", "yaml.documents"))


def _problem(said: str) -> Message:
    return Message(next((key for words, key in _PROBLEMS if words in said), "yaml.other"), {})


def compose(path: Path, kind: str = "yaml") -> yaml.Node:
    """Read and parse a YAML file into nodes through the strict loader (``load``)."""
    return load(path, kind)[0]


def strict(root: yaml.Node, file: str) -> list[Issue]:
    """What the strict loader refuses in a composed tree (see the module's docstring), each node
    looked at once, without recursion (libyaml already bounds nesting at 1,000 levels)."""
    issues: list[Issue] = []

    def add(node: yaml.Node, key: str, **params: Any) -> None:
        issues.append(Issue(file, node.start_mark.line + 1, node.start_mark.column + 1, Message(key, params)))

    order, aliases = _distinct(root)
    if aliases > MAX_ALIASES:
        add(root, "schema.aliases", count=aliases, limit=MAX_ALIASES)
        return issues
    if _expanded(order) is None:
        add(root, "schema.expansion", limit=f"{MAX_NODES:,}")
        return issues
    constructor = yaml.SafeLoader("")
    for node in order:
        _strict_node(node, constructor, add)
        if len(issues) >= 50:
            break
    return issues


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


def _distinct(root: yaml.Node) -> tuple[list[yaml.Node], int]:
    """Every distinct node (parents before children) and how many references are aliases."""
    order, seen, stack, aliases = [], {id(root)}, [root], 0
    while stack:
        node = stack.pop()
        order.append(node)
        for child in _children(node):
            if id(child) in seen:
                aliases += 1
            else:
                seen.add(id(child))
                stack.append(child)
    return order, aliases


def _expanded(order: list[yaml.Node]) -> int | None:
    """Nodes in the tree with every alias expanded, or None past MAX_NODES or when a node holds
    itself (an anchor used inside its own value). Sizes are found children first, without recursion."""
    size: dict[int, int] = {}
    state: dict[int, int] = {}          # 1: children being sized, 2: sized
    for start in order:
        if id(start) in state:
            continue
        stack = [start]
        while stack:
            node = stack[-1]
            if state.get(id(node)) == 2:
                stack.pop()
                continue
            if id(node) not in state:
                state[id(node)] = 1
                for child in _children(node):
                    if state.get(id(child)) == 1:
                        return None               # a cycle
                    if id(child) not in state:
                        stack.append(child)
                continue
            total = 1 + sum(size[id(c)] for c in _children(node))
            if total > MAX_NODES:
                return None
            size[id(node)], state[id(node)] = total, 2
            stack.pop()
    return size[id(order[0])]


def _strict_node(node: yaml.Node, constructor: yaml.SafeLoader, add: Callable[..., None]) -> None:
    if isinstance(node, yaml.MappingNode) or isinstance(node, yaml.SequenceNode):
        expected = _TAG + ("map" if isinstance(node, yaml.MappingNode) else "seq")
        if node.tag != expected:
            add(node, "schema.tag", tag=node.tag[:40])
        return
    plain = node.style in (None, "")
    implicit = _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False)) if plain else _TAG + "str"
    if node.tag not in (implicit, _TAG + "str"):
        add(node, "schema.tag", tag=node.tag.replace(_TAG, "!!")[:40])
    elif node.tag in (_TAG + "int", _TAG + "float") and len(node.value) > MAX_NUMBER:
        add(node, "schema.number_long", count=len(node.value), limit=MAX_NUMBER)
    elif node.tag in _BUILT:
        try:
            constructor.construct_object(node, deep=True)
        except CONSTRUCT_ERRORS:
            add(node, "schema.bad_value", value=node.value[:40])


def validate(path: Path, schema: Node, extra: Callable[[Any, yaml.Node, Callable], None] | None = None,
             root: yaml.Node | None = None, kind: str = "yaml"):
    """Validate ``path`` (or its ``root``, already loaded) against ``schema``; return (value, root node)
    or raise SchemaError.

    ``extra(value, root, add)`` may add semantic issues with ``add(node, key, **params)``.
    """
    root = compose(path, kind) if root is None else root
    ctx = _Ctx(files.shown(path))
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
