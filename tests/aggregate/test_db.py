"""The database layer on SQLite and PostgreSQL: a driver error becomes one domain error."""

from __future__ import annotations

import pytest

from kfield.aggregate import db as dbmod, reports
from kfield.core.errors import UsageError


def test_a_driver_error_is_one_line_and_leaves_the_connection_usable(db):
    db.execute("DROP TABLE check_failures")
    with pytest.raises(UsageError) as caught, dbmod.reported(db):
        reports.build(db, "faults")
    assert caught.value.message.key == "agg.db.failed" and "check_failures" in caught.value.message.params["reason"]
    assert db.query("SELECT COUNT(*) FROM events") == [(0,)]


def test_the_password_never_appears_in_what_is_shown():
    assert dbmod._public("postgresql://lecturer:s3cret@db.example:5433/kfield") == \
        "postgresql://lecturer@db.example:5433/kfield"
