import csv
import io

import pytest

from kfield.core.i18n import text
from kfield.formats import csv as csv_format
from tests.formats.sample import FORMULA, PIPED

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def parse(body):
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:], newline="")))


def by_id(rows):
    return {row[0]: row for row in rows[1:]}


def test_starts_with_a_bom_and_survives_utf8_sig(report):
    body = csv_format.render(report, "vi")
    raw = body.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Lỗi" in raw.decode("utf-8-sig") and not raw.decode("utf-8-sig").startswith("\ufeff")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_header_comes_from_the_catalogue(report, lang):
    rows = parse(csv_format.render(report, lang))
    assert rows[0] == [text(key, lang) for key in csv_format.COLUMNS]
    assert all(len(row) == 10 for row in rows)
    assert len(rows) == 1 + len(report.results)


def test_row_contents_in_vietnamese(report):
    row = by_id(parse(csv_format.render(report, "vi")))["PC001"]
    assert row[1:6] == ["Máy tính", "Hệ điều hành", "Lỗi", "fail",
                        "Windows 7 <script>alert(1)</script> đã hết hỗ trợ bảo mật từ 14/01/2020"]
    assert row[6] == "Hệ điều hành: Windows 7 Chuyên nghiệp; Còn lại: quá hạn 2.500 ngày"
    assert row[7] == text("pc.os.remedy", "vi")
    assert row[8:] == ["0.5", "Có"]


def test_no_cell_can_start_a_formula(report):
    for lang in ("vi", "en"):
        for row in parse(csv_format.render(report, lang)):
            assert not [cell for cell in row if cell.startswith(DANGEROUS)], row


def test_formula_cells_are_kept_but_neutralised(report):
    rows = by_id(parse(csv_format.render(report, "en")))
    assert rows["PC002"][5] == "'" + FORMULA + ": no end-of-support date in the profile"
    assert rows["PC002"][6] == "Build: =1+2"  # not at the start: harmless, left as measured
    assert rows["PC004"][5].startswith("'-1+2")
    assert rows["PC005"][5].startswith("'@SUM")
    assert rows["PC006"][5].startswith("'\tcmd")


def test_pipes_quotes_and_newlines_round_trip(report):
    rows = by_id(parse(csv_format.render(report, "en")))
    assert rows["PC003"][5] == f"{PIPED} loses security support in 30 days"
    assert rows["PC003"][6] == f"OS: {PIPED}"
    assert '"Bấm vào đây"' in rows["PC002"][5]


def test_remedy_is_left_out_for_ok_results(report):
    rows = by_id(parse(csv_format.render(report, "en")))
    assert rows["PC002"][7] == "" and rows["PC003"][7] == text("pc.os.remedy", "en")
    assert rows["SEC001"][3:5] == ["Skipped", "skip"]
