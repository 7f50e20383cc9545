"""Run checks concurrently, honouring prerequisites, per-check timeouts and a deadline.

The runner yields Results as they finish and never prints; progress goes to an
observer. Checks run in daemon threads so that one that hangs past its timeout is
reported as an error and abandoned without keeping the process alive.

Map: concurrent runner: prerequisites (a failed one skips its dependants with the root cause in words),
per-check timeouts, overall deadline, observer for progress
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from typing import Any, Iterable, Iterator, Mapping, Protocol

from kfield.core import result as r
from kfield.core.errors import CommandFailed, KfieldError, NotSupported
from kfield.core.registry import CheckSpec

PLATFORM_NAMES = {"windows": "Windows", "linux": "Linux", "macos": "macOS"}
BLOCKING = (r.Status.FAIL, r.Status.ERROR, r.Status.SKIP)


class Observer(Protocol):
    def planned(self, specs: list[CheckSpec]) -> None: ...
    def started(self, spec: CheckSpec) -> None: ...
    def finished(self, result: r.Result) -> None: ...


class NullObserver:
    def planned(self, specs):
        pass

    def started(self, spec):
        pass

    def finished(self, result):
        pass


def platform_name() -> str:
    if sys.platform == "win32":
        return "windows"
    return "macos" if sys.platform == "darwin" else "linux"


def call_check(spec: CheckSpec, inputs: Mapping[str, Any], admin: bool, platform: str | None = None) -> r.Result:
    """Run one check synchronously; any exception becomes an error Result. On `platform` its remedy
    is that platform's wording when the catalogue has one (`for_platform`)."""
    started = time.perf_counter()
    try:
        outcome = spec.func(**{name: inputs[name] for name in spec.inputs if name in inputs})
        if not isinstance(outcome, r.Result):
            outcome = r.error("core.error.bad_return", type=type(outcome).__name__)
    except NotSupported as exc:
        outcome = r.skip(exc.key, **exc.params)
    except CommandFailed as exc:
        outcome = r.error("platform.command_failed", program=exc.argv[0], reason=exc.reason)
    except KfieldError as exc:
        outcome = r.error(exc.message.key, **dict(exc.message.params))
    except Exception as exc:  # a check's bug must not stop the others
        outcome = r.error("core.error.crashed", error=f"{type(exc).__name__}: {exc}")
    outcome = for_platform(outcome, platform) if platform else outcome
    return outcome.stamped(spec.id, time.perf_counter() - started, admin)


def for_platform(result: r.Result, platform: str) -> r.Result:
    """The remedy in the words for this platform when the catalogue has them (`<key>.linux`): the
    Windows steps most remedies give (Task Manager, Settings → …) are no use on a Linux laptop."""
    from dataclasses import replace

    from kfield.core.i18n import catalogue

    if result.remedy is None or f"{result.remedy.key}.{platform}" not in catalogue():
        return result
    return replace(result, remedy=r.Message(f"{result.remedy.key}.{platform}", result.remedy.params))


def pre_skip(spec: CheckSpec, done: Mapping[str, r.Result], admin: bool, platform: str) -> r.Result | None:
    """The skip a check gets before it runs: wrong platform, no rights, prerequisite."""
    if spec.platforms and platform not in spec.platforms:
        names = ", ".join(PLATFORM_NAMES.get(p, p) for p in spec.platforms)
        return r.skip("core.skip.platform", platforms=names)
    if spec.admin and not admin:
        return r.skip("core.skip.admin")
    for need in spec.requires:
        if need in done and done[need].status in BLOCKING:
            return _blocked(need, done[need])
    return None


def _blocked(need: str, prior: r.Result) -> r.Result:
    """Skipped because a prerequisite failed, in words that name the root cause: a prerequisite
    skipped for its own prerequisite passes that reason on ("the router does not answer")."""
    from kfield.core.registry import CHECKS

    if prior.status is r.Status.SKIP and prior.summary.key.startswith("core.skip.gate."):
        return r.skip(prior.summary.key, **dict(prior.summary.params))
    gate = CHECKS[need].gate if need in CHECKS else ""
    if gate and prior.status is not r.Status.SKIP:
        return r.skip(gate, **{**prior.summary.params, "check": need})
    return r.skip("core.skip.requires", check=need, status=prior.status.value)


class _Run:
    def __init__(self, specs, inputs, observer, admin, max_workers, deadline_s, platform, prior=None):
        self.specs = {s.id: s for s in specs}
        self.waiting = list(specs)
        self.inputs, self.observer, self.admin = inputs, observer, admin
        self.max_workers, self.platform = max_workers, platform
        self.deadline = time.monotonic() + deadline_s if deadline_s else None
        self.done: dict[str, r.Result] = dict(prior or {})  # earlier results prerequisites may name
        self.running: dict[str, float] = {}
        self.queue: queue.Queue = queue.Queue()

    def results(self) -> Iterator[r.Result]:
        while self.waiting or self.running:
            yield from self._start_ready()
            if not self.running:
                continue
            yield from self._collect(self._wait_time())

    def _ready(self, spec: CheckSpec) -> bool:
        return all(need in self.done or need not in self.specs for need in spec.requires)

    def _start_ready(self) -> Iterator[r.Result]:
        for spec in [s for s in self.waiting if self._ready(s)]:
            if len(self.running) >= self.max_workers:
                break
            self.waiting.remove(spec)
            skipped = pre_skip(spec, self.done, self.admin, self.platform)
            if skipped is not None:
                yield self._finish(skipped.stamped(spec.id, 0.0, self.admin))
            else:
                self._launch(spec)
        if self.waiting and not self.running and not any(self._ready(s) for s in self.waiting):
            raise RuntimeError("prerequisite cycle among " + ", ".join(s.id for s in self.waiting))

    def _launch(self, spec: CheckSpec) -> None:
        self.observer.started(spec)
        self.running[spec.id] = time.monotonic()
        worker = threading.Thread(target=self._work, args=(spec,), name=f"check-{spec.id}", daemon=True)
        worker.start()

    def _work(self, spec: CheckSpec) -> None:
        self.queue.put((spec.id, call_check(spec, self.inputs, self.admin, self.platform)))

    def _wait_time(self) -> float:
        ends = [t0 + self.specs[i].timeout for i, t0 in self.running.items()]
        if self.deadline:
            ends.append(self.deadline)
        return max(0.0, min(ends) - time.monotonic())

    def _collect(self, wait: float) -> Iterator[r.Result]:
        try:
            check_id, outcome = self.queue.get(timeout=wait)
        except queue.Empty:
            yield from self._expire()
            return
        if check_id in self.running:  # a late answer from an abandoned check is dropped
            del self.running[check_id]
            yield self._finish(outcome)

    def _expire(self) -> Iterator[r.Result]:
        now = time.monotonic()
        past_deadline = self.deadline is not None and now >= self.deadline
        for check_id, t0 in list(self.running.items()):
            timeout = self.specs[check_id].timeout
            if past_deadline or now - t0 >= timeout:
                del self.running[check_id]
                seconds = round(now - t0) if past_deadline else timeout
                outcome = r.error("core.error.timeout", seconds=f"{seconds:g}")
                yield self._finish(outcome.stamped(check_id, now - t0, self.admin))
        if past_deadline:
            for spec in self.waiting:
                yield self._finish(r.skip("core.skip.deadline").stamped(spec.id, 0.0, self.admin))
            self.waiting = []

    def _finish(self, outcome: r.Result) -> r.Result:
        self.done[outcome.check_id] = outcome
        self.observer.finished(outcome)
        return outcome


def order(specs: Iterable[CheckSpec]) -> list[CheckSpec]:
    """Registry order, which is stable and keeps each area together."""
    return sorted(specs, key=lambda s: s.id)


def run(
    specs: Iterable[CheckSpec],
    inputs: Mapping[str, Any],
    *,
    observer: Observer | None = None,
    admin: bool = False,
    max_workers: int = 8,
    deadline_s: float | None = None,
    platform: str | None = None,
    prior: Mapping[str, r.Result] | None = None,
) -> Iterator[r.Result]:
    """Yield one Result per check, in completion order. ``prior`` holds results of an
    earlier run that these checks' prerequisites may refer to (they are not yielded)."""
    planned = order(specs)
    observer = observer or NullObserver()
    observer.planned(planned)
    job = _Run(planned, inputs, observer, admin, max_workers, deadline_s, platform or platform_name(), prior)
    yield from job.results()
