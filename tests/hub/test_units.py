"""The hub's parts alone: batches cut from a log, the backoff cap, codes, URLs, cursor identity."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from kfield.aggregate import db as dbmod
from kfield.core.errors import UsageError
from kfield.hub import client, tokens


def test_batches_are_whole_lines_bounded_by_count_and_size():
    log = io.BytesIO(b"a1\nb22\nc333\nd4")
    assert client.next_batch(log, 0, 2, 100) == (b"a1\nb22\n", 0)
    assert client.next_batch(log, 7, 5, 100) == (b"c333\n", 0)         # the unfinished "d4" waits
    assert client.next_batch(log, 12, 5, 100) == (b"", 0)
    assert client.next_batch(log, 0, 10, 8) == (b"a1\nb22\n", 0)       # 8 bytes hold two whole lines


def test_a_line_longer_than_a_batch_is_skipped_once_it_is_whole():
    assert client.next_batch(io.BytesIO(b"x" * 50 + b"\nok\n"), 0, 10, 16) == (b"", 51)
    assert client.next_batch(io.BytesIO(b"x" * 50), 0, 10, 16) == (b"", 0)   # not finished yet: wait


def test_waits_double_and_never_pass_the_cap():
    backoff = client.Backoff(attempts=10, base=1.0, cap=5.0)
    waits = [backoff.delay(n) for n in range(8)]
    assert 0.8 <= waits[0] <= 1.0 and 1.6 <= waits[1] <= 2.0
    assert max(waits) <= 5.0 and waits[-1] >= 4.0
    assert backoff.delay(0, asked=3.0) >= 2.4                          # the hub's Retry-After is respected


def test_plain_http_only_to_loopback():
    assert client.check_url("http://127.0.0.1:8080")[0] == "http"
    assert client.check_url("https://192.168.1.10:8443") == ("https", "192.168.1.10", 8443)
    for bad in ("http://192.168.1.10:8443", "ftp://x", "https://", "192.168.1.10"):
        with pytest.raises(UsageError):
            client.check_url(bad)


@pytest.fixture
def database(tmp_path):
    database = dbmod.connect(str(tmp_path / "hub.sqlite3"))
    tokens.create_tables(database)
    yield database
    database.close()


def test_codes_are_one_time_expire_and_tokens_are_stored_hashed(database):
    then = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    _, old = tokens.invite(database, "student", "An", "NTU", then)
    with pytest.raises(UsageError):
        tokens.join(database, old, then + dt.timedelta(days=tokens.CODE_DAYS, seconds=1))
    _, code = tokens.invite(database, "student", "An", "NTU")
    device, token = tokens.join(database, code.lower().replace("-", " "))    # as typed: any case, any spacing
    assert tokens.authenticate(database, token) == device
    stored = database.query("SELECT token_sha256, code_sha256 FROM hub_devices WHERE id = ?", (device.id,))[0]
    assert token.split(".")[1] not in stored and code not in stored
    with pytest.raises(UsageError):
        tokens.join(database, code)
    assert tokens.revoke(database, device.id) == 1 and tokens.authenticate(database, token) is None


def test_a_cursor_made_for_another_file_starts_again(tmp_path):
    path = tmp_path / "v.jsonl"
    path.write_bytes(b"first line\nsecond\n")
    with open(path, "rb") as handle:
        cursor = client._identity(handle, None)
        cursor.offset = 11
        assert client._identity(handle, cursor).offset == 11
    path.unlink()
    path.write_bytes(b"other file\nsecond\n")                       # same size, other content and inode
    with open(path, "rb") as handle:
        assert client._identity(handle, cursor).offset == 0


def test_a_bad_report_query_names_only_what_was_typed():
    from kfield.hub.reports import Query

    for name, params, shown in (("nope", {}, "nope"), ("coverage", {"format": "pdf"}, "pdf"),
                                ("coverage", {"from": "2026-13-45"}, "2026-13-45"), ("all", {"format": "csv"}, "csv")):
        with pytest.raises(ValueError) as refused:
            Query.parse(name, params, "vi")
        assert str(refused.value) == shown
    assert Query.parse("all", {"format": "md", "from": "2026-11-01"}, "en").names[0] == "coverage"
