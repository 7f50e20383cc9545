"""The fuzz corpus's damaged and hostile logs, pushed to a real hub: never a server error, the hub
stays up, and every event whose line is still whole is stored (when its visit's start is too)."""

from __future__ import annotations

import json

from kfield.aggregate import db as dbmod
from tests.fuzz import corpus
from tests.hub.conftest import post


def test_damaged_and_hostile_logs_never_break_the_hub(start_hub, tmp_path):
    hub = start_hub(str(tmp_path / "hub.sqlite3"), "--max-batch", "100000")
    device = hub.join("Trần Thị Bình", "NTU")
    connection = hub.connection(timeout=60)
    stored: set[str] = set()
    for seed in range(60):
        case = corpus.log_case(seed)
        status, _, answer = post(connection, device.token, case.data)
        assert status == 200, (seed, case.mutation, answer)
        kept = {line["id"] for line in answer["lines"] if line["status"] in ("stored", "duplicate")}
        whole = [json.loads(piece.rstrip(b"\r")) for piece in case.data.split(b"\n") if _is_kept(piece, case.must_keep)]
        visits = {event["visit"] for event in whole}
        if visits and visits <= case.must_keep:          # the visit's start is whole: all the whole lines kept
            assert case.must_keep <= kept, (seed, case.mutation)
        else:                                            # no start: refused as a visit the hub does not know
            assert not kept & case.must_keep, (seed, case.mutation)
        stored |= {line["id"] for line in answer["lines"] if line["status"] == "stored"}
    database = dbmod.connect(hub.db_url)
    try:
        assert {row[0] for row in database.query("SELECT id FROM events")} == stored
    finally:
        database.close()


def _is_kept(piece: bytes, ids: set[str]) -> bool:
    if not any(i.encode() in piece for i in ids):
        return False
    try:
        return json.loads(piece.rstrip(b"\r")).get("id") in ids
    except (ValueError, AttributeError, RecursionError):
        return False
