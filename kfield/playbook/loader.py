"""Find, validate and build playbooks. Validation happens here and only here:
the schema (model.playbook_schema) plus the semantic rules a runnable playbook
needs (references exist, every check status leads somewhere, variables are declared).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from kfield.core import registry
from kfield.core import files
from kfield.core.errors import ProfileError
from kfield.core.i18n import MENU_PLACEHOLDER, MENUS
from kfield.core.oserrors import reason
from kfield.core.paths import bundled_dir
from kfield.core import schema
from kfield.core.schema import compose, find, json_schema, validate
from kfield.playbook import model as m

Add = Callable[..., None]


def export_schema() -> dict[str, Any]:
    return json_schema(m.playbook_schema(), "kfield playbook", "https://kfield.invalid/playbook.schema.json")


def bundled() -> list[Path]:
    folder = bundled_dir("playbooks")
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


def gather(names: list[str]) -> list[tuple[Path, bool]]:
    """(path, named) per YAML file: a file named as it is, a folder's *.yaml/*.yml entries in name
    order (named False: a link among them is refused when read, never followed); ProfileError for a
    name that is neither."""
    found: list[tuple[Path, bool]] = []
    for name in names:
        path = Path(name)
        if files.is_folder(path):
            found += [(Path(e.path), False) for e in _entries(path) if e.name.endswith((".yaml", ".yml"))]
        elif files.exists(path):
            found.append((path, True))
        else:
            raise ProfileError("schema.no_file", path=files.shown(name))
    return found


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        raise ProfileError("schema.unreadable", path=files.shown(folder), reason=reason(exc)) from None


def locate(id_or_path: str | Path) -> Path:
    """A YAML path as given, or the bundled playbook with that id."""
    candidate = Path(id_or_path)
    if candidate.suffix in (".yaml", ".yml") or files.exists(candidate):
        if not files.exists(candidate):
            raise ProfileError("schema.no_file", path=files.shown(candidate))
        return candidate                    # what is there is judged when it is read (kfield.core.files)
    for path in bundled():
        if path.stem == str(id_or_path) or _declared_id(path) == str(id_or_path):
            return path
    known = ", ".join(p.stem for p in bundled()) or "—"
    raise ProfileError("pb.unknown", name=str(id_or_path), known=known)


def _declared_id(path: Path) -> str | None:
    try:
        node = compose(path, "playbook")
    except ProfileError:
        return None
    found = find(node, "id")
    return found.value if isinstance(found, yaml.ScalarNode) and found is not node else None


def load(path: str | Path, named: bool = True) -> m.Playbook:
    """Validate and build; raises SchemaError (every issue, file:line:column) or ProfileError.
    The file is read once, through the strict loader (kfield.core.schema.load); ``named=False`` for
    a file found in a folder (a link there is not followed)."""
    path = Path(path)
    root, data = schema.load(path, "playbook", follow=named)
    value, root = validate(path, m.playbook_schema(), extra=semantic_checks, root=root)
    return _build(path, value, root, hashlib.sha256(data).hexdigest())


# --- semantic rules -------------------------------------------------------------------


def semantic_checks(value: dict[str, Any], root: yaml.Node, add: Add) -> None:
    steps = value["steps"]
    if len(steps) > m.MAX_STEPS:
        return add(find(root, "steps"), "pb.too_many_steps", count=f"{len(steps):,}", limit=f"{m.MAX_STEPS:,}")
    if value["start"] not in steps:
        add(find(root, "start"), "pb.unknown_step", step=value["start"])
    declared = set(value.get("vars") or {})
    _check_texts(value, root, declared, add)
    for step_id, step in steps.items():
        at = ("steps", step_id)
        _check_refs(step, steps, root, at, add)
        _check_vars(step, declared, root, at, add)
        if step["kind"] == "check":
            _check_check(step, root, at, add)
        if step["kind"] == "diagnose":
            _check_diagnose(step, root, at, add)
        if step["kind"] == "end":
            _check_end(step, root, at, add)


def references(step: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """(key path inside the step, target step id) for every reference a raw step makes."""
    kind = step["kind"]
    if kind == "ask":
        return [(("choices", key, "next"), c["next"]) for key, c in step["choices"].items()]
    if kind in ("check", "diagnose"):
        return [(("branches", label), target) for label, target in step["branches"].items()]
    if kind == "switch":
        return [(("cases", v), t) for v, t in step["cases"].items()] + [(("default",), step["default"])]
    names = {"do": ("done", "not_done"), "info": ("next",), "count": ("next",)}.get(kind, ())
    return [((name,), step[name]) for name in names]


def _check_refs(step, steps, root, at, add) -> None:
    for keys, target in references(step):
        if target not in steps:
            add(find(root, *at, *keys), "pb.unknown_step", step=target)


def _check_check(step, root, at, add) -> None:
    branches = step["branches"]
    missing = [s for s in m.STATUSES if s not in branches]
    if missing and "other" not in branches:
        add(find(root, *at, "branches"), "pb.branches_missing", missing=", ".join(missing))
    inputs = registry.load_all()[step["check"]].inputs
    for name in step.get("params") or {}:
        if name not in inputs:
            add(key_node(root, *at, "params", name), "pb.param_unused", param=name, check=step["check"])


def _check_diagnose(step, root, at, add) -> None:
    missing = [p for p in m.VERDICT_PLACES if p not in step["branches"]]
    if missing and "other" not in step["branches"]:
        add(find(root, *at, "branches"), "pb.branches_missing", missing=", ".join(missing))


def _check_end(step, root, at, add) -> None:
    escalates = step["outcome"] == "escalate"
    if escalates and not step.get("contact"):
        add(find(root, *at, "outcome"), "pb.contact_missing")
    if step.get("contact") and not escalates:
        add(find(root, *at, "contact"), "pb.contact_not_escalate")
    if (step["outcome"] == "handoff") != bool(step.get("handoff")):
        add(find(root, *at, "outcome"), "pb.handoff_pair")


def _check_vars(step, declared, root, at, add) -> None:
    if step["kind"] in ("switch", "count") and step["var"] not in declared:
        add(find(root, *at, "var"), "pb.unknown_var", var=step["var"])
    for key, choice in (step.get("choices") or {}).items():
        for name in choice.get("set") or {}:
            if name not in declared:
                add(key_node(root, *at, "choices", key, "set", name), "pb.unknown_var", var=name)


def _check_texts(value, root, declared, add) -> None:
    for keys, text in _raw_texts(value):
        for lang in ("vi", "en"):
            for name in sorted(m.PLACEHOLDER.findall(text[lang])):
                if name not in declared:
                    add(find(root, *keys, lang), "pb.unknown_var", var=name)
            for name in sorted(set(MENU_PLACEHOLDER.findall(text[lang]))):
                if name not in MENUS:
                    add(find(root, *keys, lang), "pb.unknown_menu", menu=name)


def _raw_texts(value) -> Iterator[tuple[tuple[Any, ...], dict[str, str]]]:
    yield ("title",), value["title"]
    yield ("summary",), value["summary"]
    for step_id, step in value["steps"].items():
        if step.get("text"):
            yield ("steps", step_id, "text"), step["text"]
        for key, choice in (step.get("choices") or {}).items():
            yield ("steps", step_id, "choices", key, "label"), choice["label"]


# --- building the frozen model -----------------------------------------------------------


def _where(node: yaml.Node) -> m.Where:
    return m.Where(node.start_mark.line + 1, node.start_mark.column + 1)


def key_node(root: yaml.Node, *keys: Any) -> yaml.Node:
    """The node of the last key itself (a step is cited at its id, a name at the name)."""
    parent = find(root, *keys[:-1])
    pairs = parent.value if isinstance(parent, yaml.MappingNode) else []
    return next((k for k, _ in pairs if getattr(k, "value", None) == keys[-1]), parent)


def _key_where(root: yaml.Node, *keys: Any) -> m.Where:
    return _where(key_node(root, *keys))


def _text(raw: dict[str, str] | None, root: yaml.Node, *keys: Any) -> m.Bilingual | None:
    if raw is None:
        return None
    return m.Bilingual(raw["vi"], raw["en"], _where(find(root, *keys)))


def _build(path: Path, value: dict[str, Any], root: yaml.Node, digest: str) -> m.Playbook:
    steps = {sid: _step(sid, raw, root) for sid, raw in value["steps"].items()}
    return m.Playbook(
        id=value["id"], version=value["version"],
        title=_text(value["title"], root, "title"), summary=_text(value["summary"], root, "summary"),
        system=value["system"], tags=tuple(value.get("tags") or ()), start=value["start"],
        vars=m.frozen(value.get("vars")), steps=m.frozen(steps), path=path, sha256=digest,
        where=_where(find(root, "id")),
    )


def _step(step_id: str, raw: dict[str, Any], root: yaml.Node) -> m.Step:
    at = ("steps", step_id)
    common = {"id": step_id, "text": _text(raw.get("text"), root, *at, "text"), "where": _key_where(root, *at)}
    kind = raw["kind"]
    if kind == "ask":
        choices = tuple(_choice(key, c, root, at) for key, c in raw["choices"].items())
        return m.Ask(**common, choices=choices)
    if kind == "check":
        return m.Check(**common, check=raw["check"], params=m.frozen(raw.get("params")),
                       branches=m.frozen(raw["branches"]))
    if kind == "diagnose":
        return m.Diagnose(**common, branches=m.frozen(raw["branches"]))
    if kind == "switch":
        return m.Switch(**common, var=raw["var"], cases=m.frozen(raw["cases"]), default=raw["default"])
    if kind == "end":
        return m.End(**common, outcome=raw["outcome"], contact=raw.get("contact"), handoff=raw.get("handoff"))
    if kind == "count":
        return m.Count(**common, var=raw["var"], minimum=raw.get("min", 0), maximum=raw.get("max", 10_000),
                       next=raw["next"])
    fields = {name: raw[name] for name in ("done", "not_done", "next") if name in raw}
    return m.STEP_TYPES[kind](**common, **fields)


def _choice(key: str, raw: dict[str, Any], root: yaml.Node, at: tuple[str, ...]) -> m.Choice:
    label = _text(raw["label"], root, *at, "choices", key, "label")
    return m.Choice(key, label, raw["next"], m.frozen(raw.get("set")))
