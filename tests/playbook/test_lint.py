import shutil

import pytest

from kfield.playbook.lint import lint_file, lint_paths
from tests.playbook.conftest import BAD, GOOD, ROLES, SHORT, SIGNING


def _keys(findings):
    return [(f.line, f.column, f.message.key) for f in findings]


def test_the_samples_are_clean_with_a_profile_that_has_their_contacts():
    assert lint_paths(sorted(GOOD.glob("*.yaml")), ROLES, "playbook-tests") == []


def test_contacts_missing_from_the_profile_are_findings():
    _, findings = lint_file(SIGNING, set(), "commune-office")
    assert [f.message.params["role"] for f in findings] == ["provincial_it", "provincial_ca"]
    assert {f.message.key for f in findings} == {"pb.lint.unknown_contact"}


@pytest.mark.parametrize("name, expected", [
    ("unreachable.yaml", [(12, 3, "pb.lint.unreachable")]),
    ("dead-end.yaml", [(14, 3, "pb.lint.dead_end")]),
    ("trapped-cycle.yaml", [(14, 3, "pb.lint.trapped_cycle")]),
    ("unknown-contact.yaml", [(12, 3, "pb.lint.unknown_contact")]),
    ("unknown-step.yaml", [(11, 11, "pb.unknown_step")]),
    ("missing-translation.yaml", [(11, 7, "schema.missing")]),
    ("unknown-check.yaml", [(10, 12, "schema.choice")]),
    ("duplicate-step.yaml", [(12, 3, "schema.duplicate")]),
    ("syntax.yaml", [(0, 0, "schema.yaml_syntax")]),
])
def test_each_malformed_fixture_gives_its_finding(name, expected):
    _, findings = lint_file(BAD / name, ROLES, "playbook-tests")
    assert _keys(findings) == expected
    assert all(f.file.endswith(name) for f in findings)


def test_trapped_cycle_names_every_step_of_the_cycle_once():
    _, findings = lint_file(BAD / "trapped-cycle.yaml", ROLES, "p")
    assert findings[0].message.params["steps"] == "spin-a, spin-b"


def test_a_cycle_with_a_way_out_is_fine():
    _, findings = lint_file(SIGNING, ROLES, "p")  # signed-now → retry → allow-lna loops, with exits
    assert findings == []


def _variant(tmp_path, source, old, new, name=None):
    path = tmp_path / (name or source.name)
    text = source.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_empty_and_untranslated_texts_and_placeholder_mismatch(tmp_path):
    path = _variant(tmp_path, SIGNING, "en: Which browser does the official sign in?",
                    "en: Cán bộ đang dùng trình duyệt nào để ký?")
    path = _variant(tmp_path, path, "en: Signing works in {browser}.", "en: Signing works.")
    path = _variant(tmp_path, path, "vi: Ký thử lại một văn bản. Đã ký được chưa?", "vi: ' '")
    _, findings = lint_file(path, ROLES, "p")
    assert sorted(f.message.key for f in findings) == [
        "pb.lint.empty_text", "pb.lint.placeholders", "pb.lint.untranslated"]


def test_switch_case_that_no_answer_sets(tmp_path):
    path = _variant(tmp_path, SIGNING, "      Edge: allow-lna\n", "      Edge: allow-lna\n      Opera: allow-lna\n")
    _, findings = lint_file(path, ROLES, "p")
    assert [(f.message.key, f.message.params["value"]) for f in findings] == [("pb.lint.case_never_set", "Opera")]


def test_file_name_must_match_the_id(tmp_path):
    path = tmp_path / "printer.yaml"
    shutil.copy(SHORT, path)
    _, findings = lint_file(path, ROLES, "p")
    assert [f.message.key for f in findings] == ["pb.lint.file_name"]


def test_the_same_id_in_two_files_is_a_finding(tmp_path):
    (tmp_path / "copy").mkdir()
    twin = tmp_path / "copy" / "sample-short.yaml"
    shutil.copy(SHORT, twin)
    findings = lint_paths([SHORT, twin], ROLES, "p")
    assert [(f.file, f.message.key) for f in findings] == [(str(twin), "pb.lint.duplicate_id")]
    assert findings[0].message.params["other"] == str(SHORT)


def test_describe_renders_one_line_in_each_language():
    _, findings = lint_file(BAD / "unreachable.yaml", ROLES, "p")
    assert findings[0].describe("en").endswith('unreachable.yaml:12:3: step "orphan" cannot be reached from the start')
    assert "không thể tới được" in findings[0].describe("vi")
