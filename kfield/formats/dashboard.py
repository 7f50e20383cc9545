"""One self-contained HTML dashboard for the review: headline figures, charts, then the tables.

The charts are drawn by Chart.js (kfield/formats/vendor, MIT), inlined in the page with the data
as JSON, so the file opens offline from a stick or an e-mail attachment: no CDN, no request.
Every value from the logs is escaped; the data block cannot close its <script> element.

Map: the offline HTML dashboard: its tables drawn by the same HTML table writer; Chart.js
(`kfield/formats/vendor/`) and the drawing code are the only scripts the page's policy lets run
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from kfield.core.i18n import text
from kfield.core.table import Change, Table
from kfield.formats.cells import html_text
from kfield.formats.html import page_head
from kfield.formats.tables import html_table, label, section

STYLE = ("body{font-family:system-ui,sans-serif;margin:1.5em;color:#111;background:#fff}"
         "h1{font-size:1.5em;margin:0 0 .2em}.meta{color:#555;margin-bottom:1em}"
         ".tiles{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}.tile{border:1px solid #ccd;border-radius:6px;"
         "padding:.6em 1em;min-width:9em}.tile b{display:block;font-size:1.6em}.charts{display:grid;"
         "grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1.2em}.chart{border:1px solid #dde;"
         "border-radius:6px;padding:.6em;height:340px;min-width:0}.chart.tall{grid-column:1/-1}"
         ".chart p.nodata{color:#555;margin:2em 0;text-align:center}"
         "table{border-collapse:collapse;margin:.6em 0 1.6em;width:100%;font-size:.9em}"
         "th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}"
         "td{max-width:14em}th{background:#e8eef7;hyphens:none}"
         "tr.none td{background:#fdecea}tr.total td{font-weight:bold;background:#f4f4f4}"
         "td.good{background:#e6f4ea;color:#1e5631}td.bad{background:#fdecea;color:#8a1c1c}"
         "td.unknown{background:#f4f4f4;color:#555;font-style:italic}"
         "@media print{.chart{break-inside:avoid}h2{break-before:page}}")
COLOURS = {"visited": "#2b6cb0", "unvisited": "#e53e3e", "fixed": "#38a169", "escalated": "#dd6b20",
           "pending": "#d69e2e", "visits": "#2b6cb0", "officials": "#805ad5", "faults": "#c53030"}
TILES = ("visited", "visits", "open", "escalated", "fixed", "officials")


def render(tables: list[Table], headline: dict[str, int], meta: dict[str, Any], lang: str) -> str:
    t = lambda key, **p: html_text(text(key, lang, **p))  # noqa: E731
    data = {"charts": charts(tables, lang)}
    script = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")   # no tag can start inside
    library = _library()
    parts = [page_head(text("report.dashboard.title", lang), lang, STYLE, scripts=(library, DRAW)),
             f"<h1>{t('report.dashboard.title')}</h1>",
             f"<div class='meta'>{html_text(meta_line(meta, lang))}</div>",
             _tiles(headline, t), "<div class='charts'>",
             *(_chart_box(i, c, lang) for i, c in enumerate(data["charts"])), "</div>"]
    for table in tables:
        parts.append(_table(table, lang))
        if table.name == "readiness":
            parts.append(_unchecked(table, lang))
    parts.append(f"<script type='application/json' id='kf-data'>{script}</script>")
    parts.append(f"<script>{library}</script><script>{DRAW}</script></body></html>\n")
    return "".join(parts)


def _chart_box(index: int, chart: dict[str, Any], lang: str) -> str:
    """A chart's box: its canvas, or a "no data yet" line when it has nothing to draw; a chart with
    a bar per unit spans the page and is as tall as its bars need (full unit names, none cut)."""
    title = html_text(chart["title"])
    if chart.get("empty"):
        return (f"<div class='chart empty'><h3>{title}</h3><p class='nodata'>"
                f"{html_text(text('report.chart.nodata', lang))}</p></div>")
    tall = chart["options"].get("rows")
    size = f" tall' style='height:{min(2400, 60 + 18 * tall)}px" if tall else ""
    return f"<div class='chart{size}'><canvas id='chart-{index}' role='img' aria-label='{title}'></canvas></div>"


def meta_line(meta: dict[str, Any], lang: str) -> str:
    """The reports' line about themselves (when, which period, which data), the time in local time
    (the JSON keeps ISO); the Markdown reports open with it too. The data is named by its file (or
    PostgreSQL database) name, never by a local path."""
    import re

    from kfield.formats.when import human

    values = {**{k: str(v) for k, v in meta.items()}, "generated": human(str(meta.get("generated", "")))}
    values["where"] = re.split(r"[\\/]", values.get("where", ""))[-1]
    return text("report.dashboard.meta", lang, **values)


def _tiles(headline: dict[str, int], t) -> str:
    values = {**headline, "visited": f"{headline['visited']}/{headline['units']}"}
    return "<div class='tiles'>" + "".join(
        f"<div class='tile'><b>{html_text(str(values[k]))}</b>{t(f'report.tile.{k}')}</div>" for k in TILES) + "</div>"


def _table(table: Table, lang: str) -> str:
    """A report table through the shared HTML table writer; the totals row and unvisited units marked."""
    def css(index: int, row) -> str:
        return "total" if index == len(table.rows) else ("none" if table.name == "coverage" and row[3] == 0 else "")

    name, header, rows = section(table, lang)
    return f"<h2>{html_text(name)}</h2>" + "".join(html_table(header, rows, css))


def charts(tables: list[Table], lang: str) -> list[dict[str, Any]]:
    """Chart.js configurations (plain data) for the reports present."""
    by_name = {t.name: t for t in tables}
    out = []
    if "coverage" in by_name:
        out += _coverage(by_name["coverage"], lang)
    if "systems" in by_name:
        out.append(_stacked(by_name["systems"], lang))
    if "schools" in by_name:
        out.append(_people(by_name["schools"], lang))
    if "faults" in by_name:
        out.append(_faults(by_name["faults"], lang))
    if "readiness" in by_name:
        out += _readiness(by_name["readiness"], lang)
    return out


def _readiness(table: Table, lang: str) -> list[dict]:
    """One chart per readiness item: PCs at their first and latest check, yes / no / unknown."""
    if table.totals is None:
        return []
    pcs = table.totals[2]
    out = []
    for index, column in enumerate(table.columns[3:-1], start=3):
        total = table.totals[index]
        if not isinstance(total, Change):      # a column of words (why not ready), not an item's counts
            continue
        yes, unknown = [total.before, total.after], [total.unknown_before, total.unknown_after]
        good, bad = ("fixed", "unvisited") if table.polarity.get(column, True) else ("unvisited", "fixed")
        datasets = [{"label": text(f"report.answer.{name}", lang), "data": data, "backgroundColor": COLOURS[colour]}
                    for name, data, colour in (("yes", yes, good), ("no", [pcs - y - u for y, u in zip(yes, unknown)],
                                                                    bad), ("unknown", unknown, "pending"))]
        out.append(_chart("bar", label(column, lang, table), [text("report.chart.ready_before", lang),
                                                              text("report.chart.ready_after", lang)],
                          datasets, stacked=True))
    return out


def _unchecked(table: Table, lang: str) -> str:
    names = [str(row[1]) for row in table.rows if row[2] == 0]
    items = "".join(f"<li>{html_text(name)}</li>" for name in names)
    return f"<h3>{html_text(text('report.unchecked', lang, count=len(names)))}</h3><ul class='unchecked'>{items}</ul>"


def _chart(kind: str, title: str, labels: list, datasets: list[dict], **options) -> dict[str, Any]:
    """A chart of counts (integer steps on its value axis); `empty` when it has nothing to draw."""
    empty = not labels or not any(v for d in datasets for v in d["data"])
    return {"title": title, "type": kind, "labels": labels, "datasets": datasets, "options": options, "empty": empty}


def _coverage(table: Table, lang: str) -> list[dict]:
    units = [r for r in table.rows if r[8]]
    visited = sum(1 for r in units if r[3])
    ring = _chart("doughnut", text("report.chart.coverage", lang),
                  [text("report.chart.visited", lang), text("report.chart.unvisited", lang)],
                  [{"data": [visited, len(units) - visited],
                    "backgroundColor": [COLOURS["visited"], COLOURS["unvisited"]]}])
    ordered = sorted((r for r in units if r[3]), key=lambda r: (-r[3], r[1]))      # the visited ones, full names
    bars = _chart("bar", text("report.chart.visits_per_unit", lang), [r[1] for r in ordered],
                  [{"label": text("report.col.visits", lang), "data": [r[3] for r in ordered],
                    "backgroundColor": COLOURS["visits"]}], horizontal=True, rows=len(ordered))
    return [ring, bars]


def _stacked(table: Table, lang: str) -> dict:
    from kfield.formats.tables import coded

    labels = [coded(table, r, lang)[0] for r in table.rows]
    datasets = [{"label": text(f"report.col.{o}", lang), "data": [r[i] for r in table.rows],
                 "backgroundColor": COLOURS[o]} for i, o in ((2, "fixed"), (3, "escalated"), (4, "pending"))]
    return _chart("bar", text("report.chart.systems", lang), labels, datasets, stacked=True)


def _people(table: Table, lang: str) -> dict:
    labels = [r[0] for r in table.rows]
    return _chart("bar", text("report.chart.schools", lang), labels, [
        {"label": text("report.col.visits", lang), "data": [r[1] for r in table.rows],
         "backgroundColor": COLOURS["visits"]},
        {"label": text("report.col.officials_trained", lang), "data": [r[4] for r in table.rows],
         "backgroundColor": COLOURS["officials"]}])


def _faults(table: Table, lang: str) -> dict:
    totals: dict[str, int] = {}
    for row in table.rows:
        if row[2] == "verdict":
            totals[row[4]] = totals.get(row[4], 0) + row[5]
    ordered = sorted(totals.items(), key=lambda i: (-i[1], i[0]))[:10]
    return _chart("bar", text("report.chart.faults", lang), [text(f"diag.place.{k}", lang) if _known(k) else k
                                                            for k, _ in ordered],
                  [{"label": text("report.col.count", lang), "data": [v for _, v in ordered],
                    "backgroundColor": COLOURS["faults"]}], horizontal=True)


def _known(place: str) -> bool:
    from kfield.core.i18n import catalogue

    return f"diag.place.{place}" in catalogue()


def _library() -> str:
    source = resources.files("kfield.formats").joinpath("vendor/chart.umd.min.js").read_text(encoding="utf-8")
    return source.replace("</script", "<\\/script")


# Draws each chart from the data block; marks the page with what was drawn (for tests and printing).
DRAW = """(function(){var data=JSON.parse(document.getElementById('kf-data').textContent),drawn=[];
data.charts.forEach(function(c,i){if(c.empty){return;}
var o={animation:false,responsive:true,maintainAspectRatio:false,
plugins:{title:{display:true,text:c.title},legend:{display:c.type==='doughnut'||c.datasets.length>1}}};
if(c.type==='bar'){var v=c.options.horizontal?'x':'y',k=v==='x'?'y':'x';o.scales={};
o.scales[v]={beginAtZero:true,stacked:!!c.options.stacked,ticks:{precision:0}};
o.scales[k]={stacked:!!c.options.stacked,ticks:{autoSkip:false}};}
if(c.options.horizontal){o.indexAxis='y';}
var chart=new Chart(document.getElementById('chart-'+i),{type:c.type,data:{labels:c.labels,
datasets:c.datasets},options:o});drawn.push(chart.canvas.toDataURL().length);});
document.body.setAttribute('data-drawn',drawn.join(','));})();"""
