"""The hub's commands on the lecturer's side: invite (the line to run, a QR code), devices, revoke,
and serve refusing plain HTTP off loopback."""

from __future__ import annotations

import json

from kfield.hub import client


def test_invite_devices_revoke_through_the_commands(laptop, tmp_path):
    lecturer = laptop("Thầy Minh")
    db = str(tmp_path / "hub.sqlite3")
    invited = lecturer.kfield("hub", "invite", "--member", "Nguyễn Văn An", "--school", "NTU", "--db", db, lang="vi")
    assert invited.returncode == 0, invited.stderr
    command = invited.stdout.split()
    assert command[:3] == ["kfield", "hub", "join"] and len(command[4]) == 29          # five groups of five
    assert "dùng một lần" in invited.stderr and "█" in invited.stderr                 # the words, the QR code
    assert lecturer.kfield("hub", "invite", "--member", "An", "--db", db).returncode == 2  # a school is needed
    listed = json.loads(lecturer.kfield("hub", "devices", "--format", "json", "--db", db).stdout)
    assert [(d["member"], d["role"], d["joined"]) for d in listed] == [("Nguyễn Văn An", "student", None)]
    revoked = lecturer.kfield("hub", "revoke", "Nguyễn Văn An", "--db", db, lang="vi")
    assert revoked.returncode == 0 and "Đã thu hồi 1" in revoked.stderr
    assert lecturer.kfield("hub", "revoke", "Nguyễn Văn An", "--db", db).returncode == 2   # nothing left to revoke
    assert "đã thu hồi" in lecturer.kfield("hub", "devices", "--db", db, lang="vi").stdout


def test_serve_refuses_plain_http_off_loopback_and_push_needs_a_hub(laptop):
    an = laptop("An")
    refused = an.kfield("hub", "serve", "--bind", "0.0.0.0", "--plain-http", lang="vi")
    assert refused.returncode == 2 and "HTTP không mã hóa chỉ dùng được trên máy này" in refused.stderr
    pushed = an.kfield("logs", "push", lang="vi")
    assert pushed.returncode == 2 and "chưa ghi danh" in pushed.stderr
    assert "No hub joined" in an.kfield("logs", "status").stdout
    assert client.check_url("http://localhost:8443")[0] == "http"
