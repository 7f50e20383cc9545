"""Who may send and read: missing, wrong and revoked tokens; a lecturer's reading role; a member
sending another's events; used and unknown enrolment codes; a certificate that is not the pinned one."""

from __future__ import annotations

import pytest

from kfield.aggregate import db as dbmod
from kfield.core.errors import UsageError
from kfield.hub import client, tokens
from tests.aggregate import logs
from tests.hub.conftest import lines_of, post


@pytest.fixture
def hub(start_hub, tmp_path):
    return start_hub(str(tmp_path / "hub.sqlite3"))


def count_events(hub) -> int:
    database = dbmod.connect(hub.db_url)
    try:
        return database.query("SELECT COUNT(*) FROM events")[0][0]
    finally:
        database.close()


def test_nothing_is_readable_or_writable_without_a_valid_token(hub):
    connection = hub.connection()
    body = lines_of(logs.visit(members=("An",)))
    assert connection.request("GET", "/reports/coverage?format=json")[0] == 401
    assert connection.request("GET", "/")[0] == 401
    status, _, answer = post(connection, "", body)
    assert (status, answer["error"]) == (401, "no_token")
    student = hub.join("An")
    forged = student.token.split(".")[0] + ".not-the-secret"
    status, _, answer = post(connection, forged, body)
    assert (status, answer["error"]) == (401, "bad_token")
    assert answer["message"] == "Khóa sai hoặc đã bị thu hồi"          # Vietnamese unless asked otherwise
    assert count_events(hub) == 0


def test_a_revoked_device_can_no_longer_send(hub):
    student = hub.join("An")
    connection = hub.connection()
    assert post(connection, student.token, lines_of(logs.visit(members=("An",))))[0] == 200
    database = dbmod.connect(hub.db_url)
    try:
        assert tokens.revoke(database, "An") == 1
    finally:
        database.close()
    status, _, answer = post(connection, student.token, lines_of(logs.visit(members=("An",))))
    assert (status, answer["error"]) == (401, "bad_token")
    assert count_events(hub) == 5


def test_a_lecturer_reads_every_report_and_cannot_send(hub):
    student, lecturer = hub.join("An"), hub.join("Thầy Minh", "", "lecturer")
    connection = hub.connection()
    post(connection, student.token, lines_of(logs.visit(members=("An",))))
    bearer = {"Authorization": f"Bearer {lecturer.token}"}
    status, _, answer = post(connection, lecturer.token, lines_of(logs.visit(members=("Thầy Minh",))))
    assert (status, answer["error"]) == (403, "wrong_role")
    assert connection.request("GET", "/reports/coverage?format=json", headers={"Authorization": f"Bearer {student.token}"})[0] == 403
    from kfield.aggregate.reports import NAMES
    for name in NAMES:
        for fmt in ("json", "csv", "md", "html", "console", "xlsx"):
            assert connection.request("GET", f"/reports/{name}?format={fmt}", headers=bearer)[0] == 200, (name, fmt)
    status, _, answer = connection.request("GET", "/reports/coverage?format=json", headers=bearer)
    visited = [row for row in answer["reports"]["coverage"]["rows"] if row["visits"]]
    assert [(row["code"], row["visits"]) for row in visited] == [(22333, 1)]
    assert connection.request("GET", "/reports/nonsense?format=json", headers=bearer)[0] == 400
    assert connection.request("GET", "/?lang=en", headers=bearer)[0] == 200


def test_a_code_works_once(hub):
    code = hub.invite("An")
    client.join(hub.url, code, hub.fingerprint)
    with pytest.raises(UsageError) as refused:
        client.join(hub.url, code, hub.fingerprint)
    assert refused.value.message.key == "hub.code_refused"


def test_a_certificate_other_than_the_pinned_one_gets_nothing(hub):
    with pytest.raises(UsageError) as refused:
        client.join(hub.url, hub.invite("An"), "ab" * 32)
    assert refused.value.message.key == "hub.fingerprint_mismatch"


def test_a_member_cannot_send_anothers_events_and_good_lines_are_kept(hub):
    an, binh = hub.join("An"), hub.join("Bình")
    connection = hub.connection()
    mine = logs.visit(members=("An",))
    assert post(connection, an.token, lines_of(mine))[0] == 200
    theirs = logs.visit(members=("An",), start=logs.T0 + logs.dt.timedelta(days=1))   # An's visit, sent by Bình
    own = logs.visit(members=("Bình",), start=logs.T0 + logs.dt.timedelta(days=2))
    status, _, answer = post(connection, binh.token, lines_of(mine[1:2] + theirs + own))
    assert status == 200
    statuses = [(line["status"], line.get("reason")) for line in answer["lines"]]
    assert statuses[0] == ("refused", "not_yours")                     # an event of An's visit
    assert statuses[1] == ("refused", "not_yours")                     # a start naming An first
    assert statuses[2:6] == [("refused", "unknown_visit")] * 4         # the rest of that visit
    assert statuses[6:] == [("stored", None)] * 5
    assert count_events(hub) == 10
    school = hub.join("Chi", "KHU")
    wrong_school = logs.visit(members=("Chi",), school="NTU")
    status, _, answer = post(connection, school.token, lines_of(wrong_school[:1]))
    assert answer["lines"][0]["reason"] == "not_yours"


def test_join_warns_when_the_laptops_member_is_not_the_invited_name(hub, laptop):
    an = laptop("An")
    assert an.kfield("member", "set", "--name", "An Nguyễn", "--school", "NTU").returncode == 0
    joined = an.enrol(hub)
    assert joined.returncode == 0 and "the invitation names An" in joined.stderr


def fetch(hub, method: str, path: str, body: bytes = b"", headers: dict | None = None):
    import http.client
    import ssl

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", hub.port, context=context, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_live_reports_are_the_report_commands_own(hub, laptop):
    import subprocess
    import sys

    from tests.hub.conftest import ROOT

    student, lecturer = hub.join("An"), hub.join("Thầy Minh", "", "lecturer")
    post(hub.connection(), student.token, lines_of(logs.visit(members=("An",))))
    bearer = {"Authorization": f"Bearer {lecturer.token}"}
    for name, fmt in (("coverage", "csv"), ("members", "console"), ("systems", "md")):
        status, _, served = fetch(hub, "GET", f"/reports/{name}?format={fmt}&lang=vi", headers=bearer)
        command = subprocess.run([sys.executable, "-m", "kfield", "--lang", "vi", "report", name, "--format", fmt,
                                  "--db", hub.db_url], capture_output=True, cwd=ROOT, timeout=60,
                                 env={**laptop("x").env(), "NO_COLOR": "1", "COLUMNS": "120"})
        assert status == 200
        if fmt == "md":       # the Markdown opens with the time it was made
            served, expected = served.split(b"\n", 2)[2], command.stdout.split(b"\n", 2)[2]
        else:
            expected = command.stdout
        assert served == expected, (name, fmt)


def test_a_lecturer_signs_in_from_a_browser(hub):
    lecturer, student = hub.join("Thầy Minh", "", "lecturer"), hub.join("An")
    status, headers, _ = fetch(hub, "GET", "/", headers={"Accept": "text/html"})
    assert (status, headers["location"]) == (303, "/login?lang=vi")
    status, _, page = fetch(hub, "GET", "/login")
    assert status == 200 and "Đăng nhập" in page.decode() and "default-src 'none'" in page.decode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert fetch(hub, "POST", "/login", f"token={student.token}".encode(), form)[0] == 401
    status, headers, _ = fetch(hub, "POST", "/login", f"token={lecturer.token}".encode(), form)
    cookie = headers["set-cookie"]
    assert status == 303 and "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
    status, _, page = fetch(hub, "GET", "/", headers={"Cookie": cookie.split(";")[0], "Accept": "text/html"})
    assert status == 200 and "<canvas" in page.decode()
