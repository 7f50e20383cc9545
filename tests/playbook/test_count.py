"""The count step: a whole number typed by the person, kept in a variable."""

import pytest

from kfield.core.errors import UsageError
from kfield.core.schema import SchemaError
from kfield.playbook import loader
from kfield.playbook import session as s
from kfield.playbook.engine import Engine
from tests.playbook.conftest import FakeChecks
from tests.playbook.test_session import ScriptConsole

PLAYBOOK = """
format: 1
id: counting
version: 1
title: {vi: "Đếm cán bộ", en: "Count officials"}
summary: {vi: "Ghi số người tham dự", en: "Record attendance"}
system: training
vars: {officials: "0"}
start: how-many
steps:
  how-many:
    kind: count
    text: {vi: "Bao nhiêu cán bộ tham dự?", en: "How many officials took part?"}
    var: officials
    min: 1
    max: 50
    next: done
  done:
    kind: end
    outcome: fixed
    text: {vi: "Đã tập huấn {officials} cán bộ.", en: "{officials} officials trained."}
"""


@pytest.fixture
def counting(tmp_path):
    path = tmp_path / "counting.yaml"
    path.write_text(PLAYBOOK, encoding="utf-8")
    return loader.load(path)


def _session(playbook, tmp_path, console=None, answers=None):
    settings = s.Settings("vi", "test", {}, answers, tmp_path / "t.json")
    return s.Session(Engine(playbook, FakeChecks()), console or ScriptConsole(), settings)


def test_engine_accepts_numbers_in_range_only(counting):
    engine = Engine(counting, FakeChecks())
    state, event = engine.answer(engine.start(), "07")
    assert state.step == "done" and state.vars["officials"] == "7" and event.answer == "7"
    for bad in ("0", "51", "abc", "-3", ""):
        with pytest.raises(UsageError):
            engine.answer(engine.start(), bad)


def test_interactive_reprompts_until_a_valid_number(counting, tmp_path):
    console = ScriptConsole("many", "99", "12")
    outcome = _session(counting, tmp_path, console).run()
    assert outcome["kind"] == "fixed"
    shown = "\n".join(console.out)
    assert shown.count("Hãy nhập một số nguyên từ 1 đến 50") == 2 and "Đã tập huấn 12 cán bộ." in shown


def test_back_from_the_end_is_not_possible_but_back_at_start_is_reported(counting, tmp_path):
    console = ScriptConsole("b", "5")
    assert _session(counting, tmp_path, console).run()["kind"] == "fixed"
    assert any("Đây là bước đầu tiên" in line for line in console.out)


def test_scripted_answer_out_of_range_is_a_clear_error(counting, tmp_path):
    with pytest.raises(UsageError) as caught:
        _session(counting, tmp_path, answers=s.Answers(in_order=["500"])).run()
    assert caught.value.message.key == "pb.run.bad_answer"


def test_count_needs_a_declared_variable(tmp_path):
    path = tmp_path / "counting.yaml"
    path.write_text(PLAYBOOK.replace('vars: {officials: "0"}', "vars: {other: x}").replace("{officials}", "{other}"),
                    encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        loader.load(path)
    assert caught.value.issues[0].message.key == "pb.unknown_var"
