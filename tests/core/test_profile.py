import datetime as dt
from pathlib import Path

import pytest

from kfield.core import profile
from kfield.core.errors import ProfileError, UsageError
from kfield.core.schema import SchemaError

FIX = Path(__file__).parent.parent / "fixtures" / "profiles"


def test_good_profile_loads_with_defaults_and_overrides():
    loaded = profile.load_profile(FIX / "good.yaml")
    assert loaded.check_ids == ("PC001",)
    assert loaded.params["os_eos_warn_days"] == 30
    assert loaded.params["os_end_of_support"] == {"debian-12": dt.date(2028, 6, 30)}
    assert loaded.contacts["provincial_ca"]["vi"].startswith("Đầu mối")


@pytest.mark.parametrize("name, line, column, key", [
    ("bad-syntax.yaml", 4, 7, "schema.yaml_syntax"),
    ("bad-type.yaml", 7, 21, "schema.expected"),
    ("bad-unknown-check.yaml", 5, 16, "schema.choice"),
    ("bad-unknown-key.yaml", 6, 1, "schema.unknown_key"),
    ("bad-missing.yaml", 1, 1, "schema.missing"),
    ("bad-duplicate.yaml", 6, 1, "schema.duplicate"),
    ("bad-empty-select.yaml", 4, 9, "profile.empty_select"),
    ("bad-range.yaml", 6, 13, "schema.range"),
    ("bad-date.yaml", 8, 17, "schema.expected"),
    ("bad-root.yaml", 1, 1, "schema.expected"),
])
def test_malformed_profiles_cite_file_line_column(name, line, column, key):
    with pytest.raises(ProfileError) as caught:
        profile.load_profile(FIX / name)
    exc = caught.value
    if isinstance(exc, SchemaError):
        first = exc.issues[0]
        assert (first.line, first.column, first.message.key) == (line, column, key)
        assert first.file.endswith(name)
    else:
        assert exc.message.key == key
        assert exc.message.params["where"] == f"{FIX / name}:{line}:{column}"


def test_empty_and_missing_files():
    with pytest.raises(ProfileError) as caught:
        profile.load_profile(FIX / "empty.yaml")
    assert caught.value.message.key == "schema.empty"
    with pytest.raises(ProfileError) as caught:
        profile.load_profile(FIX / "nope.yaml")
    assert caught.value.message.key == "schema.no_file"
    with pytest.raises(ProfileError) as caught:
        profile.load_profile("no-such-bundled-profile")
    assert caught.value.message.key == "profile.unknown"


def test_every_bundled_profile_is_valid():
    paths = profile.bundled_profiles()
    assert {p.stem for p in paths} >= {"commune-office", "quick", "usb"}
    for path in paths:
        loaded = profile.load_profile(path)
        assert loaded.check_ids and loaded.id == path.stem


def test_plan_filters_by_area_and_adds_prerequisites():
    loaded = profile.load_profile(None)
    specs = profile.plan(loaded, areas=["pc"])
    assert specs and all(s.area == "PC" for s in specs)
    with pytest.raises(UsageError):
        profile.plan(loaded, areas=["XYZ"])
    with pytest.raises(UsageError):
        profile.plan(loaded, only=["PC999"])


def test_json_schema_export_accepts_bundled_profiles():
    import jsonschema
    import yaml

    schema = profile.export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in profile.bundled_profiles() + [FIX / "good.yaml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(_jsonable(data), schema)


def test_json_schema_rejects_what_the_loader_rejects():
    import jsonschema
    import yaml

    schema = profile.export_schema()
    for name in ("bad-unknown-key.yaml", "bad-missing.yaml", "bad-type.yaml", "bad-unknown-check.yaml"):
        data = yaml.safe_load((FIX / name).read_text(encoding="utf-8"))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(_jsonable(data), schema)


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("value", ["2020-13-45", "!foo x", "!!binary zz"])
def test_impossible_scalars_are_issues_not_crashes(tmp_path, value):
    path = tmp_path / "p.yaml"
    path.write_text(f"version: 1\nid: x\ntitle: {{vi: a, en: b}}\nselect:\n  ids: [PC001]\n"
                    f"params:\n  os_eos_warn_days: {value}\n", encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        profile.load_profile(path)
    assert caught.value.issues[0].line == 7
