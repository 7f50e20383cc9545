"""`kfield run --results-dir`: the <host>-<time>/ folder is made by the run itself, exclusively; a
folder or link planted at that predictable name is never entered, and a file is never written
through a link."""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

import pytest

from kfield.cli.scripted import results_folder
from kfield.core import atomic
from kfield.core.errors import UsageError

REPORT = SimpleNamespace(hostname="ubnd-01", started=dt.datetime(2026, 11, 24, 10, 15, 30))
NAME = "ubnd-01-20261124-101530"


def test_a_link_planted_at_the_predictable_name_is_never_followed(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    base = tmp_path / "results"
    base.mkdir()
    (base / NAME).symlink_to(elsewhere)
    (base / f"{NAME}-2").mkdir()                       # a folder someone made: not ours either
    folder = results_folder(base, REPORT)
    assert folder == base / f"{NAME}-3" and folder.is_dir() and not folder.is_symlink()
    atomic.write_new(folder / "report.json", "{}\n")
    assert list(elsewhere.iterdir()) == [] and list((base / f"{NAME}-2").iterdir()) == []


def test_a_result_file_is_never_written_through_a_link_or_over_a_file(tmp_path):
    victim = tmp_path / "victim"
    (tmp_path / "report.json").symlink_to(victim)
    (tmp_path / "summary.html").write_text("someone's\n", encoding="utf-8")
    for name in ("report.json", "summary.html"):
        with pytest.raises(UsageError):
            atomic.write_new(tmp_path / name, "x")
    assert not victim.exists() and (tmp_path / "summary.html").read_text(encoding="utf-8") == "someone's\n"
    assert sorted(os.listdir(tmp_path)) == ["report.json", "summary.html"]          # no temporary file left


def test_the_folder_is_made_where_nothing_is(tmp_path):
    folder = results_folder(tmp_path / "new" / "results", REPORT)
    assert folder == tmp_path / "new" / "results" / NAME and folder.is_dir()
