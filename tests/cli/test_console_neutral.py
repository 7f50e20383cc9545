"""Every value printed on a terminal is neutralised: imported values (a member's name, a commune as a
log wrote it, a readiness label) and facts read from the machine (an OS name, a Wi-Fi name) carry
no escape sequence, OSC-8 hyperlink or Rich markup the terminal or Rich would obey — in the
console `report` (plain and coloured) and the console `check` report."""

from __future__ import annotations

import datetime as dt
import re

from kfield.cli import run
from kfield.core import result as r
from kfield.core.report import Report
from kfield.core.table import Table
from kfield.formats import console, tables
from tests.aggregate import logs

OSC8 = "\x1b]8;;http://evil.example/\x1b\\Bấm vào đây\x1b]8;;\x1b\\"
HOSTILE = f"An\x1b[2J\x1b]0;pwned\x07{OSC8}[link=http://evil.example/]x[/link][bold red]y\u202e"
SGR = re.compile(r"\x1b\[[0-9;]*m")          # the colours kfield itself asks for


def _obeyed(shown: str) -> list[str]:
    """Control characters left once kfield's own colour codes are taken out."""
    return re.findall(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", SGR.sub("", shown))


def test_an_imported_member_and_commune_are_shown_not_obeyed_by_report(tmp_path, monkeypatch, capsys):
    visit = logs.visit(members=(HOSTILE,), name=HOSTILE)
    logs.write(tmp_path / "stick", visit)
    monkeypatch.setenv("KFIELD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KFIELD_NO_PROGRESS", "1")
    database = str(tmp_path / "agg.sqlite3")
    assert run(["logs", "import", str(tmp_path / "stick"), "--db", database]) == 0
    capsys.readouterr()
    assert run(["report", "members", "schools", "coverage", "--db", database, "--lang", "vi"]) == 0
    shown = capsys.readouterr().out
    assert "An" in shown and _obeyed(shown) == [] and "\\x1b]8;;http://evil.example/" in shown


def test_the_coloured_table_keeps_its_colours_and_nothing_else():
    table = Table("members", ("member", "visits"), ((HOSTILE, 1),), labels={"member": (HOSTILE, HOSTILE)})
    shown = tables.console([table], "en", color=True, width=400)
    assert SGR.search(shown)                                   # a coloured table still
    assert _obeyed(shown) == [] and "\x1b]" not in shown
    assert "[link=http://evil.example/]x[/link]" in shown and "[bold red]y" in shown   # shown as typed


def test_the_check_report_on_a_terminal_shows_machine_facts_inert():
    start = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    result = r.fail("pc.os.unsupported", os=HOSTILE, date="2020-01-14", remedy="pc.os.remedy",
                    evidence=(r.measure("os", HOSTILE),)).stamped("PC001", 0.5, True)
    report = Report(results=(result,), profile="quick", started=start, finished=start, admin=True,
                    hostname="PC-UBND-01", version="9.9.9")
    for colour in (False, True):
        shown = console.render(report, "vi", color=colour, width=400)
        assert _obeyed(shown) == [] and "\x1b]" not in shown, colour
        assert "\\x1b]8;;http://evil.example/" in shown
