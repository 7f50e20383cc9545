import datetime as dt
import json

import jsonschema
import pytest
import yaml

from kfield.core.errors import ProfileError
from kfield.core.schema import SchemaError
from kfield.playbook import loader
from kfield.playbook import model as m
from tests.playbook.conftest import BAD, GOOD, SHORT, SIGNING


def test_sample_loads_into_frozen_steps_of_every_kind():
    playbook = loader.load(SIGNING)
    assert (playbook.id, playbook.version, playbook.system, playbook.start) == ("sample-signing", 2, "signing", "which-browser")
    # every kind but count and diagnose, which test_count.py and test_diagnose_step.py cover
    assert {s.kind for s in playbook.steps.values()} == set(m.KINDS) - {"count", "diagnose"}
    assert playbook.vars == {"browser": "unknown"}
    ask = playbook.steps["which-browser"]
    assert [c.key for c in ask.choices] == ["chrome", "edge", "other"]  # file order is display order
    assert ask.choices[0].sets == {"browser": "Chrome"}
    assert playbook.steps["os-check"].target("fail") == "os-unsupported"
    assert playbook.steps["pin-locked"].contact == "provincial_ca"
    assert playbook.steps["allow-lna"].where == m.Where(59, 3)  # the step id itself
    assert len(playbook.sha256) == 64


def test_yes_and_no_stay_choice_keys_not_booleans():
    keys = [c.key for c in loader.load(SIGNING).steps["signed-now"].choices]
    assert keys == ["yes", "retry", "no"]
    assert [c.key for c in loader.load(SHORT).steps["power"].choices] == ["on", "off"]


def test_step_params_are_validated_and_typed(tmp_path):
    text = SHORT.read_text(encoding="utf-8").replace(
        "start: power", "start: os\n").replace("steps:\n", (
            "steps:\n  os:\n    kind: check\n    check: PC001\n"
            "    params: {os_end_of_support: {debian-12: 2020-01-01}, os_eos_warn_days: 5}\n"
            "    branches: {other: power}\n"), 1)
    path = tmp_path / "sample-short.yaml"
    path.write_text(text, encoding="utf-8")
    step = loader.load(path).steps["os"]
    assert step.params == {"os_end_of_support": {"debian-12": dt.date(2020, 1, 1)}, "os_eos_warn_days": 5}


@pytest.mark.parametrize("name, line, column, key", [
    ("unknown-step.yaml", 11, 11, "pb.unknown_step"),
    ("missing-translation.yaml", 11, 7, "schema.missing"),
    ("unknown-check.yaml", 10, 12, "schema.choice"),
    ("duplicate-step.yaml", 12, 3, "schema.duplicate"),
    ("undeclared-var.yaml", 10, 16, "pb.unknown_var"),
    ("branches-missing.yaml", 12, 7, "pb.branches_missing"),
    ("bad-kind.yaml", 9, 11, "schema.choice"),
    ("bad-date.yaml", 12, 38, "schema.bad_value"),
])
def test_malformed_playbooks_cite_file_line_column(name, line, column, key):
    with pytest.raises(SchemaError) as caught:
        loader.load(BAD / name)
    first = caught.value.issues[0]
    assert (first.line, first.column, first.message.key) == (line, column, key)
    assert first.file.endswith(name)


def test_yaml_syntax_error_is_a_profile_error_with_position():
    with pytest.raises(ProfileError) as caught:
        loader.load(BAD / "syntax.yaml")
    assert caught.value.message.key == "schema.yaml_syntax"
    assert "syntax.yaml:9:" in caught.value.message.params["where"]


@pytest.mark.parametrize("snippet, key", [
    ("    outcome: escalate\n", "pb.contact_missing"),
    ("    outcome: fixed\n    contact: provincial_ca\n", "pb.contact_not_escalate"),
])
def test_end_contact_rules(tmp_path, snippet, key):
    text = SHORT.read_text(encoding="utf-8").replace("    outcome: not_fixed\n", snippet)
    path = tmp_path / "sample-short.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        loader.load(path)
    assert caught.value.issues[0].message.key == key


def test_param_the_check_does_not_use_is_refused(tmp_path, monkeypatch):
    from kfield.core import registry
    from kfield.core.schema import Num

    monkeypatch.setitem(registry.PARAMS, "zz_other_param", registry.Param("zz_other_param", Num(), 1))
    text = (BAD / "branches-missing.yaml").read_text(encoding="utf-8").replace(
        "    branches:\n", "    params: {zz_other_param: 2}\n    branches:\n      other: done-ok\n")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        loader.load(path)
    [issue] = caught.value.issues
    assert issue.message.key == "pb.param_unused" and issue.message.params == {"param": "zz_other_param", "check": "PC001"}
    assert (issue.line, issue.column) == (11, 14)  # at the parameter name


def test_unknown_start_and_unset_variable_in_choice(tmp_path):
    text = SIGNING.read_text(encoding="utf-8").replace("start: which-browser", "start: nope").replace(
        "set: {browser: Edge}", "set: {colour: blue}")
    path = tmp_path / "sample-signing.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        loader.load(path)
    keys = [(i.message.key, i.message.params) for i in caught.value.issues]
    assert ("pb.unknown_step", {"step": "nope"}) in keys and ("pb.unknown_var", {"var": "colour"}) in keys


def test_locate_by_path_by_bundled_id_and_unknown(tmp_path, monkeypatch):
    assert loader.locate(str(SIGNING)) == SIGNING
    monkeypatch.setattr(loader, "bundled_dir", lambda kind: GOOD)
    assert loader.locate("sample-short") == SHORT
    with pytest.raises(ProfileError) as caught:
        loader.locate("no-such-playbook")
    assert caught.value.message.key == "pb.unknown" and "sample-signing" in caught.value.message.params["known"]
    with pytest.raises(ProfileError):
        loader.locate(tmp_path / "missing.yaml")


def test_locate_finds_a_playbook_whose_file_name_differs_from_its_id(tmp_path, monkeypatch):
    (tmp_path / "renamed.yaml").write_text(SHORT.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(loader, "bundled_dir", lambda kind: tmp_path)
    assert loader.locate("sample-short") == tmp_path / "renamed.yaml"


class _Yaml12Loader(yaml.SafeLoader):
    """What editors use (YAML 1.2): only true/false are booleans, so `yes:` stays a key."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.mark.parametrize("path", [SIGNING, SHORT], ids=lambda p: p.name)
def test_exported_json_schema_is_valid_and_accepts_the_samples(path):
    schema = loader.export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader), default=str))
    jsonschema.validate(data, schema)


def test_exported_json_schema_rejects_an_unknown_step_kind():
    data = json.loads(json.dumps(yaml.load(SHORT.read_text(encoding="utf-8"), Loader=_Yaml12Loader)))
    data["steps"]["power"]["kind"] = "question"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, loader.export_schema())
