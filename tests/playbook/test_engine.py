import pytest

from kfield.core.errors import UsageError
from kfield.playbook import loader
from kfield.playbook.engine import Engine
from tests.playbook.conftest import FakeChecks, SIGNING


@pytest.fixture(scope="module")
def playbook():
    return loader.load(SIGNING)


def test_answers_set_variables_and_checks_branch_by_status(playbook):
    checks = FakeChecks("ok")
    engine = Engine(playbook, checks)
    state = engine.start()
    assert engine.needs_answer(state) and [o.key for o in engine.options(state)] == ["chrome", "edge", "other"]
    state, event = engine.answer(state, "edge")
    assert (event.action, event.answer, state.step, state.vars["browser"]) == ("answer", "edge", "os-check", "Edge")
    state, event = engine.advance(state)
    assert event.result.status.value == "ok" and state.step == "lna-branch"
    assert checks.ran == [("PC001", {})]
    state, event = engine.advance(state)
    assert (event.action, event.answer, state.step) == ("switch", "Edge", "allow-lna")


@pytest.mark.parametrize("status, step", [("ok", "lna-branch"), ("warn", "lna-branch"), ("fail", "os-unsupported"),
                                          ("skip", "os-unsupported"), ("error", "os-unsupported")])
def test_every_status_has_a_branch(playbook, status, step):
    engine = Engine(playbook, FakeChecks(status))
    state, _ = engine.answer(engine.start(), "chrome")
    state, _ = engine.advance(state)
    assert state.step == step


def test_switch_default_for_a_value_without_a_case(playbook):
    engine = Engine(playbook, FakeChecks("ok"))
    state, _ = engine.answer(engine.start(), "other")
    state, _ = engine.advance(engine.advance(state)[0])
    assert state.step == "use-chromium" and [o.key for o in engine.options(state)] == ["next"]


def test_back_returns_to_the_last_answered_step_and_restores_variables(playbook):
    engine = Engine(playbook, FakeChecks("ok", "ok"))
    state = engine.start()
    assert engine.back(state) is None
    state, _ = engine.answer(state, "chrome")
    state = engine.advance(engine.advance(state)[0])[0]
    assert state.step == "allow-lna"
    state, event = engine.back(state)  # skips the check and the switch: they answer themselves
    assert (state.step, dict(state.vars), event.action) == ("which-browser", {"browser": "unknown"}, "back")


def test_do_and_end_and_outcome(playbook):
    engine = Engine(playbook, FakeChecks("ok"))
    state, _ = engine.answer(engine.start(), "chrome")
    state = engine.advance(engine.advance(state)[0])[0]
    assert [o.key for o in engine.options(state)] == ["done", "not_done"]
    state, _ = engine.answer(state, "done")
    state, _ = engine.answer(state, "yes")
    assert engine.finished(state) and engine.outcome(state).outcome == "fixed"
    assert engine.options(state) == ()


def test_bad_answers_and_wrong_calls_are_usage_errors(playbook):
    engine = Engine(playbook, FakeChecks())
    state = engine.start()
    with pytest.raises(UsageError) as caught:
        engine.answer(state, "safari")
    assert caught.value.message.params["allowed"] == "chrome, edge, other"
    with pytest.raises(UsageError):
        engine.advance(state)
    with pytest.raises(UsageError):
        engine.outcome(state)
    checking = engine.answer(state, "chrome")[0]
    with pytest.raises(UsageError):
        engine.answer(checking, "ok")  # a check step is answered by the check, not a person


def test_state_round_trips_through_its_dict_and_restore_refuses_unknown_steps(playbook):
    engine = Engine(playbook, FakeChecks("ok"))
    state, _ = engine.answer(engine.start(), "edge")
    assert engine.restore(state.to_dict()) == state
    broken = {**state.to_dict(), "step": "gone"}
    with pytest.raises(UsageError) as caught:
        engine.restore(broken)
    assert caught.value.message.key == "pb.resume.mismatch"
