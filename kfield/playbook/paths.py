"""Every path from the start to an end, for review and tests (bounded).

Variables are followed along each path, so a switch takes only the branch its
variables decide. A step may appear at most ``max_visits`` times on one path, which
lets each retry loop be taken once without letting paths grow forever.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

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


@dataclass
class _Walk:
    playbook: m.Playbook
    max_paths: int
    max_visits: int
    found: list[PlaybookPath]
    truncated: bool = False
    work: int = 0

    def visit(self, step_id: str, vars: Mapping[str, str], hops: tuple[Hop, ...]) -> None:
        self.work += 1
        if len(self.found) >= self.max_paths or self.work > MAX_WORK:
            self.truncated = True
            return
        step = self.playbook.steps[step_id]
        if isinstance(step, m.End):
            self.found.append(PlaybookPath(hops, step_id, step.outcome, step.contact))
            return
        for edge in self._edges(step, vars):
            if sum(h.step == edge.target for h in hops) + (edge.target == step_id) < self.max_visits:
                self.visit(edge.target, {**vars, **edge.sets}, hops + (Hop(step_id, step.kind, edge.label),))

    @staticmethod
    def _edges(step: m.Step, vars: Mapping[str, str]) -> tuple[m.Edge, ...]:
        if isinstance(step, m.Switch):
            value = vars.get(step.var, "")
            return (m.Edge(f"{step.var}={value}", step.target(value)),)
        return step.edges()


def all_paths(playbook: m.Playbook, max_paths: int = MAX_PATHS,
              max_visits: int = MAX_VISITS) -> tuple[list[PlaybookPath], bool]:
    """(paths, truncated): ``truncated`` says the bound cut the list short."""
    walk = _Walk(playbook, max_paths, max_visits, [])
    walk.visit(playbook.start, dict(playbook.vars), ())
    return walk.found, walk.truncated
