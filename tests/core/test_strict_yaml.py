"""The strict YAML loader: every class of value the issue found crashing PyYAML's constructors or
the schema is one line with its file:line:column, for profiles, playbooks, answers and rules."""

import time

import pytest

from kfield.core import profile, schema
from kfield.core.errors import ProfileError
from kfield.core.i18n import render
from kfield.core.schema import SchemaError

PROFILE = ("version: 1\nid: fuzz\ntitle: {vi: a, en: b}\nselect:\n  ids: [PC001]\n"
           "deadline_s: DEADLINE\nparams:\n  os_eos_warn_days: WARN\n")


def _profile(tmp_path, deadline="120", warn="30"):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("DEADLINE", deadline).replace("WARN", warn), encoding="utf-8")
    return path


def _first(tmp_path, **values):
    with pytest.raises(SchemaError) as caught:
        profile.load_profile(_profile(tmp_path, **values))
    issue = caught.value.issues[0]
    for lang in ("vi", "en"):
        line = render(caught.value.message, lang)
        assert "schema." not in line and "Error" not in line
    return issue.line, issue.column, issue.message.key


def test_the_plain_profile_loads(tmp_path):
    loaded = profile.load_profile(_profile(tmp_path))
    assert loaded.deadline_s == 120 and loaded.params["os_eos_warn_days"] == 30


@pytest.mark.parametrize("value", ['!!int ""', '!!int "-"', '!!float "."', "!!bool maybe", "!!timestamp foo",
                                   "!!timestamp 2026-02-30", "!!set {a: 1}", "!!omap [a: 1]", "!custom x",
                                   '!!int "12"', "!!binary aGk=", "!!python/name:os.system"])
@pytest.mark.parametrize("field", ["deadline", "warn"])
def test_explicit_tags_are_refused_where_they_stand(tmp_path, value, field):
    line = 6 if field == "deadline" else 8
    column = 13 if field == "deadline" else 21
    implicit_date = value == "!!timestamp 2026-02-30"     # the tag says what the value already is
    assert _first(tmp_path, **{field: value}) == (line, column, "schema.bad_value" if implicit_date else "schema.tag")


def test_str_tag_is_allowed_and_then_typed_by_the_schema(tmp_path):
    assert _first(tmp_path, deadline="!!str 120") == (6, 13, "schema.expected")


@pytest.mark.parametrize("value", ['"120"', "'5'", "abc", "[1]", "{a: 1}", "true", "2026-01-01"])
def test_a_value_of_the_wrong_type_is_refused_before_any_range(tmp_path, value):
    assert _first(tmp_path, deadline=value)[2] == "schema.expected"


def test_an_impossible_date_is_an_issue_at_its_place(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("DEADLINE", "120").replace("WARN", "30")
                    + "  os_end_of_support: {debian-12: 2026-02-30}\n", encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        profile.load_profile(path)
    first = caught.value.issues[0]
    assert (first.line, first.column, first.message.key) == (9, 34, "schema.bad_value")


@pytest.mark.parametrize("digits", [41, 4301, 5001])
def test_integers_are_bounded_in_digits_before_conversion(tmp_path, digits):
    assert _first(tmp_path, warn="9" * digits) == (8, 21, "schema.number_long")
    assert _first(tmp_path, warn="0x" + "f" * digits)[2] == "schema.number_long"


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_nan_and_infinities_are_not_numbers(tmp_path, value):
    assert _first(tmp_path, deadline=value) == (6, 13, "schema.not_finite")


def test_a_number_out_of_range_keeps_its_range_message(tmp_path):
    assert _first(tmp_path, deadline="1.0e+400")[2] == "schema.not_finite"
    assert _first(tmp_path, deadline="99999")[2] == "schema.range"


def _laughs(levels: int, fan: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * fan) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels, fan", [(9, 9), (7, 9), (13, 3)])
def test_alias_fan_out_is_refused_in_milliseconds(tmp_path, levels, fan):
    text = _laughs(levels, fan)
    path = tmp_path / "laughs.yaml"
    path.write_text(PROFILE.replace("DEADLINE", "120").replace("WARN", "30") + text, encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(SchemaError) as caught:
        profile.load_profile(path)
    assert time.perf_counter() - began < 1.0
    assert caught.value.issues[0].message.key in ("schema.aliases", "schema.expansion")


def test_a_7kb_billion_laughs_playbook_is_refused_fast(tmp_path):
    from kfield.playbook import loader

    text = _laughs(9, 9)
    path = tmp_path / "laughs.yaml"
    path.write_text(text + "#" * (7000 - len(text)) + "\n", encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(SchemaError) as caught:
        loader.load(path)
    assert time.perf_counter() - began < 1.0
    assert caught.value.issues[0].message.key in ("schema.aliases", "schema.expansion")


def test_a_few_aliases_are_fine_and_one_holding_itself_is_refused(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: &x {vi: a, en: b}\nb: *x\n", encoding="utf-8")
    root = schema.compose(path)
    assert root.value[0][1] is root.value[1][1]
    path.write_text("a: &x [1, *x]\n", encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        schema.compose(path)
    assert caught.value.issues[0].message.key == "schema.expansion"


def test_bytes_that_are_not_utf8_name_their_line_and_column(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(b"version: 1\nid: caf\xe9\n")
    with pytest.raises(ProfileError) as caught:
        profile.load_profile(path)
    assert caught.value.message.key == "schema.not_utf8"
    assert caught.value.message.params["where"].endswith("p.yaml:2:8")


@pytest.mark.parametrize("text, problem", [("a: b: c\n", "yaml.colon"), ("a: [1, 2\n", "yaml.bracket"),
                                           ('a: "x\n', "yaml.quote"), ("a: *nowhere\n", "yaml.alias"),
                                           ("a: 1\n---\nb: 2\n", "yaml.documents"), ("a: \x00\n", "yaml.escape"),
                                           ("[" * 1100 + "]" * 1100, "yaml.nesting")])
def test_syntax_errors_are_a_sentence_in_both_languages(tmp_path, text, problem):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        schema.compose(path)
    assert caught.value.message.key == "schema.yaml_syntax"
    assert caught.value.message.params["problem"].key == problem
    assert ":1:" in caught.value.message.params["where"] or ":2:" in caught.value.message.params["where"] \
        or ":3:" in caught.value.message.params["where"]


def test_rules_and_answers_use_the_same_loader(tmp_path):
    from kfield.aggregate import readiness

    path = tmp_path / "rules.yaml"
    path.write_text('version: !!int ""\nitems: []\n', encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        readiness.load(path)
    assert caught.value.issues[0].message.key == "schema.tag"
