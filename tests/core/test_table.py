"""Table parts the writers share: a sequence read again on each walk, text in parts cut for a cell."""

from kfield.core.table import Joined, Reread


def test_a_reread_reads_its_source_again_on_each_walk():
    calls = []

    def read():
        calls.append(1)
        return iter(["a", "b"])
    again = Reread(read, 2)
    assert list(again) == list(again) == ["a", "b"] and len(calls) == 2 and len(again) == 2
    assert "2 items" in repr(again)


def test_joined_text_is_its_parts_with_the_separator():
    assert str(Joined(("An", "Bình"))) == "An; Bình"
    assert str(Joined(Reread(lambda: iter(["x", "y"]), 2), sep=" / ")) == "x / y"


def test_head_cuts_at_the_limit_and_reads_no_part_after_the_cut():
    read = []

    def parts():
        for part in ("abc", "def", "ghi"):
            read.append(part)
            yield part
    assert Joined(Reread(parts, 3)).head(6) == ("abc; d", True) and read == ["abc", "def"]
    assert Joined(("ab", "c")).head(5) == ("ab; c", False)
    assert Joined(()).head(3) == ("", False)
