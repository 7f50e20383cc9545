"""Lint: everything the loader refuses, plus what makes a valid playbook a bad one.

Findings: schema and reference errors (from the loader), unreachable steps, cycles
with no way out, dead ends, empty or untranslated texts, placeholders that differ
between languages, contact roles the profile does not define, switch cases no answer
can reach, a file name that is not the id, and one id used by two files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kfield.core.errors import ProfileError
from kfield.core.i18n import render
from kfield.core.result import Message
from kfield.core.schema import SchemaError
from kfield.playbook import loader
from kfield.playbook import model as m


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    message: Message

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    def describe(self, lang: str) -> str:
        """One line; a finding without a position (YAML syntax) already names its place."""
        words = render(self.message, lang)
        return f"{self.location()}: {words}" if self.line else words


def _at(playbook: m.Playbook, where: m.Where, key: str, **params) -> Finding:
    return Finding(str(playbook.path), where.line, where.column, Message(key, params))


def lint_paths(paths: Iterable[Path | tuple[Path, bool]], roles: set[str], profile: str) -> list[Finding]:
    """Findings of every file: a path, or (path, named) from ``loader.gather`` (named False: found in
    a folder, a link there is refused)."""
    findings: list[Finding] = []
    first_file: dict[str, m.Playbook] = {}
    for item in paths:
        path, named = item if isinstance(item, tuple) else (item, True)
        playbook, found = lint_file(path, roles, profile, named)
        findings += found
        if playbook is None:
            continue
        if playbook.id in first_file:
            other = str(first_file[playbook.id].path)
            findings.append(_at(playbook, playbook.where, "pb.lint.duplicate_id", id=playbook.id, other=other))
        first_file.setdefault(playbook.id, playbook)
    return findings


def lint_file(path: Path, roles: set[str], profile: str, named: bool = True) -> tuple[m.Playbook | None, list[Finding]]:
    try:
        playbook = loader.load(path, named)
    except SchemaError as exc:
        return None, [Finding(i.file, i.line, i.column, i.message) for i in exc.issues]
    except ProfileError as exc:  # YAML syntax or unreadable: the message says where
        return None, [Finding(str(path), 0, 0, exc.message)]
    return playbook, lint_playbook(playbook, roles, profile)


def lint_playbook(playbook: m.Playbook, roles: set[str], profile: str) -> list[Finding]:
    findings = [*_graph(playbook), *_texts(playbook), *_contacts(playbook, roles, profile),
                *_unreachable_cases(playbook)]
    if playbook.path.stem != playbook.id:
        findings.append(_at(playbook, playbook.where, "pb.lint.file_name", id=playbook.id, name=playbook.path.name))
    return sorted(findings, key=lambda f: (f.line, f.column, f.message.key))


# --- graph -------------------------------------------------------------------------------


def _successors(playbook: m.Playbook) -> dict[str, set[str]]:
    return {sid: {e.target for e in step.edges()} for sid, step in playbook.steps.items()}


def _closure(starts: Iterable[str], links: dict[str, set[str]]) -> set[str]:
    seen, stack = set(), list(starts)
    while stack:
        step = stack.pop()
        if step not in seen:
            seen.add(step)
            stack.extend(links.get(step, ()))
    return seen


def _graph(playbook: m.Playbook) -> Iterator[Finding]:
    succ = _successors(playbook)
    pred: dict[str, set[str]] = {sid: set() for sid in succ}
    for sid, targets in succ.items():
        for target in targets:
            pred[target].add(sid)
    reachable = _closure([playbook.start], succ)
    ends = [sid for sid, step in playbook.steps.items() if isinstance(step, m.End)]
    can_end = _closure(ends, pred)
    for sid, step in playbook.steps.items():
        if sid not in reachable:
            yield _at(playbook, step.where, "pb.lint.unreachable", step=sid)
        if not succ[sid] and not isinstance(step, m.End):
            yield _at(playbook, step.where, "pb.lint.dead_end", step=sid)
    yield from _traps(playbook, (reachable - can_end), succ)


def _traps(playbook: m.Playbook, stuck: set[str], succ: dict[str, set[str]]) -> Iterator[Finding]:
    """Cycles among steps that can never reach an end: one finding per cycle (a strongly connected
    group of steps), on its first step in file order, its steps listed in file order."""
    order = list(playbook.steps)
    position = {sid: n for n, sid in enumerate(order)}
    for group in sorted(_components(order, succ), key=lambda g: min(position[s] for s in g)):
        first = min(group, key=position.__getitem__)
        looping = len(group) > 1 or first in succ[first]
        if looping and first in stuck:
            steps = sorted(group, key=position.__getitem__)
            yield _at(playbook, playbook.steps[first].where, "pb.lint.trapped_cycle", steps=", ".join(steps))


def _components(order: list[str], succ: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components (Kosaraju), both passes without recursion."""
    finished, seen = [], set()
    for root in order:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(sorted(succ[root])))]
        while stack:
            sid, ahead = stack[-1]
            target = next(ahead, None)
            if target is None:
                stack.pop()
                finished.append(sid)
            elif target not in seen:
                seen.add(target)
                stack.append((target, iter(sorted(succ[target]))))
    pred: dict[str, set[str]] = {sid: set() for sid in order}
    for sid, targets in succ.items():
        for target in targets:
            pred[target].add(sid)
    groups, placed = [], set()
    for root in reversed(finished):
        if root in placed:
            continue
        group, stack = set(), [root]
        placed.add(root)
        while stack:
            sid = stack.pop()
            group.add(sid)
            for source in pred[sid]:
                if source not in placed:
                    placed.add(source)
                    stack.append(source)
        groups.append(group)
    return groups


# --- texts, contacts, cases ------------------------------------------------------------


def _texts(playbook: m.Playbook) -> Iterator[Finding]:
    for text in playbook.texts():
        for lang in ("vi", "en"):
            if not text.get(lang).strip():
                yield _at(playbook, text.where, "pb.lint.empty_text", lang=lang)
        if text.placeholders("vi") != text.placeholders("en"):
            yield _at(playbook, text.where, "pb.lint.placeholders",
                      vi=", ".join(sorted(text.placeholders("vi"))) or "—",
                      en=", ".join(sorted(text.placeholders("en"))) or "—")
        if text.vi.strip() == text.en.strip() and len(text.en.split()) > 3:
            yield _at(playbook, text.where, "pb.lint.untranslated", text=text.en[:40])


def _contacts(playbook: m.Playbook, roles: set[str], profile: str) -> Iterator[Finding]:
    for step in playbook.steps.values():
        if isinstance(step, m.End) and step.contact and step.contact not in roles:
            known = ", ".join(sorted(roles)) or "—"
            yield _at(playbook, step.where, "pb.lint.unknown_contact", role=step.contact, profile=profile, known=known)


def _unreachable_cases(playbook: m.Playbook) -> Iterator[Finding]:
    for step in playbook.steps.values():
        if not isinstance(step, m.Switch):
            continue
        possible = {playbook.vars.get(step.var, "")} | _values_set(playbook, step.var)
        for value in step.cases:
            if value not in possible:
                yield _at(playbook, step.where, "pb.lint.case_never_set", var=step.var, value=value)


def _values_set(playbook: m.Playbook, var: str) -> set[str]:
    return {c.sets[var] for step in playbook.steps.values()
            for c in getattr(step, "choices", ()) if var in c.sets}
