"""Every command-line value checked before use: each class the campaign found ending in an internal
error is one line, exit 2, in both languages, before anything is opened or sent."""

from __future__ import annotations

import os

import pytest

from kfield.cli import values
from tests.fuzz import harness

BAD_BYTES = os.fsdecode(b"Tr\xe2n")          # what argv holds for a name typed in a Latin-1 console
RTL = "h\u202e:1"


def _refused(parser, value) -> str:
    import typer

    with pytest.raises(typer.BadParameter) as caught:
        parser(value)
    return str(caught.value.message)


@pytest.mark.parametrize("value", ["22366", "Phường Nha Trang", " 22366 "])
def test_commune_accepts_codes_and_names(value):
    assert values.commune(value) == value


@pytest.mark.parametrize("value", ["9" * 5000, "²", "٣٣", "1234567", BAD_BYTES, "a\0b", "x\u202ey"])
def test_commune_refuses(value):
    _refused(values.commune, value)


@pytest.mark.parametrize("value, low, high", [("9" * 5000, 1, 99), ("²", 1, 99), ("0", 1, 99), ("100", 1, 99),
                                              ("-1", 0, 10), ("1.5", 0, 10), ("", 0, 10), ("١", 0, 10)])
def test_numbers_are_ascii_digits_in_range(value, low, high):
    _refused(values.number(low, high), value)
    assert values.number(1, 99)(" 56 ") == 56 and values.number(1, 99)(56) == 56


@pytest.mark.parametrize("value", ["h", "h:1", "10.0.0.1:8737", "[::1]", "[::1]:8737", "a-b.example.vn:80",
                                   "[fe80::1%eth0]:9"])
def test_host_port_accepts(value):
    assert values.host_port(value) == value


@pytest.mark.parametrize("value", ["::1", "[::1", "h:1:2", RTL, "h" * 100_000, "[zz]", "[::1]x", "h:0", "h:65536",
                                   "h:abc", "h:-1", "h:" + "9" * 5000, "", "a b", "h:²", BAD_BYTES, "-h"])
def test_host_port_refuses(value):
    _refused(values.host_port, value)


@pytest.mark.parametrize("value", ["", "postgresql://h:5432/db", "postgres://u:p@[::1]:5432/db", "sqlite:///tmp/x.db",
                                   "/tmp/agg.sqlite3", "postgresql:///db?host=/run/pg"])
def test_db_url_accepts(value):
    assert values.db_url(value) == value


@pytest.mark.parametrize("value", ["postgresql://h:99999/db", "postgresql://h:abc/db", "postgresql://h:-1/db",
                                   "postgresql://[::1/db", "postgresql://[zz]/db", "postgresql://" + "h" * 5000 + "/db",
                                   "postgresql://h:0/db", "sqlite:///" + "a" * 300, BAD_BYTES])
def test_db_url_refuses(value):
    _refused(values.db_url, value)


@pytest.mark.parametrize("value", ["a" * 256, "a/" * 2100, BAD_BYTES, "a\0b", "d/" + "é" * 128])
def test_paths_the_system_cannot_take(value):
    _refused(values.path, value)
    assert str(values.path("d/" + "é" * 127)) == "d/" + "é" * 127


@pytest.mark.parametrize("parser", [values.name, values.text])
def test_free_text_refuses_undecodable_bytes_and_nul(parser):
    _refused(parser, BAD_BYTES)
    _refused(parser, "a\0b")
    assert parser("Nguyễn Thị Lan") == "Nguyễn Thị Lan"
    assert values.text("dòng 1\ndòng 2") == "dòng 1\ndòng 2"
    _refused(values.name, "dòng 1\ndòng 2")


CASES = [
    ("visit", "start", "--commune", "9" * 5000), ("visit", "start", "--commune", "²"),
    ("visit", "start", "--commune", "22366", "--province", "9" * 5000),
    ("playbook", "show", "9" * 5000), ("check", "--profile", "9" * 5000), ("check", "--profile", "x" * 300 + ".yaml"),
    ("member", "set", "--name", BAD_BYTES, "--school", "s"), ("member", "set", "--name", "n", "--school", BAD_BYTES),
    ("member", "set", "--name", "n", "--school", "s", "--team", BAD_BYTES),
    ("playbook", "run", "net-slow", "--transcript", BAD_BYTES + ".json", "--non-interactive"),
    ("logs", "import", "/nonexistent", "--db", "postgresql://h:99999/db"),
    ("logs", "import", "/nonexistent", "--db", "postgresql://h:abc/db"),
    ("logs", "import", "/nonexistent", "--db", "postgresql://h:-1/db"),
    ("logs", "import", "/nonexistent", "--db", "postgresql://[::1/db"),
    ("logs", "import", "/nonexistent", "--db", "postgresql://[zz]/db"),
    ("logs", "import", "/nonexistent", "--db", "postgresql://" + "h" * 5000 + "/db"),
    ("report", "--db", "postgresql://h:99999/db"),
    ("net", "speed", "--server", "::1"), ("net", "speed", "--server", "[::1"), ("net", "speed", "--server", "h:1:2"),
    ("net", "speed", "--server", RTL), ("net", "speed", "--server", "h" * 100_000),
    ("logs", "import", "a" * 5000), ("usb", "verify", "a" * 5000), ("logs", "import", BAD_BYTES),
    ("visit", "note", BAD_BYTES), ("visit", "train", "--topic", "t", "--officials", "²"),
    ("lan", "speed", "h:1:2", "--token", "t"), ("serve", "--port", "9" * 5000),
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(x[:12] for x in a)[:60])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_reproducer_is_one_line_exit_2(tmp_path, args, lang):
    with harness.environment(tmp_path):
        code, shown = harness.kfield(*args, "--lang", lang)
    assert code == 2, shown
    lines = [line for line in shown.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in shown and "values." not in shown, shown
    assert ("Giá trị không hợp lệ" if lang == "vi" else "Invalid value") in lines[0]
