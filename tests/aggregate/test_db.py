"""The database layer on SQLite and PostgreSQL: a driver error becomes one domain error."""

from __future__ import annotations

import pytest

from kfield.aggregate import db as dbmod, reports
from kfield.core.errors import UsageError


def test_a_driver_error_is_one_line_and_leaves_the_connection_usable(db):
    db.execute("DROP TABLE check_failures")
    with pytest.raises(UsageError) as caught, dbmod.reported(db):
        reports.build(db, "faults")
    reason = caught.value.message.params["reason"]                    # a sentence, never the driver's English
    assert caught.value.message.key == "agg.db.failed" and reason.key in ("agg.driver.other", "agg.driver.schema")
    assert db.query("SELECT COUNT(*) FROM events") == [(0,)]


def test_the_password_never_appears_in_what_is_shown():
    assert dbmod._public("postgresql://lecturer:s3cret@db.example:5433/kfield") == \
        "postgresql://lecturer@db.example:5433/kfield"


def _refused(url, key):
    with pytest.raises(UsageError) as caught:
        dbmod.connect(url)
    assert caught.value.message.key == key
    return caught.value


def test_tables_with_other_columns_are_refused_before_anything_is_written(db_url):
    database = dbmod.connect(db_url)
    database.execute("DROP TABLE visits")
    database.execute("CREATE TABLE visits (id TEXT PRIMARY KEY, name TEXT)")
    database.close()
    error = _refused(db_url, "agg.db.schema")
    assert dict(error.message.params)["table"] == "visits" and "commune_code" in dict(error.message.params)["columns"]


def test_a_database_of_a_newer_schema_version_is_refused(db_url):
    database = dbmod.connect(db_url)
    database.execute("UPDATE meta SET value = '9' WHERE key = 'schema'")
    database.close()
    _refused(db_url, "agg.db.version")


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    (tmp_path / "photo.sqlite3").write_bytes(b"\xff\xd8\xff\xe0 JFIF" + bytes(5000))
    _refused(str(tmp_path / "photo.sqlite3"), "agg.db.open")


def test_a_database_with_flipped_bytes_is_not_imported_into(tmp_path):
    from kfield.aggregate.importer import Importer
    from tests.aggregate import logs

    path = tmp_path / "agg.sqlite3"
    logs.write(tmp_path / "stick", logs.visit())
    database = dbmod.connect(str(path))
    Importer(database, tmp_path / "q").run([tmp_path / "stick"])
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    raw = bytearray(path.read_bytes())
    page = 16384
    for at in range(page + 8, page + 200):                  # the header of the second page: a b-tree page
        raw[at] ^= 0x5A
    path.write_bytes(bytes(raw))
    try:
        database = dbmod.connect(str(path))
    except UsageError as error:                              # damaged where connect reads: refused there
        assert error.message.key in ("agg.db.open", "agg.db.schema")
        return
    with pytest.raises(UsageError) as caught:
        Importer(database, tmp_path / "q").run([tmp_path / "stick"])
    assert caught.value.message.key in ("agg.db.corrupt", "agg.db.open")
    database.close()


AWKWARD = ("tab\there", "line\nbreak", "back\\slash", "\\N", "", "'quoted' \"twice\"", "Phường Bắc Nha Trang", "a,b;c|d")


def test_appended_rows_read_back_exactly_as_inserted_rows(db):
    """On PostgreSQL `append` is a COPY stream: text that COPY's format treats specially comes back
    as it went in, the same as through a plain INSERT."""
    rows = [(f"e{i}", "v1", text, i) for i, text in enumerate(AWKWARD)]
    db.begin()
    db.append("trainings", ("event", "visit", "topic", "officials"), rows)
    db.executemany("INSERT INTO trainings (event, visit, topic, officials) VALUES (?,?,?,?)",
                   [(f"i{i}", "v1", text, i) for i, text in enumerate(AWKWARD)])
    db.append("trainings", ("event", "visit", "topic", "officials"), [])
    db.commit()
    stored = db.query("SELECT event, topic, officials FROM trainings ORDER BY event")
    assert stored == sorted([(f"e{i}", t, i) for i, t in enumerate(AWKWARD)] + [(f"i{i}", t, i) for i, t in enumerate(AWKWARD)])
