"""Real kfield commands under the Windows CPython, in an empty network namespace. The kit's own
python.exe runs them, so kfield keeps its data on the stick (<kit>\\kfield-data), not in the
prefix's AppData; platformdirs' AppData\\Local\\kfield is where it goes elsewhere."""

import json
import unicodedata
from pathlib import Path

import pytest

from tests.windows import wine

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
EMPTY_SOURCE_CHECKS = ("SEC002", "SEC003")  # firewall, antivirus
# SIGN004 reads the store through crypt32, which wine implements: its empty CurrentUser\MY is an
# answer ("no certificate", a fail in the words for an empty store), not a silent source.
NOTE = "Đã sửa mạng LAN ở bộ phận một cửa, thay cáp và kiểm tra chữ ký số"


def text(done) -> str:
    return done.stderr.decode("utf-8", "replace")


def local_appdata(pc) -> Path:
    [user] = [p for p in (pc.prefix.path / "drive_c" / "users").iterdir() if p.name != "Public"]
    return user / "AppData" / "Local"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_json_is_valid_and_an_empty_source_is_never_a_fail(pc, lang):
    jsonschema = pytest.importorskip("jsonschema")
    done = pc.kfield("check", "--format", "json", "--lang", lang)
    assert done.returncode in (0, 1) and b"Traceback" not in done.stderr, text(done)
    report = json.loads(done.stdout.decode("utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert report["lang"] == lang and report["results"]
    statuses = {r["check_id"]: r["status"] for r in report["results"]}
    # Under wine powershell/netsh print nothing and exit 0: "could not check", never "off".
    assert {cid: statuses.get(cid) for cid in EMPTY_SOURCE_CHECKS if statuses.get(cid) == "fail"} == {}
    sign004 = next(r for r in report["results"] if r["check_id"] == "SIGN004")
    assert sign004["summary"]["key"] in ("sign.cert.none", "sign.cert.ok"), sign004


def test_from_the_kits_python_the_data_and_member_are_on_the_stick(pc):
    done = pc.python_code("from kfield.core import paths\nimport platformdirs\nprint(paths.data_dir())\n"
                          "print(paths.config_dir())\nprint(paths.log_dir())\n"
                          "print(platformdirs.user_data_dir('kfield', appauthor=False))\n")
    data, config, logs, elsewhere = done.stdout.decode().split()
    stick = wine.windows_path(pc.kit).lower()
    assert data.lower() == config.lower() == stick + "\\kfield-data" and logs.lower() == stick + "\\kfield-data\\logs"
    assert elsewhere.endswith("AppData\\Local\\kfield"), elsewhere      # one folder, not kfield\\kfield


@pytest.fixture(scope="module")
def visit_log(pc):
    """member set, visit start/note/end as a person types them; the stored log's text."""
    decomposed = unicodedata.normalize("NFD", NOTE)        # what a cp1258 console hands over
    steps = [("member", "set", "--name", "Nguyễn Thị Hồng", "--school", "Trường Đại học Nha Trang"),
             ("visit", "start", "--commune", "Cam Lâm"),
             ("visit", "note", decomposed),
             ("visit", "end")]
    for step in steps:
        done = pc.kfield(*step, "--lang", "vi")
        assert done.returncode == 0 and b"Traceback" not in done.stderr, (step, text(done))
    [log] = list((pc.kit / "kfield-data" / "visits").glob("*.jsonl"))         # on the stick, not in AppData
    assert not (local_appdata(pc) / "kfield").exists()
    return log.read_text(encoding="utf-8")


def test_visit_flow_with_vietnamese_input_is_stored_nfc(visit_log):
    assert "Xã Cam Lâm" in visit_log and "Nguyễn Thị Hồng" in visit_log
    assert unicodedata.normalize("NFC", NOTE) in visit_log
    assert unicodedata.normalize("NFD", NOTE) not in visit_log


def test_exports_to_windows_paths(pc, visit_log):
    drive_c = pc.prefix.path / "drive_c"
    (drive_c / "bao-cao").mkdir(exist_ok=True)
    csv = pc.kfield("export", "--all", "--format", "csv", "--table", "visits", "--output", "C:\\bao-cao\\visits.csv")
    assert csv.returncode == 0, text(csv)
    assert "Cam Lâm" in (drive_c / "bao-cao" / "visits.csv").read_text(encoding="utf-8-sig")
    xlsx = pc.prefix.run(["cmd", "/c", pc.python, "-I", "-B", "-m", "kfield", "export", "--all", "--format", "xlsx",
                          "--output", "%TEMP%\\visits.xlsx"])
    assert xlsx.returncode == 0, text(xlsx)
    temp = pc.prefix.run(["cmd", "/c", "echo", "%TEMP%"]).stdout.decode().strip()
    assert (on_drive_c(pc, temp) / "visits.xlsx").read_bytes()[:2] == b"PK"


def on_drive_c(pc, windows: str) -> Path:
    """C:\\a\\b as the Linux path inside the prefix."""
    assert windows[:3].upper() == "C:\\", windows
    return pc.prefix.path.joinpath("drive_c", *windows[3:].split("\\"))


def test_run_non_interactive_writes_results_on_drive_c(pc):
    done = pc.kfield("run", "--profile", "usb", "--non-interactive", "--results-dir", "C:\\kfield-results",
                     "--lang", "en")
    assert done.returncode in (0, 1) and b"Traceback" not in done.stderr, text(done)
    [folder] = list((pc.prefix.path / "drive_c" / "kfield-results").iterdir())
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert report["profile"] == "usb" and (folder / "summary.html").is_file()


def test_usb_init_from_the_kits_own_python_says_why_it_cannot(pc):
    """The kit's embeddable CPython has no pip: building a kit there is one line and exit 2."""
    done = pc.kfield("usb", "init", "C:\\stick", "--lang", "en")
    lines = [line for line in text(done).splitlines() if line.strip()]
    assert done.returncode == 2 and "Traceback" not in text(done) and not (pc.prefix.path / "drive_c" / "stick").exists()
    assert lines[-1].endswith("run kfield usb init on a team laptop where kfield was installed with pip")
