"""`visit show --json` written piece by piece is the JSON of the whole visit, byte for byte."""

import json

import pytest

from kfield.formats import visit as render
from kfield.visit import model, store


def _visit(notes, checks, transcripts):
    start = ("start", {"commune_code": 22366, "commune": "Phường Nha Trang", "members": ["An", "Bình"],
                       "school": "NTU"})
    items = [start, *(("note", {"text": t}) for t in notes), ("train", {"topic": "ATTT", "officials": 2}),
             *(("check_run", c) for c in checks), *(("transcript", t) for t in transcripts), ("end", {})]
    return model.replay([store.make_event(kind, "v1", data) for kind, data in items])


RUN = {"schema_version": 1, "started": "2026-11-24T08:00:00+00:00", "results": [
    {"check_id": "PC001", "status": "ok", "summary": {"key": "x", "params": {"a": [1, {"b": "đ\"\n"}]}},
     "evidence": [], "remedy": None}]}


@pytest.mark.parametrize("notes, checks, transcripts", [
    ((), (), ()), (("một", "hai \"ba\"\nbốn"), (RUN, RUN), ({"playbook": "x", "steps": [{"a": 1}], "empty": {}},)),
    (("một",), (), ({},)), ((), ({},), ())])
def test_json_chunks_are_the_whole_visit_dumped(notes, checks, transcripts):
    whole = _visit(notes, checks, transcripts)
    outline = model.Visit(**{**whole.__dict__, "notes": (), "checks": (), "transcripts": ()})
    streamed = "".join(render.json_chunks(outline, {"transcripts": iter(whole.transcripts), "notes": iter(whole.notes),
                                                    "checks": iter(whole.checks)}))
    assert streamed == json.dumps(render.as_dict(whole), ensure_ascii=False, indent=2) + "\n"
