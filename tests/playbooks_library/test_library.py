"""The bundled playbook library: loads, lints clean, every path ends, both languages."""

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from kfield.core import profile
from kfield.core.i18n import catalogue
from kfield.playbook import loader
from kfield.playbook import session as s
from kfield.playbook.docs import library_markdown
from kfield.playbook.engine import Engine
from kfield.playbook.lint import lint_paths
from kfield.playbook.paths import all_paths
from kfield.playbook.transcript import SCHEMA
from tests.playbook.conftest import FakeChecks, data_dir  # noqa: F401 (autouse fixture)
from tests.playbook.test_session import ScriptConsole

ROOT = Path(__file__).resolve().parent.parent.parent
FILES = loader.bundled()
PLAYBOOKS = {p.stem: loader.load(p) for p in FILES}
DEFAULT = profile.load_profile(None)
VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
CASES = [(pid, path) for pid, pb in PLAYBOOKS.items() for path in all_paths(pb)[0]]


def test_no_playbook_has_more_paths_than_the_tests_can_walk():
    truncated = [pid for pid, pb in PLAYBOOKS.items() if all_paths(pb)[1]]
    assert not truncated, f"paths cut off by the bound, so not every path is tested: {truncated}"


def test_the_library_covers_the_campaign_systems():
    assert len(PLAYBOOKS) >= 20
    systems = {pb.system for pb in PLAYBOOKS.values()}
    assert systems >= {"signing", "eoffice", "pakn", "kpi", "dvc", "vneid", "scan", "printer", "security", "network",
                       "training"}


def test_every_playbook_lints_clean_with_the_default_profile():
    findings = lint_paths(FILES, set(DEFAULT.contacts), DEFAULT.id)
    assert not findings, [f"{f.file}:{f.line} {f.message.key}" for f in findings]


def test_escalation_roles_are_defined_in_the_default_profile():
    used = {step.contact for pb in PLAYBOOKS.values() for step in pb.steps.values()
            if getattr(step, "contact", None)}
    assert used and used <= set(DEFAULT.contacts)


@pytest.mark.parametrize("pid", sorted(PLAYBOOKS))
def test_vietnamese_differs_from_english_and_has_diacritics(pid):
    for text in PLAYBOOKS[pid].texts():
        assert text.vi != text.en or not re.search(r"[a-z]{4}", text.en), (pid, text.en)
        words = re.sub(r"\{\w+\}|[A-Z]\w*|\W|\d", " ", text.vi)
        if len(words.split()) >= 3:  # names like "Google Chrome" need no diacritics
            assert VI_LETTERS & set(text.vi.lower()), (pid, text.vi)


@pytest.mark.parametrize("pid", sorted(PLAYBOOKS))
def test_each_playbook_as_a_whole_is_vietnamese_and_english(pid):
    vi = " ".join(t.vi for t in PLAYBOOKS[pid].texts())
    en = " ".join(t.en for t in PLAYBOOKS[pid].texts())
    assert vi != en
    assert len(VI_LETTERS & set(vi.lower())) >= 5, pid  # real Vietnamese, not one stray letter
    assert not VI_LETTERS & set(en.lower()), pid  # no Vietnamese left in the English side


@pytest.mark.parametrize("pid", sorted(PLAYBOOKS))
def test_playbooks_named_in_texts_exist(pid):
    for text in PLAYBOOKS[pid].texts():
        for named in re.findall(r"\(([a-z]+(?:-[a-z]+)+)\)", text.en):
            assert named in PLAYBOOKS, (pid, named)


def test_every_check_step_names_a_registered_check():
    from kfield.core.registry import load_all

    checks = load_all()
    used = {step.check for pb in PLAYBOOKS.values() for step in pb.steps.values() if getattr(step, "check", None)}
    assert used and used <= set(checks)


@pytest.mark.parametrize("pid, path", CASES, ids=[f"{pid}:{i}" for i, (pid, _) in enumerate(CASES)])
def test_every_path_runs_to_its_end(tmp_path, pid, path):
    ticks = itertools.count()
    settings = s.Settings("vi", DEFAULT.id, DEFAULT.contacts, s.Answers(in_order=path.answers()),
                          tmp_path / "t.json", timer=lambda: next(ticks))
    session = s.Session(Engine(PLAYBOOKS[pid], FakeChecks(*path.statuses())), ScriptConsole(), settings)
    outcome = session.run()
    assert (outcome["kind"], outcome["step"], outcome["contact"]) == (path.outcome, path.end, path.contact)
    transcript = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert [e["step"] for e in transcript["steps"]] == path.steps()
    if pid == "sign-cannot-sign" or len(CASES) < 400:
        jsonschema.validate(transcript, SCHEMA)


def test_docs_playbooks_md_is_current():
    committed = (ROOT / "docs" / "playbooks.md").read_text(encoding="utf-8")
    assert committed == library_markdown(), "docs/playbooks.md is stale: run python -m kfield.playbook.docs"


@pytest.mark.parametrize("lang, word", [("vi", "Token đã bị khóa"), ("en", "The token is locked")])
def test_real_command_runs_a_playbook_in_both_languages(tmp_path, lang, word):
    answers = tmp_path / "answers.yaml"
    answers.write_text("- yes\n", encoding="utf-8")
    env = {**os.environ, "KFIELD_DATA_DIR": str(tmp_path / "data"), "KFIELD_NO_PROGRESS": "1"}
    done = subprocess.run([sys.executable, "-m", "kfield", "playbook", "run", "sign-wrong-pin", "--answers",
                           str(answers), "--lang", lang], capture_output=True, text=True, env=env, timeout=120,
                          stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # escalated
    assert word in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert catalogue()  # the catalogue loads alongside the library


def test_training_session_records_topic_and_number_of_officials(tmp_path):
    checklist = dict.fromkeys(("prepare", "scams", "passwords", "platforms"), "done")
    answers = s.Answers(by_step={"topic": "cybersecurity", "officials": "23", "evaluate": "most", **checklist})
    settings = s.Settings("vi", DEFAULT.id, DEFAULT.contacts, answers, tmp_path / "t.json")
    session = s.Session(Engine(PLAYBOOKS["training-session"], FakeChecks()), ScriptConsole(), settings)
    assert session.run()["kind"] == "fixed"
    transcript = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert transcript["variables"] == {"topic": "cybersecurity", "officials": "23"}
