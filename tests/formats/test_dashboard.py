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
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert policy.startswith("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-")
    assert "unsafe-eval" not in policy and policy.count("'sha256-") == 2      # Chart.js and the drawing code


def test_a_script_the_page_does_not_name_does_not_run(tmp_path):
    """The policy bites: a script slipped into the page is refused, the named ones still draw."""
    target = tmp_path / "page.html"
    planted = "<script>document.body.setAttribute('data-planted','ran');</script></body>"
    target.write_text(page().replace("</body>", planted), encoding="utf-8")
    shown = chromium.dom(target, "1280,900")
    assert 'data-planted="ran"' not in shown and re.search(r'data-drawn="\d', shown)


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
    blank = len([c for c in dashboard.charts(ALL, "en") if not c["empty"]])
    assert len(sizes) == blank and min(sizes) > 5000          # a blank canvas encodes to a few hundred bytes
    shot = tmp_path / "shot.png"
    chromium.screenshot(target, shot, "1300,1400")
    assert shot.exists() and chromium.distinct_rows(shot) > 200


def _wide_page(lang: str = "vi") -> str:
    """The dashboard over every report, 65 units, the PC table with every bundled readiness item and
    long host and OS names: what ran off the page."""
    from kfield.aggregate import readiness
    from kfield.core.table import Change, Coded
    from tests.formats.test_values import READINESS

    items = readiness.load()
    units = tuple((22000 + i, f"Phường Bắc Nha Trang số {i}", "phường", i % 3, "", 0, 0, 0, True) for i in range(65))
    coverage = Table("coverage", COVERAGE.columns, units, COVERAGE.totals)
    answers = [Change(Coded(f"report.answer.{a}", a), Coded(f"report.answer.{b}", b))
               for a, b in (("unknown", "unknown"), ("yes", "yes"), ("no", "yes"), ("unknown", "no"), ("yes", "no"))]
    row = (22333, "Phường Bắc Nha Trang", "pc-8cc902a802aa8e94", "KETOAN_PHONGMOTCUA_UBND_BACNHATRANG_01_02",
           "Microsoft Windows 10 Pro 22H2 (10.0.19045)", "2026-11-20T01:10:00+00:00", "2026-11-22T01:11:00+00:00",
           *answers, 2)
    pcs = Table("pcs", ("code", "unit", "pc_id", "host", "os", "first_check", "last_check", *(i.id for i in items),
                        "open_problems"), (row,) * 8, labels={i.id: i.title for i in items},
                polarity={i.id: i.good for i in items})
    return dashboard.render([coverage, SYSTEMS, FAULTS, SCHOOLS, READINESS, pcs], HEADLINE,
                            {**META, "where": "/home/lecturer/kfield/agg.sqlite3"}, lang)


def _measured(tmp_path, html: str, size: str) -> str:
    """The page's DOM in headless Chromium at a window size, with its scroll width written on <body>
    (by a probe the page's policy is told to allow: a script it does not name would not run)."""
    target = tmp_path / "page.html"
    probe = "document.body.setAttribute('data-scroll-width',String(document.documentElement.scrollWidth));"
    target.write_text(chromium.probed(html, probe), encoding="utf-8")
    return chromium.dom(target, size)


def test_the_dashboard_fits_1280_px_without_horizontal_scrolling(tmp_path):
    shown = _measured(tmp_path, _wide_page(), "1280,900")
    width = re.search(r'data-scroll-width="(\d+)"', shown)
    assert width and int(width.group(1)) <= 1280, width and width.group(1)


def test_polarity_colours_cells_and_charts_read_from_the_dom(tmp_path):
    """In the page as Chromium built it: "OS past end of support: có" is a bad (red) cell, a firewall
    nobody could check is unknown, and the OS chart's "yes" bars are red, its "no" bars green."""
    shown = _measured(tmp_path, _wide_page("en"), "1280,900")
    assert "<td class=\"good\">no → yes</td>" in shown and "<td class=\"good\">yes → no</td>" in shown
    assert "<td class=\"bad\">unknown → no</td>" in shown
    assert "<td class=\"bad\">yes → yes</td>" in shown and "<td class=\"unknown\">unknown → unknown</td>" in shown
    charts = {c["title"]: c for c in dashboard.charts([_readiness()], "en")}
    yes, no = charts["OS past end of support"]["datasets"][:2]
    assert (yes["backgroundColor"], no["backgroundColor"]) == (dashboard.COLOURS["unvisited"], dashboard.COLOURS["fixed"])
    yes, no = charts["Firewall on"]["datasets"][:2]
    assert (yes["backgroundColor"], no["backgroundColor"]) == (dashboard.COLOURS["fixed"], dashboard.COLOURS["unvisited"])


def _readiness():
    from tests.formats.test_values import READINESS

    return READINESS


def test_count_charts_step_by_whole_numbers_and_name_units_in_full():
    page = _wide_page()
    assert "precision:0" in page and "autoSkip:false" in page
    bars = next(c for c in dashboard.charts([Table("coverage", COVERAGE.columns, (
        (22333, "Phường Bắc Nha Trang", "phường", 2, "", 0, 0, 0, True),), COVERAGE.totals)], "vi") if c["type"] == "bar")
    assert bars["labels"] == ["Phường Bắc Nha Trang"] and bars["options"]["horizontal"]


def test_an_empty_chart_says_no_data_yet_and_the_header_shows_no_local_path():
    empty = Table("systems", SYSTEMS.columns, (), ("", 0, 0, 0, 0))
    for lang, words in (("vi", "Chưa có dữ liệu"), ("en", "No data yet")):
        page = dashboard.render([empty], HEADLINE, {**META, "where": "/home/lecturer/kfield/agg.sqlite3"}, lang)
        assert words in page and "/home/lecturer" not in page and "agg.sqlite3" in page
