"""The review dashboard: one self-contained page whose charts draw offline in headless Chromium."""

from __future__ import annotations

import re

from kfield.core.table import Table
from kfield.formats import dashboard
from tests import chromium
from tests.formats.test_tables import COVERAGE, SYSTEMS

HEADLINE = {"units": 65, "visited": 1, "visits": 2, "open": 1, "escalated": 0, "fixed": 3, "officials": 9}
META = {"generated": "2026-11-24T20:00:00+07:00", "period": "all", "where": "agg.sqlite3"}
SCHOOLS = Table("schools", ("school", "visits", "units", "hours", "officials_trained", "fixed"),
                (("NTU</script><script>alert(1)</script>", 2, 1, 5.0, 9, 3),), ("", 2, "", 5.0, 9, 3))
FAULTS = Table("faults", ("code", "unit", "kind", "rank", "item", "count"),
               ((22333, "Phường Bắc Nha Trang", "verdict", 1, "gateway", 4), (22333, "P", "check", 1, "LAN003", 2)))
ALL = [COVERAGE, SYSTEMS, FAULTS, SCHOOLS]


def page(lang: str = "vi") -> str:
    return dashboard.render(ALL, HEADLINE, META, lang)


def test_the_page_loads_nothing_from_outside():
    html = page()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "Chart.js v4" in html and "@import" not in html


def test_values_from_the_logs_cannot_break_out():
    html = page()
    assert "<script>alert(1)" not in html
    assert html.count("<script") == 3            # the data block, the library, the drawing code


def test_titles_in_both_languages():
    assert "Độ phủ" in page("vi") and "Coverage" in page("en")
    assert "ROUTER (CỔNG MẶC ĐỊNH)" in page("vi")    # verdict places named as `kfield diagnose` names them


def test_chart_configurations_follow_the_reports():
    charts = dashboard.charts(ALL, "en")
    assert [c["type"] for c in charts] == ["doughnut", "bar", "bar", "bar", "bar"]
    assert charts[0]["datasets"][0]["data"] == [1, 0]          # one unit in this table, visited
    assert charts[2]["options"] == {"stacked": True}


def test_headless_chromium_draws_every_chart(tmp_path):
    target = tmp_path / "dashboard.html"
    target.write_text(page(), encoding="utf-8")
    drawn = re.search(r'data-drawn="([0-9,]*)"', chromium.dom(target))
    assert drawn, "the drawing script did not finish (library missing or a script error)"
    sizes = [int(n) for n in drawn.group(1).split(",")]
    blank = len(dashboard.charts(ALL, "en"))
    assert len(sizes) == blank and min(sizes) > 5000          # a blank canvas encodes to a few hundred bytes
    shot = tmp_path / "shot.png"
    chromium.screenshot(target, shot, "1300,1400")
    assert shot.exists() and chromium.distinct_rows(shot) > 200
