"""The visit event schema: what every writer produces passes, what damaged logs hold is refused with
the field named, and docs/visit-logs.md shows the declaration as it is."""

import json
from pathlib import Path

import pytest

from kfield.visit import events, store

ROOT = Path(__file__).resolve().parents[2]

# Data as the real writers produce it (kfield/visit/visits.py, cli/visit.py, a check report, a transcript).
WRITTEN = {
    "start": {"commune_code": 22333, "commune": "Phường Nha Trang", "members": ["Lan", "Minh"], "school": "ĐH Nha Trang",
              "team": "", "province": 56},
    "note": {"text": "Máy in tầng 2 kẹt giấy"},
    "task": {"task": "internet", "system": "network"},
    "problem": {"text": "Không ký được", "system": "signing", "outcome": "escalated"},
    "train": {"topic": "VNeID", "officials": 12},
    "check_run": {"schema_version": 1, "profile": None, "hostname": "PC-01", "started": "2026-11-24T17:30:29+00:00",
                  "results": [{"check_id": "PC001", "status": "ok", "summary": {"key": "pc.ok", "params": {}},
                               "evidence": [{"name": "ms", "value": 1.5, "unit": "ms"}], "remedy": None}],
                  "verdict": {"place": "isp"}},
    "transcript": {"kind": "kfield.playbook.transcript", "playbook": "net-no-internet", "steps": []},
    "end": {},
    "cancel": {"reason": ""},
}


def test_every_kind_is_declared_and_what_writers_produce_passes():
    assert set(WRITTEN) == set(events.KINDS)
    for kind, data in WRITTEN.items():
        assert events.problem(store.make_event(kind, "v1", data)) is None, kind


def _event(kind, payload, **envelope):
    event = {**store.make_event("end", "v1", {}), "type": kind, "data": payload}
    event.update(envelope)
    if not envelope and "\\ud800" not in json.dumps(payload):
        event["sha256"] = store.checksum(event)
    return event


@pytest.mark.parametrize("kind, data, envelope, why", [
    ("problem", {"text": "x", "system": "pc"}, {}, "data.outcome: missing"),
    ("problem", {"outcome": "solved"}, {}, "data.outcome: not in vocabulary"),
    ("start", {"commune_code": 1, "commune": "x", "members": 3}, {}, "data.members: not a list"),
    ("start", {"commune_code": 1, "commune": "x", "members": ["a", ""]}, {}, "data.members[1]: empty"),
    ("start", {"commune_code": True, "commune": "x", "members": []}, {}, "data.commune_code: not an integer"),
    ("start", {"commune_code": 1, "commune": [], "members": []}, {}, "data.commune: not text"),
    ("train", {"topic": "t", "officials": 10**6}, {}, "data.officials: out of range"),
    ("train", {"topic": "", "officials": 1}, {}, "data.topic: empty"),
    ("note", {"text": "a\ud800b"}, {}, "data.text: NUL or lone surrogate"),
    ("note", {"text": "ok"}, {"time": "2026-11-24T17:30:00+00:00\x00"}, "time: NUL or lone surrogate"),
    ("note", {"text": "ok"}, {"time": "hôm qua"}, "time: not a time"),
    ("note", {"text": "ok"}, {"time": "2026-11-24T17:30:00"}, "time: no UTC offset"),
    ("note", {"text": "ok"}, {"data": []}, "data: not an object"),
    ("note", {"text": "ok"}, {"v": "1"}, "v: not an integer"),
    ("check_run", {"results": [{"check_id": "X", "status": "ok", "summary": {"key": 3}}]}, {},
     "data.results[0].summary.key: not text"),
    ("check_run", {"results": [5]}, {}, "data.results[0]: not an object"),
    ("cancel", {}, {}, "data.reason: missing"),
])
def test_a_damaged_event_is_refused_with_the_field_named(kind, data, envelope, why):
    assert events.problem(_event(kind, data, **envelope)) == why


def test_an_unknown_kind_from_a_newer_kfield_is_tolerated_and_extra_fields_kept():
    assert events.problem(_event("photo", {"anything": [1, {"x": None}]})) is None
    assert events.problem(_event("note", {"text": "x", "mood": "vui"})) is None


def test_make_event_refuses_what_the_schema_refuses():
    with pytest.raises(events.InvalidEvent, match="data.outcome"):
        store.make_event("problem", "v1", {"text": "x"})


def _line(event) -> bytes:
    return json.dumps(event, ensure_ascii=False).encode()


@pytest.mark.parametrize("raw, reason", [
    (b"[" * 100_000, "json"),                                   # RecursionError before
    (b'{"a":' * 70 + b"1" + b"}" * 70, "json"),                 # decodes, but deeper than MAX_DEPTH
    (b'{"province": NaN}', "json"),
    (b'{"province": Infinity}', "json"),
    (b'{"province": 1e999}', "json"),
    (b'{"n": 1' + b"0" * 5000 + b"}", "json"),                  # an integer too long to convert
    (b"\xff\xfe", "json"),
    (b"[1, 2]", "checksum"),
])
def test_a_line_that_is_not_bounded_strict_json_is_damaged_never_an_exception(raw, reason):
    event, why = store.parse_line(raw)
    assert event is None and why.split(":")[0] == reason


def test_a_lone_surrogate_or_nul_with_a_valid_checksum_is_damaged():
    for text in ("\ud800", "a\x00b"):
        event = _event("note", {"text": "ok"})
        event["data"]["extra"] = {"k": [text]}                  # undeclared fields are checked too
        event["sha256"] = store.checksum({**event, "data": {"text": "ok", "extra": {"k": ["?"]}}})
        line = json.dumps(event).encode()                       # ensure_ascii: \ud800 / \u0000 escapes
        assert store.parse_line(line)[1].startswith("json: NUL or lone surrogate")


def test_a_valid_checksum_over_wrong_fields_is_a_fields_damage():
    event, why = store.parse_line(_line(_event("problem", {"text": "x"})))
    assert event is None and why == "fields: data.outcome: missing"


def test_a_line_longer_than_the_limit_is_damaged_and_the_next_lines_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "MAX_LINE", 1000)
    path = tmp_path / "v.jsonl"
    good = [store.make_event("note", "v1", {"text": str(i)}) for i in range(2)]
    path.write_bytes(_line(good[0]) + b"\n" + b"x" * 5000 + b"\n" + _line(good[1]) + b"\n")
    log = store.read(path)
    assert [e["id"] for e in log.events] == [e["id"] for e in good]
    assert [(d.line, d.reason) for d in log.damage] == [(2, "json")]
    assert store.parse(path.read_bytes()).damage == log.damage


def test_the_docs_show_the_schema_as_declared():
    docs = (ROOT / "docs" / "visit-logs.md").read_text(encoding="utf-8")
    shown = docs.split("<!-- events:begin -->\n", 1)[1].split("<!-- events:end -->", 1)[0]
    assert shown == events.markdown()
