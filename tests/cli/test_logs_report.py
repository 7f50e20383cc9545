"""`kfield logs import` and `kfield report` as a lecturer runs them: real processes, both languages."""

from __future__ import annotations

import json
import zipfile

import pytest

from tests.aggregate import logs


@pytest.fixture
def lecturer(kfield_cmd, tmp_path):
    """kfield with its own data folder, and two sticks of logs (one visit copied on both)."""
    env = {"KFIELD_DATA_DIR": str(tmp_path / "data")}
    shared = logs.visit()
    logs.write(tmp_path / "stick-a", shared)
    logs.write(tmp_path / "stick-a", logs.visit(code=22423, name="Phường Ba Ngòi", school="UKH", members=("Chi",)))
    logs.write(tmp_path / "stick-b", shared)

    def run(*args, **kw):
        return kfield_cmd(*args, env={**env, **kw.pop("env", {})}, **kw)
    return run


def test_import_twice_reports_duplicates_and_exits_zero(lecturer, tmp_path):
    first = lecturer("logs", "import", str(tmp_path / "stick-a"), str(tmp_path / "stick-b"), "--lang", "vi")
    assert first.returncode == 0, first.stderr
    assert "10 mới, 5 trùng" in first.stdout
    again = lecturer("logs", "import", str(tmp_path / "stick-a"), "--format", "json")
    data = json.loads(again.stdout)
    assert (data["new"], data["duplicate"], again.returncode) == (0, 10, 0)


def test_damaged_and_hostile_input_is_reported_with_exit_one(lecturer, tmp_path):
    (tmp_path / "stick-a" / "cut.jsonl").write_text('{"id": "cut', encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "chat.zip", "w") as archive:
        archive.writestr("../../evil.jsonl", "{}")
    done = lecturer("logs", "import", str(tmp_path / "stick-a"), str(tmp_path / "chat.zip"), "--lang", "en")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Quarantined" in done.stdout and "line 1 cut off" in done.stdout
    assert "Refused" in done.stdout and "points outside" in done.stdout
    assert list((tmp_path / "data" / "quarantine").glob("*cut.jsonl"))


@pytest.mark.parametrize("args,message", [
    (["logs", "import", "/no/such/stick"], "No such folder or file"),
    (["report", "bogus"], 'No report "bogus"'),
    (["report", "--from", "2026-02-30"], "Invalid date"),
    (["report", "--from", "2026-12-01", "--to", "2026-11-01"], "--from must not be after --to"),
    (["report", "coverage", "systems", "-f", "csv"], "CSV holds one report"),
    (["report", "--db", "postgresql://nobody@/x?host=/nonexistent"], "Cannot open the database"),
])
def test_bad_input_is_one_line_and_exit_two(lecturer, args, message):
    done = lecturer(*args, "--lang", "en")
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_reports_in_every_format(lecturer, tmp_path):
    lecturer("logs", "import", str(tmp_path / "stick-a"))
    console = lecturer("report", "coverage", "--lang", "vi")
    assert console.returncode == 0 and "Độ phủ" in console.stdout and "Phường Ba Ngòi" in console.stdout
    as_json = json.loads(lecturer("report", "all", "-f", "json").stdout)
    assert set(as_json["reports"]) == {"coverage", "systems", "faults", "schools", "members", "readiness", "pcs"}
    assert len(as_json["reports"]["coverage"]["rows"]) == 65
    csv = lecturer("report", "schools", "-f", "csv", "--lang", "en").stdout
    assert csv.startswith("\ufeffSchool,Visits") and "NTU" in csv and "UKH" in csv
    xlsx = lecturer("report", "all", "-f", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert xlsx.returncode == 0 and (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
    html = lecturer("report", "-f", "html", "-o", str(tmp_path / "d.html"), "--lang", "en")
    assert html.returncode == 0 and "Units visited" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_period_filter_from_the_command_line(lecturer, tmp_path):
    lecturer("logs", "import", str(tmp_path / "stick-a"))
    later = json.loads(lecturer("report", "schools", "--from", "2026-11-21", "-f", "json").stdout)
    assert later["reports"]["schools"]["rows"] == []
