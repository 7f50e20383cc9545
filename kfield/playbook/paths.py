"""Every path from the start to an end, for review and tests (bounded).

Variables are followed along each path, so a switch takes only the branch its
variables decide. A step may appear at most ``max_visits`` times on one path, which
lets each retry loop be taken once without letting paths grow forever.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections import Counter
from typing import Any, Iterator, Mapping

from kfield.playbook import model as m

MAX_PATHS = 1000
MAX_VISITS = 2
MAX_WORK = 100_000  # steps walked in all; a trap full of branches must not hang lint or CI


@dataclass(frozen=True)
class Hop:
    """Leaving ``step`` by ``label`` (a choice key, done/not_done, statuses, var=value)."""

    step: str
    kind: str
    label: str


@dataclass(frozen=True)
class PlaybookPath:
    hops: tuple[Hop, ...]
    end: str
    outcome: str
    contact: str | None

    def answers(self) -> list[str]:
        """The answers a person gives along this path, in order (ask and do steps)."""
        return [h.label for h in self.hops if h.kind in ("ask", "do", "count")]

    def statuses(self) -> list[str]:
        """What each check or diagnose step along the path answers to lead down it
        (a status, or a verdict place), in order."""
        return [h.label.split("|")[0] for h in self.hops if h.kind in ("check", "diagnose")]

    def steps(self) -> list[str]:
        return [h.step for h in self.hops] + [self.end]

    def to_dict(self) -> dict[str, Any]:
        return {"steps": self.steps(), "hops": [h.__dict__ for h in self.hops], "end": self.end,
                "outcome": self.outcome, "contact": self.contact, "answers": self.answers()}


def _edges(step: m.Step, vars: Mapping[str, str]) -> tuple[m.Edge, ...]:
    if isinstance(step, m.Switch):
        value = vars.get(step.var, "")
        return (m.Edge(f"{step.var}={value}", step.target(value)),)
    return step.edges()


def all_paths(playbook: m.Playbook, max_paths: int = MAX_PATHS,
              max_visits: int = MAX_VISITS) -> tuple[list[PlaybookPath], bool]:
    """(paths, truncated): ``truncated`` says the bound cut the list short.

    Depth first in edge order, without recursion (a chain of thousands of steps is walked like any
    other): ``frames`` is the path being walked, ``hops`` how it was left, ``visits`` how often each
    step is on it."""
    found: list[PlaybookPath] = []
    frames: list[tuple[str, m.Step, Mapping[str, str], Iterator[m.Edge]]] = []
    hops: list[Hop] = []
    visits: Counter[str] = Counter()
    work, truncated = 0, False

    def enter(step_id: str, vars: Mapping[str, str]) -> bool:
        nonlocal work, truncated
        work += 1
        if len(found) >= max_paths or work > MAX_WORK:
            truncated = True
            return False
        step = playbook.steps[step_id]
        if isinstance(step, m.End):
            found.append(PlaybookPath(tuple(hops), step_id, step.outcome, step.contact))
            return False
        visits[step_id] += 1
        frames.append((step_id, step, vars, iter(_edges(step, vars))))
        return True

    enter(playbook.start, dict(playbook.vars))
    while frames:
        step_id, step, vars, edges = frames[-1]
        edge = next(edges, None)
        if edge is None:
            frames.pop()
            visits[step_id] -= 1
            if frames:
                hops.pop()                  # the hop that led into the step just left
            continue
        if visits[edge.target] < max_visits:
            hops.append(Hop(step_id, step.kind, edge.label))
            if not enter(edge.target, {**vars, **edge.sets}):
                hops.pop()
    return found, truncated
