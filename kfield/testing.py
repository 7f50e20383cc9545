"""Run one check alone with injected inputs (for tests and for playbooks).

Map: `compute_check(id, **inputs)`: run one check alone (tests, playbooks)
"""

from __future__ import annotations

from typing import Any

from kfield.core import registry
from kfield.core.result import Result
from kfield.core.runner import call_check, pre_skip, platform_name


def compute_check(check_id: str, *, admin: bool = False, platform: str | None = None, **inputs: Any) -> Result:
    """The check's Result with registry defaults for every parameter not given."""
    spec = registry.load_all()[check_id]
    values = {name: p.default for name, p in registry.PARAMS.items()}
    values.update(inputs)
    skipped = pre_skip(spec, {}, admin, platform or platform_name())
    if skipped is not None:
        return skipped.stamped(check_id, 0.0, admin)
    return call_check(spec, values, admin, platform or platform_name())
