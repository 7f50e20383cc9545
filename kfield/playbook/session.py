"""Drive the engine for a person (numbered choices, b = back, q = quit) or a script
(answers file / non-interactive), keep the transcript, save progress on stop.

The dialogue goes to a Console (stdout in the CLI); notes about files go to
``notify`` (stderr in the CLI). Time comes from injected clocks for tests.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Mapping, Protocol

import yaml

from kfield.core.errors import KfieldError, UsageError
from kfield.core.i18n import text
from kfield.core.schema import AnyOf, List, Map, Str, compose, validate
from kfield.playbook import model as m
from kfield.playbook import render, store
from kfield.playbook import transcript as tr
from kfield.playbook.engine import Engine, Event

MAX_STEPS = 5 * m.MAX_STEPS  # steps taken in one run: a scripted answer that loops forever must end, not hang CI
MAX_HANDOFFS = 20            # playbooks handed over to in one command (the library's longest chain is 2)
BACK, QUIT = "b", "q"


class Console(Protocol):
    def write(self, lines: list[str]) -> None: ...
    def read(self, prompt: str) -> str: ...  # raises EOFError when input has ended


class StreamConsole:
    """Plain lines on text streams; ``readline`` rather than ``input`` so a closed
    stdin is seen as EOF, never a hang."""

    def __init__(self, stdin: IO[str], stdout: IO[str]) -> None:
        self.stdin, self.stdout = stdin, stdout

    def write(self, lines: list[str]) -> None:
        self.stdout.write("\n".join(lines) + "\n")
        self.stdout.flush()

    def read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.strip()


class _Key(Str):
    """A choice key exactly as written: ``yes`` stays "yes" (YAML 1.1 would read true)."""

    def check(self, node, ctx):
        if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null"):
            return node.value
        return self.wrong(node, ctx)


class Answers:
    """Scripted answers: step id → key (or keys, one per visit), or one list in order."""

    def __init__(self, by_step: Mapping[str, Any] | None = None, in_order: list[str] | None = None) -> None:
        self.by_step = {k: (v if isinstance(v, str) else list(v)) for k, v in (by_step or {}).items()}
        self.in_order = list(reversed(in_order)) if in_order is not None else None   # taken from the end

    def take(self, step_id: str) -> str | None:
        if self.in_order is not None:
            return self.in_order.pop() if self.in_order else None
        queue = self.by_step.get(step_id)
        if isinstance(queue, str):          # one answer for every visit of the step
            return queue
        return queue.pop(0) if queue else None


def load_answers(path: Path, playbook: m.Playbook, onward: list[m.Playbook] = ()) -> Answers:
    """An answers file (YAML or JSON), validated with file:line:column errors; its steps may belong to
    the playbook or to one it hands over to (`onward`)."""
    root = compose(path, "answers")
    if isinstance(root, yaml.SequenceNode):
        return Answers(in_order=validate(path, List(_Key()), root=root)[0])
    by_step = validate(path, Map(values=AnyOf((_Key(), List(_Key()))), key_pattern=r".+"), root=root)[0]
    for step_id in by_step:
        if not any(step_id in p.steps for p in (playbook, *onward)):
            raise UsageError("pb.answers.unknown_step", step=step_id, path=str(path), playbook=playbook.id)
    return Answers(by_step=by_step)


@dataclass
class Settings:
    lang: str
    profile: str
    contacts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    answers: Answers | None = None  # None: a person answers at the console
    transcript_path: Path | None = None
    notify: Callable[[str], None] = lambda line: None
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc).astimezone()
    timer: Callable[[], float] = time.monotonic


class Session:
    def __init__(self, engine: Engine, console: Console, settings: Settings) -> None:
        self.engine, self.console, self.s = engine, console, settings
        self.state = engine.start()
        mode = "scripted" if settings.answers is not None else "interactive"
        self.transcript = tr.Transcript.begin(engine.playbook, settings.lang, settings.profile, mode, settings.clock())
        self.path = settings.transcript_path or tr.default_path(
            engine.playbook.id, settings.clock(), store.transcripts_dir())
        self.taken = 0

    def resume(self) -> None:
        """Continue the saved run of this playbook: same state, same transcript file."""
        playbook = self.engine.playbook
        saved = store.load_progress(playbook.id)
        if saved["playbook"]["sha256"] != playbook.sha256:
            raise UsageError("pb.resume.changed", playbook=playbook.id, path=str(store.progress_path(playbook.id)))
        self.state = self.engine.restore(saved["state"])
        self.transcript = tr.Transcript.from_dict(saved["transcript"])
        self.transcript.resumed.append(tr.stamp(self.s.clock()))
        self.path = self.s.transcript_path or Path(saved["transcript_path"])
        self.s.notify(text("pb.run.resumed", self.s.lang, step=render.short_text(self.engine.step(self.state), self.s.lang,
                                                                                   self.state.vars)))

    # --- the loop -------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        """Run to an end or a stop; return the transcript's outcome."""
        self.console.write([render.header(self.engine.playbook, self.s.lang)])
        try:
            while not self.engine.finished(self.state):
                if self._one_step() == QUIT:
                    return self._stop("quit")
            return self._finish()
        except KeyboardInterrupt:
            self._stop("interrupted")
            raise
        except EOFError:
            self._stop("no_input")
            raise UsageError("pb.run.no_input", step=self.state.step) from None
        except KfieldError:
            if self.transcript.outcome is None:
                self._stop("error")
            raise

    def _one_step(self) -> str | None:
        self.taken += 1
        if self.taken > MAX_STEPS:
            raise UsageError("pb.run.too_long", count=MAX_STEPS)
        if self.engine.needs_answer(self.state):
            return self._answered_step()
        at, t0 = self.s.clock(), self.s.timer()
        step = self.engine.step(self.state)
        if isinstance(step, m.Check):
            self.console.write(render.checking(step, self.s.lang, self.state.vars))
        if isinstance(step, m.Diagnose):
            self.console.write(render.diagnosing(step, self.s.lang, self.state.vars))
        self.state, event = self.engine.advance(self.state)
        if event.result is not None and event.kind == "diagnose":
            self.console.write(render.verdict_lines(event.result, self.s.lang, event.answer))
        elif event.result is not None:
            self.console.write(render.result_lines(event.result, self.s.lang))
        self._record(event, at, t0)
        return None

    def _answered_step(self) -> str | None:
        at, t0 = self.s.clock(), self.s.timer()
        options = self.engine.options(self.state)
        step = self.engine.step(self.state)
        self.console.write(render.question(step, options, self.s.lang, self.state.vars))
        key = self._interactive(step, options) if self.s.answers is None else self._scripted(step, options)
        if key == QUIT:
            return QUIT
        if key == BACK:
            return self._back(at, t0)
        self.state, event = self.engine.answer(self.state, key)
        self._record(event, at, t0)
        return None

    def _back(self, at: dt.datetime, t0: float) -> None:
        went = self.engine.back(self.state)
        if went is None:
            self.console.write([text("pb.run.at_start", self.s.lang)])
            return None
        self.state, event = went
        self._record(event, at, t0)
        return None

    # --- answers --------------------------------------------------------------------------

    def _interactive(self, step: m.Step, options) -> str:
        if isinstance(step, m.Count):
            return self._number(step)
        if isinstance(step, m.Info):
            prompt = text("pb.run.prompt_info", self.s.lang)
        else:
            prompt = text("pb.run.prompt", self.s.lang, count=len(options))
        while True:
            raw = self.console.read(prompt).lower()
            if raw in (BACK, QUIT):
                return raw
            if isinstance(step, m.Info) and raw in ("", "1"):
                return "next"
            number = m.whole_number(raw)
            if number is not None and 1 <= number <= len(options):
                return options[number - 1].key
            self.console.write([text("pb.run.bad_choice", self.s.lang, count=len(options))])

    def _number(self, step: m.Count) -> str:
        prompt = text("pb.run.prompt_count", self.s.lang, low=step.minimum, high=step.maximum)
        while True:
            raw = self.console.read(prompt).strip().lower()
            if raw in (BACK, QUIT) or step.accepts(raw):
                return raw
            self.console.write([text("pb.run.bad_count", self.s.lang, low=step.minimum, high=step.maximum)])

    def _scripted(self, step: m.Step, options) -> str:
        if isinstance(step, m.Info):
            return "next"
        key = self.s.answers.take(step.id)
        if key is None:
            self._stop("missing_answer")
            allowed = ", ".join(o.key for o in options) or "—"
            raise UsageError("pb.run.missing_answer", step=step.id, allowed=allowed)
        if isinstance(step, m.Count):
            self.console.write([f"> {key}"])
            return key
        chosen = next((n for n, o in enumerate(options, 1) if o.key == key), None)
        if chosen is not None:
            self.console.write([f"> {chosen}. {render.fill(options[chosen - 1].label, self.s.lang, self.state.vars)}"])
        return key

    # --- records ----------------------------------------------------------------------------

    def _record(self, event: Event, at: dt.datetime, t0: float) -> None:
        self.transcript.record(event, at, max(0.0, self.s.timer() - t0))

    def _finish(self) -> dict[str, Any]:
        end = self.engine.outcome(self.state)
        self.console.write(render.outcome_lines(end, self.s.lang, self.state.vars, self.s.contacts, self.s.profile))
        self.transcript.record(Event(end.id, "end", "end"), self.s.clock(), 0.0)
        self.transcript.close(self.s.clock(), dict(self.state.vars), tr.ended(end, dict(self.s.contacts)))
        self._write_transcript()
        store.forget_progress(self.engine.playbook.id)
        return self.transcript.outcome

    def _stop(self, reason: str) -> dict[str, Any]:
        """Save the transcript so far and the progress, so --resume can continue."""
        self.transcript.close(self.s.clock(), dict(self.state.vars), tr.stopped(self.state.step, reason))
        self._write_transcript()
        playbook = self.engine.playbook
        progress = {
            "playbook": {"id": playbook.id, "version": playbook.version, "sha256": playbook.sha256,
                         "path": str(playbook.path)},
            "state": self.state.to_dict(), "transcript": self.transcript.to_dict(),
            "transcript_path": str(self.path),
        }
        saved = store.save_progress(playbook.id, progress)
        self.s.notify(text("pb.run.saved", self.s.lang, path=str(saved)))
        return self.transcript.outcome

    def _write_transcript(self) -> None:
        store.write_json(self.path, self.transcript.to_dict())
        self.s.notify(text("pb.run.transcript", self.s.lang, path=str(self.path)))
        if self.transcript.outcome is not None:   # a finished or stopped run is evidence of the open visit
            from kfield.visit.visits import attach, short

            filed = attach("transcript", self.transcript.to_dict())
            if filed:
                self.s.notify(text("visit.attach_failed" if filed == "error" else "visit.attached", self.s.lang,
                                   visit=short(filed)))


def exit_code(outcome: Mapping[str, Any]) -> int:
    """0 fixed (or stopped on purpose with q, or handed over: the next playbook decides), 1 escalated or not fixed."""
    return 1 if outcome["kind"] in ("escalate", "not_fixed") else 0
