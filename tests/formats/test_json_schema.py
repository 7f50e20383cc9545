import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from kfield.core import result as r
from kfield.formats import json as json_format
from tests.formats.sample import SCRIPT, make_report

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def rendered(report, lang="vi"):
    return json.loads(json_format.render(report, lang))


def test_hand_built_report_validates(validator, report):
    data = rendered(report)
    validator.validate(data)
    assert data["results"][0]["summary"]["params"]["os"] == f"Windows 7 {SCRIPT}"


def test_nested_message_params_and_list_values_validate(validator):
    inner = r.Message("schema.missing", {"key": "id"})
    res = r.error("schema.issue", where="x.yaml:1:1", detail=inner,
                  evidence=(r.measure("dns", ["192.0.2.53", "198.51.100.1"]), r.measure("ratio", 0.5, "%"))).stamped("LAN001", 0, False)
    validator.validate(rendered(make_report(results=(res,), interrupted=True), "en"))


def test_empty_run_validates(validator):
    validator.validate(rendered(make_report(results=())))


@pytest.mark.parametrize("path, bad", [
    (("results", 0, "check_id"), "pc001"),
    (("results", 0, "status"), "maybe"),
    (("results", 0, "remedy"), "pc.os.remedy"),
    (("results", 0, "duration_s"), -1),
    (("counts", "ok"), -1),
    (("lang",), "fr"),
    (("started",), "yesterday"),
    (("results", 0, "evidence", 0, "value"), {"nested": 1}),
])
def test_schema_rejects_wrong_values(validator, report, path, bad):
    data = rendered(report)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = bad
    assert not validator.is_valid(data)


def _at(data, where):
    for step in where:
        data = data[step]
    return data


@pytest.mark.parametrize("where", [(), ("counts",), ("results", 0), ("results", 0, "summary"),
                                   ("results", 0, "remedy"), ("results", 0, "evidence", 0)])
def test_schema_is_strict_about_extra_and_missing_keys(validator, report, where):
    data = rendered(report)
    _at(data, where)["surprise"] = 1
    assert not validator.is_valid(data)
    for key in list(_at(rendered(report), where)):
        data = rendered(report)
        del _at(data, where)[key]
        assert not validator.is_valid(data), f"{where}: {key} may be missing"


def test_report_keys_match_the_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = rendered(make_report())
    assert sorted(schema["required"]) == sorted(data) == sorted(schema["properties"])
    assert sorted(schema["$defs"]["result"]["required"]) == sorted(data["results"][0])


def test_real_command_output_validates(validator):
    env = {**os.environ, "KFIELD_NO_PROGRESS": "1"}
    done = subprocess.run([sys.executable, "-m", "kfield", "check", "--only", "PC001", "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    validator.validate(data)
    assert [res["check_id"] for res in data["results"]] == ["PC001"]
