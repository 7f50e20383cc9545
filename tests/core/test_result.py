import dataclasses

import pytest

from kfield.core import result as r


def test_result_is_frozen_and_params_immutable():
    res = r.ok("k", value=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.status = r.Status.FAIL
    with pytest.raises(TypeError):
        res.summary.params["value"] = 2


def test_to_dict_round_trip_shape():
    res = r.warn("k", evidence=(r.measure("free", 1.5, "GB"),), remedy="fix.it", n=2).stamped("PC004", 0.12345, True)
    assert res.to_dict() == {
        "check_id": "PC004", "status": "warn", "summary": {"key": "k", "params": {"n": 2}},
        "evidence": [{"name": "free", "value": 1.5, "unit": "GB"}],
        "remedy": {"key": "fix.it", "params": {}}, "duration_s": 0.123, "admin": True,
    }


def test_worst_orders_fail_above_error_above_warn():
    results = [r.ok("a"), r.skip("b"), r.warn("c")]
    assert r.worst(results) is r.Status.WARN
    assert r.worst(results + [r.error("d"), r.fail("e")]) is r.Status.FAIL
    assert r.worst([]) is None
