import pytest

import csv
import io

from kfield.formats.cells import console_text, csv_text, markdown_cell, neutralise, neutralise_row


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", '=HYPERLINK("http://e","x")', " =x",
                                   "\t=1+1", "\n-2", " \t @x", "\u00a0=1"])
def test_formula_like_text_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value, cell", [("\r=1+1", "'\n=1+1"), ("\r\n+1", "'\n+1"), ("a\rb", "a\nb")])
def test_a_carriage_return_becomes_a_line_feed_and_a_formula_after_it_is_neutralised(value, cell):
    assert neutralise(value) == cell


def test_a_carriage_return_before_a_formula_cannot_start_a_csv_row():
    rows = list(csv.reader(io.StringIO(csv_text(["note"], [["\r=1+1"], ["ok"]]).lstrip("\ufeff"), newline="")))
    assert rows == [["note"], ["'\n=1+1"], ["ok"]]


def test_characters_xml_cannot_hold_become_replacement_characters():
    assert neutralise("a\x00b\x01c\x1fd") == "a\ufffdb\ufffdc\ufffdd"
    assert neutralise("\x0b=1") == "'\ufffd=1"


@pytest.mark.parametrize("value", ["Đạt", "PC001", "", "a=b", "'=already", "a -b"])
def test_plain_text_is_unchanged(value):
    assert neutralise(value) == value


def test_numbers_and_flags_stay_numbers():
    assert neutralise_row([-1.5, 0, True, None, "-x"]) == [-1.5, 0, True, None, "'-x"]


@pytest.mark.parametrize("value, forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ('<img src=x onerror="alert(1)">', "<img"),
    ("[bấm vào](javascript:alert(1))", "](javascript"),
    ("![x](http://e/x.png)", "!["),
    ("a | b", "a | b"),
    ("\x1b[31mđỏ", "\x1b"),
    ("dòng 1\r\ndòng 2", "\n"),
])
def test_a_markdown_cell_holds_no_live_html_link_image_control_or_row_break(value, forbidden):
    assert forbidden not in markdown_cell(value)


def test_markdown_keeps_vietnamese_and_shows_line_breaks():
    assert markdown_cell("Máy in\nkẹt giấy") == "Máy in<br>kẹt giấy"


@pytest.mark.parametrize("value", ["\x1b[2J", "\x1b]0;title\x07", "\x9b31m", "a\rb", "\u202egnp.exe", "\x08\x08"])
def test_console_text_shows_control_characters_instead_of_obeying_them(value):
    shown = console_text(value)
    assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 or 0x202a <= ord(c) <= 0x202e for c in shown)
    assert shown.startswith("\\") or "\\" in shown


def test_console_text_keeps_vietnamese_newlines_and_tabs():
    assert console_text("Ghi chú:\tổn\nđịnh") == "Ghi chú:\tổn\nđịnh"


JOINED = [("=1+1", "a"), ("", " ", "\r=2", 'x"y'), (), ("",), ("ab\r\ncd", "ễ,1"), (" ", "@x"), ("\t", "-1"),
          ("dòng 1\ndòng 2", "=HYPERLINK(\"http://x\")")]


@pytest.mark.parametrize("parts", JOINED)
def test_a_cell_in_parts_reads_back_as_the_whole_cell_does(parts):
    from kfield.core.table import Joined, Reread
    from kfield.formats.cells import csv_text

    lazy = Joined(Reread(lambda: iter(parts), len(parts)))
    row, whole = ["-3", lazy, "", None, 5, 'q"q', " x"], ["-3", str(lazy), "", None, 5, 'q"q', " x"]
    written, expected = (list(csv.reader(io.StringIO(csv_text(["h"] * 7, [r])))) for r in (row, whole))
    assert written == expected


def test_a_cell_in_parts_is_written_part_by_part():
    from kfield.core.table import Joined, Reread
    from kfield.formats.cells import csv_lines

    read = []

    def parts():
        for n in range(3):
            read.append(n)
            yield f"ghi chú {n}"
    lines = csv_lines(["a", "b"], [["x", Joined(Reread(parts, 3))]])
    text = next(lines)
    while "ghi chú 0" not in text:
        text += next(lines)
    assert read == [0] and text.endswith("ghi chú 0")


def test_a_spreadsheet_cell_holds_at_most_32767_characters():
    from kfield.core.table import Joined, Reread
    from kfield.formats.cells import SPREADSHEET_CELL, spreadsheet_cell

    long = spreadsheet_cell("=" + "x" * 40_000)
    assert len(long) == SPREADSHEET_CELL and long.startswith("'=") and long.endswith("…")
    many = Joined(Reread(lambda: iter(["y" * 1000] * 100), 100))
    assert len(spreadsheet_cell(many)) == SPREADSHEET_CELL
    assert spreadsheet_cell("ngắn") == "ngắn" and spreadsheet_cell(7) == 7
