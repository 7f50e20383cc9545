import datetime as dt
import itertools
import json
from pathlib import Path

import jsonschema
import pytest

from kfield.core.errors import UsageError
from kfield.core.schema import SchemaError
from kfield.playbook import loader, store
from kfield.playbook import session as s
from kfield.playbook.engine import Engine
from kfield.playbook.paths import all_paths
from kfield.playbook.transcript import SCHEMA
from tests.playbook.conftest import SHORT, SIGNING, FakeChecks

ROOT = Path(__file__).resolve().parent.parent.parent
CONTACTS = {"provincial_ca": {"vi": "Đầu mối CA", "en": "CA contact"},
            "provincial_it": {"vi": "Cán bộ CNTT", "en": "IT officer"}}


class ScriptConsole:
    """A console whose keyboard is a list; an exception in the list is raised instead."""

    def __init__(self, *keys):
        self.keys, self.out = list(keys), []

    def write(self, lines):
        self.out += lines

    def read(self, prompt):
        self.out.append(prompt)
        if not self.keys:
            raise EOFError
        key = self.keys.pop(0)
        if isinstance(key, BaseException):
            raise key
        return key


def _clock():
    ticks = itertools.count()
    start = dt.datetime(2025, 11, 3, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    return lambda: start + dt.timedelta(seconds=next(ticks))


def _session(path=SIGNING, checks=None, console=None, answers=None, transcript=None):
    timer = itertools.count(0, 0.5)
    settings = s.Settings("vi", "playbook-tests", CONTACTS, answers, transcript,
                          clock=_clock(), timer=lambda: next(timer))
    return s.Session(Engine(loader.load(path), checks or FakeChecks()), console or ScriptConsole(), settings)


def _transcript(session):
    data = json.loads(session.path.read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    return data


PATHS, _ = all_paths(loader.load(SIGNING))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: "-".join(p.steps()))
def test_answers_file_runs_through_every_path(tmp_path, path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"- {key}\n" for key in path.answers()), encoding="utf-8")
    session = _session(checks=FakeChecks(*path.statuses()),
                       answers=s.load_answers(answers, loader.load(SIGNING)))
    outcome = session.run()
    assert (outcome["kind"], outcome["step"], outcome["contact"]) == (path.outcome, path.end, path.contact)
    data = _transcript(session)
    assert [e["step"] for e in data["steps"]] == path.steps()
    assert data["mode"] == "scripted" and data["steps"][-1]["action"] == "end"
    assert not store.progress_path("sample-signing").exists()


def test_mapping_answers_with_one_answer_per_visit(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"which-browser": "edge", "allow-lna": ["done", "not_done"],
                                   "signed-now": "retry", "token-pin": "locked"}), encoding="utf-8")
    session = _session(answers=s.load_answers(answers, loader.load(SIGNING)), checks=FakeChecks("ok"))
    outcome = session.run()
    assert outcome["kind"] == "escalate" and outcome["contact_text"] == CONTACTS["provincial_ca"]
    data = _transcript(session)
    assert [e["answer"] for e in data["steps"] if e["step"] == "allow-lna"] == ["done", "not_done"]
    assert data["variables"] == {"browser": "Edge"}
    check = next(e for e in data["steps"] if e["kind"] == "check")
    assert check["result"]["check_id"] == "PC001" and check["result"]["evidence"] == []


def test_yes_in_an_answers_file_is_the_choice_yes(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("which-browser: chrome\nallow-lna: done\nsigned-now: yes\n", encoding="utf-8")
    assert _session(answers=s.load_answers(answers, loader.load(SIGNING))).run()["kind"] == "fixed"


def test_a_missing_answer_is_a_clear_error_and_progress_is_kept(tmp_path):
    session = _session(answers=s.Answers(in_order=["chrome"]))
    with pytest.raises(UsageError) as caught:
        session.run()
    assert caught.value.message.key == "pb.run.missing_answer"
    assert caught.value.message.params == {"step": "allow-lna", "allowed": "done, not_done"}
    assert _transcript(session)["outcome"]["reason"] == "missing_answer"
    assert store.load_progress("sample-signing")["state"]["step"] == "allow-lna"


@pytest.mark.parametrize("content, key", [
    ("nowhere: x\n", "pb.answers.unknown_step"),
    ("power: {a: b}\n", "schema.expected"),
    ("- on\n- [x]\n", "schema.expected"),
])
def test_bad_answers_files(tmp_path, content, key):
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError if key.startswith("pb.") else SchemaError) as caught:
        s.load_answers(path, loader.load(SHORT))
    message = caught.value.issues[0].message if isinstance(caught.value, SchemaError) else caught.value.message
    assert message.key == key


def test_an_endless_scripted_loop_stops(tmp_path):
    session = _session(answers=s.Answers(by_step={"which-browser": "chrome", "allow-lna": "done",
                                                  "signed-now": "retry"}))
    with pytest.raises(UsageError) as caught:
        session.run()
    assert caught.value.message.key == "pb.run.too_long"


def test_interactive_numbers_bad_input_back_quit_then_resume(tmp_path):
    console = ScriptConsole("b", "9", "abc", "3", "", "b", "b", "2", "q")
    first = _session(console=console, checks=FakeChecks("ok", "ok"))
    outcome = first.run()
    assert outcome == {"kind": "incomplete", "step": "allow-lna", "contact": None, "contact_text": None,
                       "reason": "quit"}
    shown = "\n".join(console.out)
    assert "Đây là bước đầu tiên" in shown and shown.count("Hãy nhập một số từ 1 đến 3") == 2
    assert "Trên Edge: bấm biểu tượng ổ khóa" in shown
    data = _transcript(first)
    assert [(e["step"], e["action"]) for e in data["steps"]] == [
        ("which-browser", "answer"), ("os-check", "check"), ("lna-branch", "switch"),
        ("use-chromium", "answer"), ("allow-lna", "back"), ("use-chromium", "back"),
        ("which-browser", "answer"), ("os-check", "check"), ("lna-branch", "switch")]

    second = _session(console=ScriptConsole("1", "1"), checks=FakeChecks())
    second.resume()
    assert second.run()["kind"] == "fixed"
    final = _transcript(second)
    assert second.path == first.path and final["run_id"] == data["run_id"] and len(final["resumed"]) == 1
    assert final["steps"][-1]["step"] == "fixed" and final["variables"] == {"browser": "Edge"}
    assert not store.progress_path("sample-signing").exists()


def test_ctrl_c_saves_progress_and_lets_the_interrupt_through():
    session = _session(console=ScriptConsole("1", KeyboardInterrupt()), checks=FakeChecks("ok"))
    with pytest.raises(KeyboardInterrupt):
        session.run()
    assert _transcript(session)["outcome"]["reason"] == "interrupted"
    assert store.load_progress("sample-signing")["state"]["step"] == "allow-lna"


def test_closed_input_is_an_error_not_a_hang():
    session = _session(console=ScriptConsole())
    with pytest.raises(UsageError) as caught:
        session.run()
    assert caught.value.message.key == "pb.run.no_input"


def test_resume_without_saved_progress_or_after_the_playbook_changed(tmp_path):
    with pytest.raises(UsageError) as caught:
        _session().resume()
    assert caught.value.message.key == "pb.resume.none"
    _session(console=ScriptConsole("q")).run()
    edited = tmp_path / "sample-signing.yaml"
    edited.write_text(SIGNING.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        _session(path=edited).resume()
    assert caught.value.message.key == "pb.resume.changed"


def test_transcript_path_option_and_timing(tmp_path):
    target = tmp_path / "out" / "run.json"
    session = _session(path=SHORT, console=ScriptConsole("1", "1"), transcript=target)
    assert session.run()["kind"] == "fixed"
    data = _transcript(session)
    assert session.path == target
    assert data["started"] == "2025-11-03T08:00:00+07:00" and data["lang"] == "vi"
    assert [e["elapsed_s"] for e in data["steps"]] == [0.5, 0.5, 0.0]
    assert data["playbook"]["id"] == "sample-short" and data["playbook"]["version"] == 1


def test_published_transcript_schema_is_current_and_valid():
    published = json.loads((ROOT / "docs" / "transcript.schema.json").read_text(encoding="utf-8"))
    assert published == SCHEMA, "docs/transcript.schema.json is stale: kfield playbook schema --transcript -o docs/transcript.schema.json"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_write_json_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "t.json"
    store.write_json(target, {"a": 1})

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)   # the one atomic writer, kfield.core.atomic
    with pytest.raises(UsageError):
        store.write_json(target, {"a": 2})
    assert json.loads(target.read_text(encoding="utf-8")) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temp file left behind


def test_data_dir_from_the_environment_or_platformdirs(tmp_path):
    assert store.data_dir({"KFIELD_DATA_DIR": str(tmp_path)}) == tmp_path
    assert store.data_dir({}).name.lower() == "kfield"


def test_exit_codes():
    assert s.exit_code({"kind": "fixed"}) == 0 and s.exit_code({"kind": "incomplete"}) == 0
    assert s.exit_code({"kind": "escalate"}) == 1 and s.exit_code({"kind": "not_fixed"}) == 1
