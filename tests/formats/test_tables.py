"""Report tables in every format: labels in the user's language, safe cells, one sheet per report."""

from __future__ import annotations

import io
import json

from kfield.core.table import Table
from kfield.formats import tables

COVERAGE = Table("coverage", ("code", "unit", "kind", "visits", "last_visit", "open", "escalated", "fixed",
                              "in_province"),
                 ((22333, "=HYPERLINK(\"x\")", "phường", 2, "2026-11-20", 1, 0, 3, True),),
                 ("", 65, "", 2, "", 1, 0, 3, ""))
SYSTEMS = Table("systems", ("system", "problems", "fixed", "escalated", "pending"), (("signing", 2, 1, 0, 1),),
                ("", 2, 1, 0, 1))


def test_console_labels_columns_in_both_languages():
    vi, en = tables.console([SYSTEMS], "vi", width=120), tables.console([SYSTEMS], "en", width=120)
    assert "Hệ thống" in vi and "Tổng" in vi and "System" in en and "Total" in en


def test_csv_neutralises_formulas_and_adds_a_total_row():
    text = tables.to_csv(COVERAGE, "vi")
    assert text.startswith("\ufeffMã,Đơn vị")
    assert "'=HYPERLINK" in text and "\nTổng,65," in text and ",có\n" in text


def test_json_keeps_stable_keys_and_types():
    data = json.loads(tables.to_json([COVERAGE, SYSTEMS], {"generated": "now"}))
    assert data["schema_version"] == 1 and data["generated"] == "now"
    row = data["reports"]["coverage"]["rows"][0]
    assert row["code"] == 22333 and row["in_province"] is True
    assert data["reports"]["systems"]["totals"]["problems"] == 2


def test_xlsx_has_one_sheet_per_report_with_numbers_as_numbers():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(tables.to_xlsx(tables.report_sheets([COVERAGE, SYSTEMS], "en"))))
    assert book.sheetnames == ["Coverage_ communes, wards and t", "Problems by system"]
    sheet = book["Problems by system"]
    assert [c.value for c in sheet[1]] == ["System", "Problems", "Fixed", "Escalated", "Pending"]
    assert sheet["B2"].value == 2 and sheet["A3"].value == "Total"
    assert book.worksheets[0]["B2"].value.startswith("'=")


def test_console_on_a_terminal_draws_rich_tables():
    drawn = tables.console([SYSTEMS], "en", color=True, width=100)
    assert "┏" in drawn and "\x1b[" in drawn and "signing" in drawn
