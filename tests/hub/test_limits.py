"""Limits and bad input on a real hub: oversized and malformed bodies, too many lines, the rate and
daily limits (nothing of a refused batch stored), a damaged line refused with its reason while the
good ones are kept, replays answered as duplicates, and a stalled upload cut without holding others."""

from __future__ import annotations

import json
import socket
import ssl
import time

import pytest

from kfield.aggregate import db as dbmod
from tests.aggregate import logs
from tests.hub.conftest import lines_of, post


def count_events(hub) -> int:
    database = dbmod.connect(hub.db_url)
    try:
        return database.query("SELECT COUNT(*) FROM events")[0][0]
    finally:
        database.close()


@pytest.fixture
def small_hub(start_hub, tmp_path):
    return start_hub(str(tmp_path / "hub.sqlite3"), "--max-body", "20000", "--max-batch", "8", "--rate", "12",
                     "--daily", "20", "--body-timeout", "1.5")


def test_oversized_and_too_long_batches_are_refused_whole(small_hub):
    an = small_hub.join("An")
    connection = small_hub.connection()
    events = logs.visit(members=("An",)) + logs.visit(members=("An",), start=logs.T0 + logs.dt.timedelta(days=1))
    status, _, answer = post(connection, an.token, lines_of(events))              # 10 lines > 8
    assert (status, answer["error"], answer["limit"]) == (413, "too_many_lines", 8)
    padded = lines_of(events[:1]) + b" " * 20_001
    status, _, answer = post(connection, an.token, padded)
    assert (status, answer["error"]) == (413, "too_large")
    assert count_events(small_hub) == 0


def test_damaged_lines_are_refused_with_the_reason_and_the_good_ones_kept(small_hub):
    an = small_hub.join("An")
    connection = small_hub.connection()
    events = logs.visit(members=("An",))
    edited = dict(events[2], data={**events[2]["data"], "officials": 500})        # checksum no longer matches
    body = (lines_of(events[:2]) + b'{"id": "x", "broken\n' + json.dumps(edited).encode() + b"\n"
            + b"\xff\xfe not utf-8\n" + lines_of(events[3:]))
    status, _, answer = post(connection, an.token, body)
    assert status == 200
    assert [(line["status"], line.get("reason")) for line in answer["lines"]] == [
        ("stored", None), ("stored", None), ("refused", "json"), ("refused", "checksum"), ("refused", "json"),
        ("stored", None), ("stored", None)]
    status, _, replay = post(connection, an.token, lines_of(events[:2]))
    assert [line["status"] for line in replay["lines"]] == ["duplicate", "duplicate"]
    assert count_events(small_hub) == 4


def test_the_rate_and_the_daily_limit_store_nothing_of_the_refused_batch(start_hub, tmp_path):
    hub = start_hub(str(tmp_path / "hub.sqlite3"), "--rate", "120", "--daily", "130")   # 2 events a second
    an = hub.join("An")
    connection = hub.connection()
    visits = [logs.visit(members=("An",), start=logs.T0 + logs.dt.timedelta(days=d)) for d in range(27)]
    for first in range(0, 24, 6):                                                   # 120 events at once
        assert post(connection, an.token, lines_of(sum(visits[first:first + 6], [])))[0] == 200
    status, headers, answer = post(connection, an.token, lines_of(visits[24]))
    assert (status, answer["error"], answer["limit"]) == (429, "rate", 120)
    assert 1 <= int(headers["retry-after"]) <= 3
    assert count_events(hub) == 120
    time.sleep(int(headers["retry-after"]) + 0.2)
    assert post(connection, an.token, lines_of(visits[24]))[0] == 200              # 125 of 130 today
    time.sleep(5.2)
    status, _, answer = post(connection, an.token, lines_of(visits[25] + visits[26]))   # 135 > 130
    assert (status, answer["error"], answer["limit"]) == (429, "daily", 130)
    assert count_events(hub) == 125


def test_a_stalled_upload_is_cut_and_others_are_served_meanwhile(small_hub):
    an, binh = small_hub.join("An"), small_hub.join("Bình")
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    stalled = context.wrap_socket(socket.create_connection(("127.0.0.1", small_hub.port), timeout=10))
    stalled.sendall(f"POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {an.token}\r\n"
                    "Content-Type: application/x-ndjson\r\nContent-Length: 5000\r\n\r\n{\"id\"".encode())
    started = time.monotonic()
    assert post(small_hub.connection(), binh.token, lines_of(logs.visit(members=("Bình",))))[0] == 200
    assert time.monotonic() - started < 1.5                # not queued behind the stalled upload
    answer = stalled.recv(4096).decode()
    while '"slow"' not in answer and len(answer) < 4096:
        more = stalled.recv(4096).decode()
        if not more:
            break
        answer += more
    assert answer.startswith("HTTP/1.1 408") and '"slow"' in answer
    assert 1.2 < time.monotonic() - started < 5
    stalled.close()
    assert count_events(small_hub) == 5


def test_a_client_trickling_its_headers_is_disconnected(small_hub):
    from kfield.hub import server

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    stalled = context.wrap_socket(socket.create_connection(("127.0.0.1", small_hub.port), timeout=30))
    stalled.sendall(b"POST /v1/events HTTP/1.1\r\nHost: x\r\n")
    started = time.monotonic()
    assert stalled.recv(4096) == b""                         # closed, no answer
    assert server.HEAD_SECONDS - 1 < time.monotonic() - started < server.HEAD_SECONDS + 5
