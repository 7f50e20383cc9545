"""The compiled schema check (`events.accepts`) says yes exactly when the field-by-field walk
(`events.explain`) finds nothing wrong, so `events.problem` refuses what it always refused, with
the same reason. Compared over every declared field given every value of the fuzz corpus and the
edges of its own declaration, over decoded lines of the seeded fuzz corpus, and over values
hypothesis builds."""

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfield.visit import events, store
from tests.fuzz import corpus

ABSENT = object()


def _good_events() -> dict[str, dict]:
    """One event of each kind as the writers produce it, every optional field present."""
    rng = random.Random(5)
    kinds = {e["type"]: e for e in corpus.good_visit(rng, events=40)}
    data = {"problem": {"text": "x", "system": "pc", "outcome": "fixed", "problem": "p1"},
            "check_run": {"results": [{"check_id": "PC001", "status": "ok", "summary": {"key": "k"}}],
                          "started": "2026-11-24T08:00:00+00:00", "profile": "office", "hostname": "PC-01",
                          "pc_id": "pc-1", "verdict": {"place": "dns"}},
            "task": {"task": "lan", "system": "network"},
            "cancel": {"reason": "tập dượt"},
            "transcript": {"steps": []},
            "note": {"text": "ghi chú"},
            "train": {"topic": "VNeID", "officials": 3}}
    out = {kind: store.make_event(kind, "v1", payload) for kind, payload in data.items()}
    return {**out, "start": kinds["start"], "end": kinds["end"]}


GOOD = _good_events()


def _paths(spec: dict, prefix: tuple = ()):
    """(path to a field, its declaration) for every declared field, nested ones too."""
    for name, kind in spec.items():
        yield prefix + (name,), kind
        if isinstance(kind, events.Obj):
            yield from _paths(kind.fields, prefix + (name,))
        elif isinstance(kind, events.Objs):
            yield from _paths(kind.item.fields, prefix + (name, 0))
        elif isinstance(kind, events.Texts):
            yield prefix + (name, 0), events._ITEM


def _edges(kind) -> list:
    """Values at and just past the edges of one declaration."""
    if isinstance(kind, events.Text):
        return ["", "é", "x" * kind.max_len, "x" * (kind.max_len + 1), "a\x00", "\ud800", *kind.choices,
                *(c + "x" for c in kind.choices)]
    if isinstance(kind, events.Int):
        return [kind.low - 1, kind.low, kind.high, kind.high + 1, float(kind.low), False, True]
    if isinstance(kind, events.Texts):
        return [[], [None], ["x"] * kind.max_items, ["x"] * (kind.max_items + 1)]
    if isinstance(kind, events.Objs):
        item = _valid(kind.item)
        return [[], [None], [item] * events.LIST_MAX, [item] * (events.LIST_MAX + 1)]
    if isinstance(kind, events.Time):
        return ["2026-11-24T08:00:00", "2026-11-24T08:00:00+07:00", "2026-11-24", "x" * 65]
    return [{"x": 1}]


def _valid(kind):
    """The plainest value a declaration accepts."""
    if isinstance(kind, events.Obj):
        return {name: _valid(field) for name, field in kind.fields.items() if field.required}
    return {events.Text: lambda: kind.choices[0] if kind.choices else "x", events.Int: lambda: kind.low,
            events.Time: lambda: "2026-11-24T08:00:00+00:00", events.Texts: lambda: ["x"],
            events.Objs: lambda: [_valid(kind.item)]}[type(kind)]()


def _put(event: dict, path: tuple, value) -> dict:
    """A copy of `event` with the field at `path` set to `value` (or removed when ABSENT)."""
    event = json.loads(json.dumps(event))
    parent = event
    for step in path[:-1]:
        parent = parent[step]
    if value is ABSENT:
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
    else:
        parent[path[-1]] = value
    return event


def _variants():
    for kind, event in GOOD.items():
        spec = {**events.ENVELOPE, "data": events.Obj(events.KINDS[kind].fields)}
        for path, declared in _paths(spec):
            for value in (ABSENT, *corpus.VALUES, *_edges(declared)):
                yield kind, path, value, _put(event, path, value)


VARIANTS = list(_variants())


def _agree(value) -> None:
    assert events.accepts(value) == (events.explain(value) is None), value
    assert events.problem(value) == events.explain(value)


def test_every_good_event_takes_the_quick_path():
    for event in GOOD.values():
        assert events.accepts(event) and events.problem(event) is None


def test_the_variants_cover_every_field_and_both_answers():
    assert len(VARIANTS) > 1500
    refused = sum(1 for *_, event in VARIANTS if events.explain(event))
    assert 0.3 * len(VARIANTS) < refused < len(VARIANTS)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_every_field_given_every_value_gets_the_same_answer_both_ways(kind):
    for _, path, value, event in (v for v in VARIANTS if v[0] == kind):
        assert events.accepts(event) == (events.explain(event) is None), (path, value)
        assert events.problem(event) == events.explain(event)


def test_decoded_lines_of_the_fuzz_corpus_get_the_same_answer_both_ways():
    seen = 0
    for seed in range(400):
        for raw in corpus.log_case(seed).data.split(b"\n"):
            try:
                value = json.loads(raw)
            except (ValueError, RecursionError):
                continue
            _agree(value)
            seen += 1
    assert seen > 2000


JSON = st.recursive(st.none() | st.booleans() | st.integers(-2, 70_000) | st.text(max_size=80),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)
FIELDS = st.sampled_from([(kind, path) for kind, path, *_ in VARIANTS])


@settings(max_examples=600, deadline=None)
@given(FIELDS, JSON)
def test_any_json_value_in_any_field_gets_the_same_answer_both_ways(where, value):
    kind, path = where
    _agree(_put(GOOD[kind], path, value))


def test_a_subclass_value_is_left_to_the_slow_path_which_accepts_it():
    class Name(str):
        pass

    event = {**GOOD["note"], "data": {"text": Name("ghi chú")}}
    assert not events.accepts(event)
    assert events.problem(event) is None
