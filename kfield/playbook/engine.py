"""The playbook state machine. Pure: no clock, no input, no printing.

Given a playbook, a state and an answer, it returns the next state and an Event
describing what happened. Check steps call an injected ``run_check(step) -> Result``;
a diagnose step calls the same runner, which answers with the verdict as a Result whose
``diag_place`` evidence names the place (see kfield.playbook.checks); switch steps read variables. ``back`` returns to the previous step a person answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from kfield.core.errors import UsageError
from kfield.core.i18n import text
from kfield.core.result import Result
from kfield.playbook import model as m

CheckRunner = Callable[[m.Check], Result]


@dataclass(frozen=True)
class Frame:
    """An answered step and the variables as they were before answering it."""

    step: str
    vars: Mapping[str, str]


@dataclass(frozen=True)
class State:
    step: str
    vars: Mapping[str, str]
    history: tuple[Frame, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        frames = [{"step": f.step, "vars": dict(f.vars)} for f in self.history]
        return {"step": self.step, "vars": dict(self.vars), "history": frames}


@dataclass(frozen=True)
class Option:
    key: str
    label: m.Bilingual


@dataclass(frozen=True)
class Event:
    """What happened at one step: ``action`` is answer, check, switch, back or end."""

    step: str
    kind: str
    action: str
    answer: str | None = None
    result: Result | None = None
    vars: Mapping[str, str] = field(default_factory=lambda: m.frozen(None))


def verdict_place(result: Result) -> str:
    """The place a diagnose step's result names ("unknown" if the runner could not say)."""
    return next((str(e.value) for e in result.evidence if e.name == "diag_place"), "unknown")


def _catalogue_text(key: str) -> m.Bilingual:
    return m.Bilingual(text(key, "vi"), text(key, "en"))


class Engine:
    def __init__(self, playbook: m.Playbook, run_check: CheckRunner) -> None:
        self.playbook, self.run_check = playbook, run_check

    def start(self) -> State:
        return State(self.playbook.start, m.frozen(self.playbook.vars))

    def step(self, state: State) -> m.Step:
        return self.playbook.steps[state.step]

    def finished(self, state: State) -> bool:
        return isinstance(self.step(state), m.End)

    def needs_answer(self, state: State) -> bool:
        return self.step(state).interactive

    def options(self, state: State) -> tuple[Option, ...]:
        current = self.step(state)
        if isinstance(current, m.Ask):
            return tuple(Option(c.key, c.label) for c in current.choices)
        if isinstance(current, m.Do):
            return (Option("done", _catalogue_text("pb.do.done")),
                    Option("not_done", _catalogue_text("pb.do.not_done")))
        if isinstance(current, m.Info):
            return (Option("next", _catalogue_text("pb.info.next")),)
        return ()

    def answer(self, state: State, key: str) -> tuple[State, Event]:
        """Follow the answer ``key`` of an ask, do, info or count step."""
        current = self.step(state)
        if isinstance(current, m.Count):
            return self._count(state, current, key)
        edge = next((e for e in current.edges() if e.label == key), None) if current.interactive else None
        if edge is None:
            allowed = ", ".join(o.key for o in self.options(state)) or "—"
            raise UsageError("pb.run.bad_answer", step=state.step, answer=key, allowed=allowed)
        new_vars = m.frozen({**state.vars, **edge.sets})
        frame = Frame(state.step, state.vars)
        event = Event(state.step, current.kind, "answer", answer=key, vars=new_vars)
        return State(edge.target, new_vars, state.history + (frame,)), event

    def _count(self, state: State, current: m.Count, key: str) -> tuple[State, Event]:
        if not current.accepts(key):
            allowed = f"{current.minimum}–{current.maximum}"
            raise UsageError("pb.run.bad_answer", step=state.step, answer=key, allowed=allowed)
        number = str(m.whole_number(key))
        new_vars = m.frozen({**state.vars, current.var: number})
        event = Event(state.step, current.kind, "answer", answer=number, vars=new_vars)
        return State(current.next, new_vars, state.history + (Frame(state.step, state.vars),)), event

    def advance(self, state: State) -> tuple[State, Event]:
        """Take a step that answers itself: run a check, or read a variable."""
        current = self.step(state)
        if isinstance(current, m.Check):
            result = self.run_check(current)
            event = Event(state.step, "check", "check", answer=result.status.value, result=result, vars=state.vars)
            return State(current.target(result.status.value), state.vars, state.history), event
        if isinstance(current, m.Diagnose):
            result = self.run_check(current)
            place = verdict_place(result)
            event = Event(state.step, "diagnose", "diagnose", answer=place, result=result, vars=state.vars)
            return State(current.target(place), state.vars, state.history), event
        if isinstance(current, m.Switch):
            value = state.vars.get(current.var, "")
            event = Event(state.step, "switch", "switch", answer=value, vars=state.vars)
            return State(current.target(value), state.vars, state.history), event
        raise UsageError("pb.run.not_automatic", step=state.step)

    def back(self, state: State) -> tuple[State, Event] | None:
        """The previous answered step, with its variables restored; None at the start."""
        if not state.history:
            return None
        frame = state.history[-1]
        event = Event(state.step, self.step(state).kind, "back", vars=frame.vars)
        return State(frame.step, frame.vars, state.history[:-1]), event

    def outcome(self, state: State) -> m.End:
        current = self.step(state)
        if not isinstance(current, m.End):
            raise UsageError("pb.run.not_finished", step=state.step)
        return current

    def restore(self, saved: Mapping[str, Any]) -> State:
        """A state from saved progress, refused if it names steps this playbook lacks."""
        frames = tuple(Frame(f["step"], m.frozen(f["vars"])) for f in saved["history"])
        state = State(saved["step"], m.frozen(saved["vars"]), frames)
        for step_id in [state.step, *(f.step for f in frames)]:
            if step_id not in self.playbook.steps:
                raise UsageError("pb.resume.mismatch", step=step_id, playbook=self.playbook.id)
        return state
