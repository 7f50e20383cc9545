"""Failures from SQLite and PostgreSQL in the user's language: the drivers' English text never reaches
the line (real databases, a real server that is not there, a locked file)."""

from __future__ import annotations

import sqlite3

import pytest

from kfield.aggregate import db as dbmod
from kfield.cli import errors, run
from kfield.core.i18n import render, reset_lang, use_lang

ENGLISH = ("unable to open", "database is locked", "file is not a database", "connection", "No such file",
           "duplicate key", "psycopg", "OperationalError")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_file_that_is_not_a_database_and_a_missing_server(tmp_path, monkeypatch, capsys, lang):
    monkeypatch.setenv("KFIELD_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "notes.sqlite3").write_bytes(b"this is a note, not a database\n" * 200)
    for url in (str(tmp_path / "notes.sqlite3"), f"postgresql://kfield@/x?host={tmp_path}/none&port=5"):
        code = run(["report", "coverage", "--db", url, "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        if lang == "vi":
            assert not [word for word in ENGLISH if word.lower() in err.lower()], err


def test_sqlite_result_codes_are_sentences():
    with sqlite3.connect(":memory:") as conn:
        try:
            conn.execute("SELECT * FROM nowhere")
        except sqlite3.Error as exc:
            other = dbmod.driver_reason(exc)
    assert other.key in ("agg.driver.other",) and "nowhere" not in render(other, "vi")
    try:
        sqlite3.connect("/nonexistent/folder/x.db")
    except sqlite3.Error as exc:
        assert render(dbmod.driver_reason(exc), "vi").startswith("không mở được tệp")


def test_a_database_held_by_another_program_is_one_line_in_vietnamese(tmp_path, capsys):
    path = tmp_path / "agg.sqlite3"
    dbmod.connect(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        held = sqlite3.connect(path, isolation_level=None, timeout=0)
        chosen = use_lang("vi")
        with pytest.raises(errors.Exit) as done:
            with errors.funnel():
                held.execute("BEGIN IMMEDIATE")          # an error no command wrapped: the funnel words it
        held.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        reset_lang(chosen)
    err = capsys.readouterr().err
    assert done.value.code == 2 and "đang bị chương trình khác" in err and "locked" not in err, err
