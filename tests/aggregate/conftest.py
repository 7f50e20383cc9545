"""The database fixture: every test that takes `db` runs against SQLite and a real PostgreSQL."""

from __future__ import annotations

import pytest

from kfield.aggregate import db as dbmod
from tests.aggregate.postgres import Server


@pytest.fixture(scope="session")
def pg_server():
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'kfield[postgres]')")
    try:
        server = Server().start()
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "agg.sqlite3")
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def db(db_url):
    database = dbmod.connect(db_url)
    yield database
    database.close()
