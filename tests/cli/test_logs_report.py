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
    md = lecturer("report", "coverage", "schools", "-f", "md", "--lang", "vi").stdout
    assert md.startswith("# Tổng hợp hỗ trợ chuyển đổi số") and "\n## Độ phủ" in md and "\n## Theo trường" in md
    assert "| Phường Ba Ngòi |" in md and "| Tổng |" in md and "Lập lúc " in md


def test_period_filter_from_the_command_line(lecturer, tmp_path):
    lecturer("logs", "import", str(tmp_path / "stick-a"))
    later = json.loads(lecturer("report", "schools", "--from", "2026-11-21", "-f", "json").stdout)
    assert later["reports"]["schools"]["rows"] == []


def test_logs_pack_then_import_the_zip(kfield_cmd, tmp_path):
    env = {"KFIELD_DATA_DIR": str(tmp_path / "student"), "KFIELD_CONFIG_DIR": str(tmp_path / "config")}
    kfield_cmd("member", "set", "--name", "Trần Thị Bình", "--school", "NTU", env=env)
    empty = kfield_cmd("logs", "pack", "--lang", "en", env=env, cwd=tmp_path)
    assert empty.returncode == 2 and "No visit" in empty.stderr
    for commune in ("Nha Trang", "Cam Lâm"):
        kfield_cmd("visit", "start", "--commune", commune, env=env)
        kfield_cmd("visit", "end", env=env)
    packed = kfield_cmd("logs", "pack", "--lang", "vi", env=env, cwd=tmp_path)
    assert packed.returncode == 0, packed.stderr
    made = list(tmp_path.glob("kfield-logs-tran-thi-binh-*.zip"))
    assert len(made) == 1 and str(made[0]) in packed.stderr and "Đã gói 2 nhật ký" in packed.stderr
    with zipfile.ZipFile(made[0]) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["visits"] == 2 and manifest["member"]["name"] == "Trần Thị Bình"
        assert sorted(archive.namelist()) == ["manifest.json", *sorted(f["file"] for f in manifest["files"])]
    chosen = kfield_cmd("logs", "pack", "-o", str(tmp_path / "gui" / "x.zip"), "--lang", "en", env=env)
    assert chosen.returncode == 2 and "does not exist" in chosen.stderr and not (tmp_path / "gui").exists()
    stick = tmp_path / "usb"
    stick.mkdir()
    onto = kfield_cmd("logs", "pack", "-o", str(stick), "--lang", "en", env=env)         # a folder: the zip goes in it
    onto_stick = list(stick.iterdir())
    assert onto.returncode == 0 and len(onto_stick) == 1 and str(onto_stick[0]) in onto.stderr
    assert onto_stick[0].match("kfield-logs-tran-thi-binh-*.zip")
    lecturer = {"KFIELD_DATA_DIR": str(tmp_path / "lecturer")}
    imported = kfield_cmd("logs", "import", str(made[0]), "--format", "json", env=lecturer)
    assert imported.returncode == 0 and json.loads(imported.stdout)["files"] == 2


def test_import_of_export_files_says_what_it_found(lecturer, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "visits.csv").write_text("a,b\n", encoding="utf-8")
    (folder / "visits.xlsx").write_bytes(b"PK")
    (folder / "visits.json").write_text("{}", encoding="utf-8")
    for lang, words in (("vi", "có 3 tệp"), ("en", "found 3 files")):
        done = lecturer("logs", "import", str(folder), "--lang", lang)
        assert done.returncode == 2 and words in done.stderr and ".csv" in done.stderr and "logs pack" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_report_on_an_empty_database_says_so(lecturer, tmp_path):
    empty = lecturer("report", "members", "--lang", "vi")
    assert empty.returncode == 0 and "chưa có chuyến công tác nào" in empty.stderr
    lecturer("logs", "import", str(tmp_path / "stick-a"))
    filled = lecturer("report", "members", "--lang", "en")
    assert "holds no visits" not in filled.stderr
    later = lecturer("report", "members", "--from", "2030-01-01", "--lang", "en")
    assert "No visits in the period" in later.stderr


def test_output_into_a_missing_folder_is_refused(lecturer, tmp_path):
    done = lecturer("report", "members", "-f", "csv", "-o", str(tmp_path / "no" / "such" / "r.csv"), "--lang", "vi")
    assert done.returncode == 2 and "chưa có thư mục" in done.stderr and not (tmp_path / "no").exists()
