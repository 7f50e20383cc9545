import pytest

from kfield.core.errors import UsageError
from kfield.visit import communes


def test_khanh_hoa_has_its_65_units_after_the_merger():
    units = communes.all_units()
    assert len(units) == 65
    assert {u.kind for u in units} == {"xã", "phường", "đặc khu"}


@pytest.mark.parametrize("typed", ["Phường Nha Trang", "phuong nha trang", "Nha Trang", "  NHA   TRANG ", "22366"])
def test_diacritics_prefixes_case_spaces_and_the_official_code(typed):
    assert communes.resolve(typed).name == "Phường Nha Trang"


def test_special_zone():
    unit = communes.resolve("dac khu truong sa")
    assert (unit.name, unit.kind) == ("Đặc khu Trường Sa", "đặc khu")


def test_unknown_suggests_the_nearest():
    with pytest.raises(UsageError) as caught:
        communes.resolve("Nha Trng")
    assert caught.value.message.key == "visit.commune.unknown"
    assert "Phường Nha Trang" in caught.value.message.params["suggestions"]


def test_ambiguous_lists_the_candidates(monkeypatch):
    twins = [communes.Commune(1, "Xã Hòa Bình", "xã"), communes.Commune(2, "Phường Hòa Bình", "phường")]
    monkeypatch.setattr(communes, "all_units", lambda province=56: twins)
    with pytest.raises(UsageError) as caught:
        communes.resolve("hoa binh")
    assert caught.value.message.key == "visit.commune.ambiguous"
    assert caught.value.message.params["candidates"] == "Xã Hòa Bình (1); Phường Hòa Bình (2)"
    assert communes.resolve("xa hoa binh").code == 1


def test_fold_removes_every_vietnamese_mark():
    assert communes.fold("Đặc khu Trường Sa") == "dac khu truong sa"
