"""Typed cells rendered once per format: Vietnamese style in Vietnamese, real numbers and dates in
XLSX, codes and null in JSON, colours from polarity, unknown shown as unknown (never 0)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from kfield.core.table import Change, Table
from kfield.core.values import Answer, Day, DaysLeft, Duration, Moment, Number, Percent, Role, Tally, VisitId, data
from kfield.formats import tables, values


@pytest.mark.parametrize("value, vi, en", [
    (Percent(96.6), "96,6 %", "96.6%"), (Number(1234.5), "1.234,5", "1,234.5"), (Number(5.0), "5", "5"),
    (Day(dt.date(2025, 10, 14)), "14/10/2025", "14/10/2025"), (DaysLeft(-419), "quá hạn 419 ngày", "overdue by 419 days"),
    (DaysLeft(30), "30 ngày", "30 days"), (Duration(90), "1,5 phút", "1.5 min"),
    (Moment("2026-12-07T01:30:00+00:00"), "07/12/2026 08:30", "07/12/2026 08:30"),
    (VisitId("20261207T153151.538046Z-d5d89a"), "d5d89a", "d5d89a"),
    (Answer(None), "chưa rõ", "unknown"), (Answer(True, good=False), "có", "yes"),
    (Tally(0, 2, 2), "chưa rõ", "unknown"), (Tally(1, 1, 2), "1 (chưa rõ 1)", "1 (1 unknown)"), (Tally(2, 0, 2), "2", "2"),
    (Percent(None), "chưa rõ", "unknown"), (DaysLeft(None), "chưa rõ", "unknown"),
    (Role("provincial_ca", ("Đầu mối chứng thư số của tỉnh", "Provincial CA contact")), "Đầu mối chứng thư số của tỉnh",
     "Provincial CA contact"), (Role("it_team"), "it_team", "it_team")])
def test_text_in_the_readers_language(value, vi, en):
    assert (values.text(value, "vi"), values.text(value, "en")) == (vi, en)


def test_polarity_colours_the_answer_not_the_word():
    assert values.tone(Answer(True, good=False)) == "bad" and values.tone(Answer(False, good=False)) == "good"
    assert values.tone(Answer(True)) == "good" and values.tone(Answer(None, good=False)) == "unknown"
    assert values.tone(Tally(1, 0, 2, good=False)) == "bad" and values.tone(Tally(0, 0, 2, good=False)) == "good"
    assert values.tone(Tally(0, 2, 2)) == "unknown" and values.tone(Tally(1, 0, 2)) == "bad"


def test_json_keeps_codes_numbers_and_null_for_unknown():
    assert [data(v) for v in (Answer(None), Answer(False), Tally(0, 2, 2), Percent(96.6), DaysLeft(-419),
                              VisitId("x-d5d89a"), Day(dt.date(2025, 10, 14)), Role("provincial_ca"))] == \
        ["unknown", "no", None, 96.6, -419, "x-d5d89a", "2025-10-14", "provincial_ca"]


READINESS = Table("readiness", ("code", "unit", "pcs", "firewall_on", "os_unsupported", "last_place"),
                  ((22333, "Phường Bắc Nha Trang", 2, Change(0, 0, 2, 2), Change(1, 1, 0, 0), ""),
                   (22420, "Phường Cam Ranh", 0, Change(0, 0, 0, 0), Change(0, 0, 0, 0), "")),
                  ("", 65, 2, Change(0, 0, 2, 2), Change(1, 1, 0, 0), ""),
                  labels={"firewall_on": ("Tường lửa bật", "Firewall on"),
                          "os_unsupported": ("Hệ điều hành hết hỗ trợ", "OS past end of support")},
                  polarity={"firewall_on": True, "os_unsupported": False})
PCS = Table("pcs", ("code", "unit", "pc_id", "first_check", "last_check", "firewall_on", "os_unsupported"),
            ((22333, "P", "pc-1", "2026-11-20T01:10:00+00:00", "2026-11-22T01:11:00+00:00",
              Change(*(tables.Coded("report.answer.unknown", "unknown"),) * 2),
              Change(*(tables.Coded("report.answer.yes", "yes"),) * 2)),),
            labels=READINESS.labels, polarity=READINESS.polarity)


def test_unknown_is_never_zero_in_console_csv_markdown_and_html():
    for shown in (tables.console([READINESS, PCS], "vi"), tables.to_csv(READINESS, "vi"),
                  "".join(tables.markdown("T", [tables.section(READINESS, "vi")])),
                  "".join(tables.html_table(*tables.section(READINESS, "vi")[1:]))):
        assert "chưa rõ → chưa rõ" in shown and "0 → 0" not in shown
    assert "chưa rõ → chưa rõ" in tables.to_csv(PCS, "vi")


def test_json_keeps_the_counts_and_how_many_are_unknown():
    row = json.loads(tables.to_json([READINESS], {}))["reports"]["readiness"]["rows"][0]
    assert (row["firewall_on"], row["firewall_on_unknown"], row["os_unsupported"]) == (0, 2, 1)


def test_xlsx_cells_are_numbers_dates_and_words_never_arrow_text():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(tables.to_xlsx(tables.report_sheets([READINESS, PCS], "vi"))))
    ready, pcs = book.worksheets
    header = [c.value for c in ready[1]]
    assert header[3:9] == ["Tường lửa bật (Lần đầu)", "Tường lửa bật (Gần nhất)",
                           "Tường lửa bật: số máy chưa rõ (Lần đầu)", "Tường lửa bật: số máy chưa rõ (Gần nhất)",
                           "Hệ điều hành hết hỗ trợ (Lần đầu)", "Hệ điều hành hết hỗ trợ (Gần nhất)"]
    first = [c.value for c in ready[2]]
    assert first[3:9] == ["chưa rõ", "chưa rõ", 2, 2, 1, 1]
    cells = [c.value for row in ready.iter_rows(min_row=2) for c in row]
    assert not any(isinstance(v, str) and "→" in v for v in cells)
    assert isinstance(pcs["D2"].value, dt.datetime) and pcs["D2"].value == dt.datetime(2026, 11, 20, 8, 10)
    assert [c.value for c in pcs[2]][5:] == ["chưa rõ", "chưa rõ", "có", "có"]


def test_html_cells_carry_their_polarity():
    page = "".join(tables.html_table(*tables.section(PCS, "en")[1:]))
    assert "<td class='unknown'>unknown → unknown</td>" in page and "<td class='bad'>yes → yes</td>" in page


@pytest.mark.parametrize("name", ["Từng máy tính đã kiểm tra (lần đầu → gần nhất)",
                                  "Mức sẵn sàng theo đơn vị (số máy: lần kiểm tra đầu → gần nhất)",
                                  "Độ phủ: các xã, phường, đặc khu"])
def test_sheet_names_are_cut_after_a_whole_word_and_stay_unique(name):
    import unicodedata

    taken: set[str] = set()
    first, second = tables._sheet_name(name, taken), tables._sheet_name(unicodedata.normalize("NFD", name), taken)
    assert len(first) <= 31 and len(second) <= 31 and first != second and second.endswith(" (2)")
    name = name.replace(": ", " - ")                                    # a colon cannot be in a sheet name
    assert first.count("(") == first.count(")")                          # no bracket left open
    assert name.startswith(first) and name[len(first)] in " (,"         # the next character ends a word


def test_check_evidence_and_sentences_in_vietnamese_style():
    """«Còn lại: quá hạn 419 ngày» (was -419), «96,6 %», the boot time in the header's zone (UTC+7),
    decimal commas in sentences; ports and other whole numbers as they are."""
    from kfield.core.result import Message, Result, Status, measure
    from kfield.formats import text as t

    result = Result("PC001", Status.FAIL, Message("pc.cpu.busy", {"percent": 96.6}),
                    evidence=(measure("eos_days", -419, "days"), measure("cpu_percent", 96.6, "%"),
                              measure("boot_time", "2026-12-07T01:30+00:00"), measure("port", 8987)))
    assert t.evidence_text(result, "vi").split("; ")[0] == "Còn lại: quá hạn 419 ngày"
    assert t.evidence_text(result, "en").split("; ")[0] == "Remaining: overdue by 419 days"
    shown = t.evidence_text(result, "vi")
    assert ": 96,6 %" in shown and "Khởi động lúc: 07/12/2026 08:30" in shown and ": 8987" in shown
    assert "96,6" in t.summary(result, "vi") and "96.6" in t.summary(result, "en")
    ended = Result("PC001", Status.FAIL, Message("pc.os.unsupported", {"os": "Windows 10", "date": "2025-10-14"}),
                   evidence=(measure("eos_date", "2025-10-14"),))
    assert "14/10/2025" in t.summary(ended, "vi") and "2025-10-14" not in t.summary(ended, "vi")
    assert t.evidence_text(ended, "en").endswith(": 14/10/2025")
