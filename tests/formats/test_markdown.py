import re

import pytest

from kfield.core.i18n import text
from kfield.formats import markdown
from kfield.formats import text as t


def split_cells(line):
    """Split a table row on pipes that are not backslash-escaped (as GFM does)."""
    cells, current, chars = [], "", iter(line.strip()[1:-1])
    for ch in chars:
        if ch == "\\":
            current += ch + next(chars)
        elif ch == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += ch
    return cells + [current.strip()]


def table_rows(body):
    return [line for line in body.splitlines() if line.startswith("| ")]


def test_heading_names_profile_and_host(report):
    first = markdown.render(report, "vi").splitlines()[0]
    assert first == "# Kết quả kiểm tra — hồ sơ xa-ninh-hoa, máy PC-UBND-01"


def test_one_section_per_area_in_check_order(report):
    body = markdown.render(report, "en")
    assert re.findall(r"^## (\w+) — ", body, re.M) == ["PC", "SEC", "SIGN"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_row_has_exactly_four_cells(report, lang):
    rows = table_rows(markdown.render(report, lang))
    assert len(rows) == len(report.results) + 2 * 3  # header + rule per area
    assert all(len(split_cells(row)) == 4 for row in rows), rows


def test_header_comes_from_the_catalogue(report):
    header = split_cells(table_rows(markdown.render(report, "vi"))[0])
    assert header == [text(k, "vi") for k in markdown.COLUMNS] == ["Trạng thái", "Bước kiểm tra", "Kết quả", "Số liệu"]


def test_pipes_backslashes_and_newlines_are_escaped(report):
    row = next(r for r in table_rows(markdown.render(report, "en")) if "PC003" in r)
    cells = split_cells(row)
    assert cells[2].startswith(r"a\|b\\\|c<br>new line loses security support in 30 days")
    assert cells[3] == r"OS: a\|b\\\|c<br>new line"


def test_html_is_inert(report):
    body = markdown.render(report, "en")
    assert "<script>" not in body and "</script>" not in body
    assert r"&lt;script&gt;alert\(1\)&lt;/script&gt;" in body     # parentheses escaped as link punctuation


def test_remedy_only_for_results_that_need_it(report):
    rows = {split_cells(r)[1].split()[0]: split_cells(r) for r in table_rows(markdown.render(report, "en"))[2:]}
    assert rows["PC001"][2].endswith("<br>→ " + markdown.cell(text("pc.os.remedy", "en")))
    assert "→" not in rows["PC002"][2]
    assert rows["PC001"][0] == "**Failed**"


def test_summary_line_closes_the_document(report):
    body = markdown.render(report, "vi")
    assert body.rstrip("\n").splitlines()[-1] == f"**{markdown.cell(t.summary_line(report, 'vi'))}**"
    assert "kfield 9.9.9" in body and "quyền quản trị: Có" in body


def test_cell_escapes_markdown_specials():
    assert markdown.cell("*x* _y_ `z` [l](u) a&b") == r"\*x\* \_y\_ \`z\` \[l\]\(u\) a&amp;b"
    assert markdown.cell("1\r\n2\r3") == "1<br>2<br>3"
