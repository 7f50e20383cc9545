"""parse_line's quicker parts give the answers of the plain code they replaced: one JSON decoder made
once gives what json.loads with the same options gives (reason text included), and counting the
brackets outside strings by splitting on quotes gives the depth a string-matching pattern gave."""

import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfield.visit import store
from tests.fuzz import corpus

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')      # the pattern parse_line used to strip strings with


def _depth_by_pattern(chunk: bytes) -> int:
    skeleton = _STRING.sub(b"", chunk).translate(None, store._NOT_BRACKET)
    return max(itertools.accumulate(map(store._STEP.__getitem__, skeleton)), default=0)


def _loads(text: str):
    return json.loads(text, parse_constant=store._no_constant, parse_float=store._finite)


def _outcome(decode, text: str):
    try:
        return "value", decode(text)
    except RecursionError:
        return "deep", None
    except ValueError as exc:
        return "error", str(exc)


def _corpus_lines(seeds=range(300)):
    for seed in seeds:
        yield from corpus.log_case(seed).data.split(b"\n")
    yield from corpus.HOSTILE_LINES


@pytest.mark.parametrize("text", ["\ufeff{}", "\ufeff", "{} x", "", " ", "[1, NaN]", '{"a": -Infinity}', "1e999",
                                  '{"a": 1.5}', "[" * 5000, '"\\ud800"', "\x00"])
def test_the_decoder_made_once_answers_as_json_loads(text):
    assert _outcome(store._decode, text) == _outcome(_loads, text)


def test_the_decoder_made_once_answers_as_json_loads_over_the_corpus():
    for raw in _corpus_lines():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        assert _outcome(store._decode, text) == _outcome(_loads, text), raw[:200]


def test_bracket_depth_matches_the_string_pattern_over_the_corpus():
    counted = 0
    for raw in _corpus_lines():
        if _outcome(_loads, raw.decode("utf-8", "replace"))[0] == "value":
            assert store._depth(raw) == _depth_by_pattern(raw), raw[:200]
            counted += 1
    assert counted > 1000


@pytest.mark.parametrize("value", [{"a": "]]]}}}"}, {"a\\": "[[{"}, ['\\"[', "\\\\", '"{"'], [[[["x\\\\\\\"]"]]]],
                                   {"k": [{"\\": {"\"": []}}]}, "[{", [], {}])
def test_brackets_and_quotes_inside_strings_are_not_counted(value):
    for raw in (json.dumps(value).encode(), json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()):
        assert store._depth(raw) == _depth_by_pattern(raw)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\x00é', max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text('[]{}"\\a', max_size=4), inner,
                                                                              max_size=4),
                    max_leaves=20)


@settings(max_examples=500, deadline=None)
@given(JSON, st.booleans())
def test_bracket_depth_matches_the_string_pattern_on_any_json(value, ascii_only):
    raw = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert store._depth(raw) == _depth_by_pattern(raw)


def test_parse_line_still_refuses_a_line_nested_too_deep_with_strings_in_the_way():
    event = store.make_event("note", "v1", {"text": "ok"})
    event["data"]["deep"] = json.loads('{"a\\"[": ' * 70 + '"]}\\\\"' + "}" * 70)
    event["sha256"] = store.checksum(event)
    assert store.parse_line(json.dumps(event).encode())[1] == f"json: nested deeper than {store.MAX_DEPTH}"
    event["data"]["deep"] = json.loads('{"a\\"[": ' * 60 + '"]}\\\\"' + "}" * 60)
    event["sha256"] = store.checksum(event)
    assert store.parse_line(json.dumps(event).encode())[1] == ""
