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
    assert book.sheetnames == ["Coverage - communes, wards and", "Problems by system"]
    sheet = book["Problems by system"]
    assert [c.value for c in sheet[1]] == ["System", "Problems", "Fixed", "Escalated", "Pending"]
    assert sheet["B2"].value == 2 and sheet["A3"].value == "Total"
    assert book.worksheets[0]["B2"].value.startswith("'=")


def test_console_on_a_terminal_draws_rich_tables():
    drawn = tables.console([SYSTEMS], "en", color=True, width=100)
    assert "┏" in drawn and "\x1b[" in drawn and "signing" in drawn


def _rows_then_fail(count: int):
    """Rows that end in an error after `count`: what was written before it shows the writer streams."""
    for index in range(count):
        yield (index, f"<b>dòng {index}</b> | [x](javascript:alert(1))")
    raise RuntimeError("the writer asked for more rows than it needed to show the first ones")


def test_markdown_writes_rows_as_they_come_and_escapes_them():
    pieces = tables.markdown("Báo cáo", [("Bảng", ["Số", "Nội dung"], _rows_then_fail(2))], intro="Lập lúc 01/12")
    written = [next(pieces) for _ in range(4)]                         # heading, table head, two rows
    assert written[0] == "# Báo cáo\n\nLập lúc 01/12\n" and written[1].startswith("\n## Bảng\n\n| Số | Nội dung |")
    assert written[3].startswith("| 1 | &lt;b&gt;dòng 1&lt;/b&gt; \\| \\[x\\]\\(javascript:alert\\(1\\)\\) |")
    assert "<b>" not in "".join(written)


def test_html_page_writes_rows_as_they_come_and_escapes_them():
    pieces = tables.html_page("Báo cáo", [("Bảng", ["Số", "Nội dung"], _rows_then_fail(1))], "vi")
    written = "".join(next(pieces) for _ in range(4))                  # head, h2, table head, one row
    assert '<html lang="vi">' in written and "default-src 'none'" in written and "<h2>Bảng</h2><table><tr><th>Số</th>" in written
    assert "<tr><td>0</td><td>&lt;b&gt;dòng 0&lt;/b&gt; | [x](javascript:alert(1))</td></tr>" in written


def test_csv_lines_write_rows_as_they_come():
    from kfield.formats.cells import csv_lines

    lines = csv_lines(["Số", "Nội dung"], _rows_then_fail(1))
    assert next(lines) == "\ufeffSố,Nội dung\n" and next(lines) == '0,<b>dòng 0</b> | [x](javascript:alert(1))\n'


def test_report_markdown_is_the_shared_writer_over_report_tables():
    text = "".join(tables.markdown("Tổng hợp", [tables.section(t, "vi") for t in (COVERAGE, SYSTEMS)]))
    assert "## Độ phủ: các xã, phường, đặc khu" in text and "| ký số | 2 | 1 | 0 | 1 |" in text
    assert "| Tổng | 2 | 1 | 0 | 1 |" in text and '| 22333 | =HYPERLINK\\("x"\\) | phường | 2 | 20/11/2026 |' in text


def test_a_cell_in_parts_is_written_as_the_same_text_and_guarded_in_spreadsheets():
    from openpyxl import load_workbook

    from kfield.core.table import Joined
    from kfield.formats.cells import csv_text, markdown_cell

    parts = Joined(("=1+1 <b>", "dòng\r\nhai | [x](y)", "ba"))
    md = "".join(tables.markdown("T", [("S", ["A", "B"], [(1, parts)])]))
    assert md.endswith(f"| 1 | {markdown_cell(str(parts))} |\n") and "<b>" not in md and "\r" not in md
    page = "".join(tables.html_table(["A"], [(parts,)]))
    assert "<td>=1+1 &lt;b&gt;; dòng\r\nhai | [x](y); ba</td>" in page
    assert csv_text(["A"], [(parts,)]).splitlines()[1].startswith("\"'=1+1 <b>; dòng")
    book = load_workbook(io.BytesIO(tables.to_xlsx([("S", ["A"], [(parts,)])])))
    assert book["S"]["A2"].value.startswith("'=1+1")


def test_the_one_aligned_text_writer_pads_to_the_widest_cell_and_drops_trailing_blanks():
    assert tables.aligned([["Mã", "Tên"], ["22453", "Xã Cam Lâm"], ["1", ""]]) == \
        ["Mã     Tên", "22453  Xã Cam Lâm", "1"]
    assert tables.aligned([]) == []
