"""The real check runner for check steps: the profile's parameters, overridden by the
step's own, on this machine; prerequisites run first so their skips apply."""

from __future__ import annotations

from typing import Any, Mapping

from kfield.core import registry, runner
from kfield.core.result import Result
from kfield.playbook import model as m


def real_runner(params: Mapping[str, Any], host: Any, admin: bool, platform: str | None = None):
    """A ``run_check(step)`` for the engine. The core runner applies the check's
    timeout, platform and admin skips, so a hanging check cannot freeze a session."""

    def run_check(step: m.Check | m.Diagnose) -> Result:
        if isinstance(step, m.Diagnose):
            return diagnose(params, host, admin, platform)
        inputs = {**params, **step.params, "host": host}
        specs = registry.with_prerequisites([step.check])
        results = runner.run(specs, inputs, admin=admin, platform=platform)
        return next(r for r in results if r.check_id == step.check)

    return run_check


def diagnose(params: Mapping[str, Any], host: Any, admin: bool, platform: str | None = None) -> Result:
    """`kfield diagnose` for a diagnose step, as a Result: the reason as summary, the place
    as ``diag_place`` evidence, then the checks the verdict rests on."""
    from kfield.core.result import fail, measure, ok
    from kfield.diagnose import engine

    verdict = engine.decide(engine.run_checks({**params, "host": host}, admin, platform=platform))
    evidence = (measure("diag_place", verdict.place),) + tuple(
        measure("diag_check", f"{r.check_id}: {r.status.value}") for r in verdict.evidence)
    make = fail if verdict.alarm else ok
    return make(verdict.reason.key, evidence=evidence, **dict(verdict.reason.params)).stamped("DIAGNOSE", 0.0, admin)
