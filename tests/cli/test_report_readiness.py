"""`kfield report readiness|pcs` as a lecturer runs them: real processes, both languages, every format."""

from __future__ import annotations

import json

import pytest

from tests import chromium
from tests.aggregate.pcs import BAC_NHA_TRANG, write_campaign


@pytest.fixture
def lecturer(kfield_cmd, tmp_path):
    env = {"KFIELD_DATA_DIR": str(tmp_path / "data")}
    write_campaign(tmp_path / "stick")
    imported = kfield_cmd("logs", "import", str(tmp_path / "stick"), env=env)
    assert imported.returncode == 0, imported.stderr

    def run(*args):
        return kfield_cmd(*args, env=env)
    return run


def test_readiness_in_vietnamese_and_english(lecturer):
    vi = lecturer("report", "readiness", "--lang", "vi")
    assert vi.returncode == 0, vi.stderr
    assert "Sẵn sàng ký số" in vi.stdout and "Phường Bắc Nha Trang" in vi.stdout and "KHÔNG THẤY LỖI" in vi.stdout
    en = lecturer("report", "pcs", "--lang", "en")
    assert "Ready to sign" in en.stdout and "no → yes" in en.stdout and "ubnd-01" in en.stdout


def test_readiness_json_has_the_documented_columns(lecturer):
    data = json.loads(lecturer("report", "readiness", "pcs", "-f", "json").stdout)["reports"]
    row = next(r for r in data["readiness"]["rows"] if r["code"] == BAC_NHA_TRANG)
    assert {"code", "unit", "pcs", "signing_ready", "os_unsupported", "av_ok", "firewall_on", "critical",
            "last_place"} <= set(row)
    assert len(data["readiness"]["rows"]) == 65 and len(data["pcs"]["rows"]) == 4
    assert {"code", "unit", "pc_id", "host", "os", "first_check", "last_check"} <= set(data["pcs"]["rows"][0])


def test_csv_and_xlsx(lecturer, tmp_path):
    csv = lecturer("report", "pcs", "-f", "csv", "--lang", "vi").stdout
    assert csv.startswith("\ufeffMã,Đơn vị,Mã máy") and "không → có" in csv
    done = lecturer("report", "readiness", "pcs", "-f", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert done.returncode == 0
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "r.xlsx")
    assert len(book.sheetnames) == 2


def test_the_dashboard_draws_one_chart_per_item_and_lists_unchecked_units(lecturer, tmp_path):
    import re

    target = tmp_path / "d.html"
    assert lecturer("report", "readiness", "-f", "html", "-o", str(target), "--lang", "vi").returncode == 0
    html = target.read_text(encoding="utf-8")
    assert "Đơn vị chưa có máy nào được kiểm tra (63)" in html
    drawn = re.search(r'data-drawn="([0-9,]*)"', chromium.dom(target))
    assert drawn and len(drawn.group(1).split(",")) == 5 and min(int(n) for n in drawn.group(1).split(",")) > 5000


def test_a_broken_rules_file_is_one_line_and_exit_two(lecturer, tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: 1\nitems:\n  - id: ready\n    title: {vi: A, en: A}\n", encoding="utf-8")
    done = lecturer("report", "readiness", "--rules", str(rules), "--lang", "en")
    assert done.returncode == 2 and f"{rules}:3:" in done.stderr and "Traceback" not in done.stderr
