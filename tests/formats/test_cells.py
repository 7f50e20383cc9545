import pytest

from kfield.formats.cells import neutralise, neutralise_row


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://e","x")'])
def test_formula_like_text_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Đạt", "PC001", "", "a=b", "'=already", " =x"])
def test_plain_text_is_unchanged(value):
    assert neutralise(value) == value


def test_numbers_and_flags_stay_numbers():
    assert neutralise_row([-1.5, 0, True, None, "-x"]) == [-1.5, 0, True, None, "'-x"]
