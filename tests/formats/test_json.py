"""The one JSON writer: a document with sequences read as they are written (`Reread`, iterators)
is the same text as with lists, written a piece at a time, and never turns a sequence into its repr."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfield.core.table import Reread
from kfield.formats.json import document, envelope, envelope_pieces, pieces

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
KEYS = st.text() | st.integers() | st.booleans()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(KEYS, inner, max_size=4), max_leaves=20)


def streamed(value, kind):
    """The same value with every list of dicts read as it goes (kind: a Reread or an iterator)."""
    if isinstance(value, dict):
        return {k: streamed(v, kind) for k, v in value.items()}
    if isinstance(value, list):
        if kind == "reread":
            return Reread(lambda: iter(value), len(value))
        return iter([streamed(v, kind) for v in value])
    return value


@settings(max_examples=300, deadline=None)
@given(VALUES, st.sampled_from(["reread", "iterator"]))
def test_pieces_make_the_same_text_as_the_whole_document(value, kind):
    assert "".join(pieces(streamed(value, kind))) + "\n" == document(value)


def test_an_envelope_in_pieces_is_the_envelope():
    rows = [{"a": "Xã Cam Lâm", "b": [1, 2]}, {"a": "ễ"}]
    text = "".join(envelope_pieces(1, {"visits": iter(rows), "notes": Reread(lambda: ["x", "y"], 2)}))
    assert text == envelope(1, {"visits": rows, "notes": ["x", "y"]})
    assert json.loads(text)["visits"][0]["a"] == "Xã Cam Lâm"


def test_a_reread_is_read_item_by_item_as_it_is_written():
    read = []

    def items():
        for n in range(3):
            read.append(n)
            yield {"n": n}
    written = pieces({"items": Reread(items, 3)})
    text = next(written)
    while '"n": 0' not in text:
        text += next(written)
    assert read == [0]                              # the first item written before the second is read
    assert json.loads(text + "".join(written))["items"][2] == {"n": 2}


def test_a_sequence_read_as_it_goes_is_never_written_as_its_repr():
    with pytest.raises(TypeError):
        document({"notes": Reread(lambda: ["x"], 1)})         # whole encoding cannot take it: refused
    with pytest.raises(TypeError):
        "".join(pieces({"runs": Reread(lambda: [{"inner": iter([1])}], 1)}))
