from pathlib import Path

import pytest

from kfield.core.i18n import catalogue
from kfield.core.schema import SchemaError
from kfield.diagnose import rules


def test_bundled_rules_load():
    loaded = rules.load()
    assert loaded.rules and all(r.place in rules.PLACES for r in loaded.rules)


def test_every_reason_and_place_has_words_in_both_languages():
    keys = {r.reason for r in rules.load().rules} | {f"diag.place.{p}" for p in (*rules.PLACES, "healthy", "unknown")}
    assert not [k for k in keys if k not in catalogue()]


def test_every_next_step_is_a_bundled_playbook():
    from kfield.core.paths import bundled_dir

    names = {p.stem for p in bundled_dir("playbooks").glob("*.yaml")}
    assert not [r.next for r in rules.load().rules if r.next and r.next not in names]


def test_every_contact_role_is_in_the_commune_office_profile():
    from kfield.core import profile

    roles = set(profile.load_profile("commune-office").contacts)
    assert {r.contact for r in rules.load().rules if r.contact} <= roles
    assert all(r.next or r.contact for r in rules.load().rules)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    return path


def test_bad_rule_files_are_refused_with_file_line(tmp_path):
    path = write(tmp_path, "version: 1\nchecks: [LAN001]\nrules:\n  - place: moon\n    reason: diag.reason.x\n"
                           "    next: net-slow\n    when: {LAN001: {status: [fail]}}\n")
    with pytest.raises(SchemaError) as caught:
        rules.load.__wrapped__(path)
    assert caught.value.issues[0].location().startswith(f"{path}:4:")


def test_a_rule_on_an_unlisted_check_or_without_conditions_is_refused(tmp_path):
    path = write(tmp_path, "version: 1\nchecks: [LAN001]\nrules:\n  - place: gateway\n    reason: diag.reason.x\n"
                           "    next: net-slow\n    when: {LAN003: {status: [fail]}}\n"
                           "  - place: gateway\n    reason: diag.reason.y\n    next: net-slow\n")
    with pytest.raises(SchemaError) as caught:
        rules.load.__wrapped__(path)
    keys = [issue.message.key for issue in caught.value.issues]
    assert "diag.rules.unlisted_check" in keys and "diag.rules.when_or_any" in keys
