"""Exports: every format from the same visits; formula injection, escaping, redaction,
XLSX typed cells, the published JSON Schema, and the HTML page rendered by headless Chromium."""

import csv
import io
import json
from pathlib import Path

import pytest

from kfield.formats import export as render
from kfield.visit import export, model, redact, store, visits
from tests import chromium

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "visit-export.schema.json"
REPORT = {"started": "2026-11-24T08:00:00+00:00", "profile": "commune-office", "hostname": "PC-VANTHU-01",
          "results": [{"check_id": "LAN002", "status": "ok",
                       "summary": {"key": "lan.ip.ok", "params": {"address": "192.168.1.23/24", "interface": "Ethernet"}},
                       "evidence": [{"name": "mac", "value": "3C:52:82:AA:BB:CC", "unit": ""}]}]}


def events(note="Máy văn thư: IP 192.168.1.23, MAC 3c:52:82:aa:bb:cc, serial: SN-ABC12345"):
    return [store.make_event(kind, "v1", data) for kind, data in [
        ("start", {"commune_code": 22453, "commune": "Xã Cam Lâm", "members": ["Nguyễn Văn An"], "school": "NTU"}),
        ("note", {"text": note}),
        ("problem", {"text": "=HYPERLINK(\"http://evil\")", "system": "signing", "outcome": "fixed"}),
        ("problem", {"text": "<script>alert(1)</script>", "system": "eoffice", "outcome": "escalated"}),
        ("train", {"topic": "An toàn thông tin", "officials": 12}),
        ("check_run", REPORT)]]


def visit(note="Máy văn thư: IP 192.168.1.23, MAC 3c:52:82:aa:bb:cc, serial: SN-ABC12345"):
    return model.replay(events(note))


def rows(redactor=None):
    return list(export.documents([visit()], redactor))


def joined(pieces) -> str:
    """A streamed format (pieces written as they are made) as one text."""
    return "".join(pieces)


def test_csv_has_a_bom_and_neutralises_formulas():
    docs = rows()
    body = joined(render.to_csv(docs, "problems", "en"))
    assert body.startswith("\ufeff")
    texts = [r[-1] for r in csv.reader(io.StringIO(body.lstrip("\ufeff")))][1:]
    assert texts[0].startswith("'=HYPERLINK") and texts[1] == "<script>alert(1)</script>"


def test_html_escapes_every_value_and_loads_nothing_from_outside():
    docs = rows()
    page = joined(render.to_html(docs, "vi"))
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http" not in page.replace("http://evil", "").replace("http-equiv", "")   # no external resource at all
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'\"" in page        # and none could be loaded
    assert "Xã Cam Lâm" in page and "Chuyến v1 — Xã Cam Lâm" in page


def test_xlsx_has_one_typed_sheet_per_table():
    from openpyxl import load_workbook

    docs = rows()
    book = load_workbook(io.BytesIO(render.to_xlsx(docs, "en")))
    assert book.sheetnames == ["Visits", "Problems", "Check results", "Trainings", "Playbook runs"]
    trainings = list(book["Trainings"].values)
    assert trainings[1][-1] == 12 and isinstance(trainings[1][-1], int)
    assert list(book["Problems"].values)[1][-1].startswith("'=")


def test_json_follows_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    docs = rows()
    jsonschema.validate(json.loads(joined(render.to_json(docs))), json.loads(SCHEMA.read_text()))


def test_markdown_tables():
    docs = rows()
    body = joined(render.to_markdown(docs, "en"))
    assert "## Problems" in body and "## Trainings" in body
    assert "| 22453 | Xã Cam Lâm |" in body
    assert "| Visit | Commune code | Commune |" in body


def test_redaction_leaves_no_address_host_or_name_in_any_format():
    red = redact.Redactor(b"team-key")
    docs = rows(red)
    outputs = [joined(render.to_json(docs)), joined(render.to_html(docs, "vi")), joined(render.to_markdown(docs, "vi")),
               *(joined(render.to_csv(docs, name, "vi")) for name in export.TABLES)]
    for body in outputs:
        for secret in ("192.168.1.23", "3c:52:82:aa:bb:cc", "3C:52:82:AA:BB:CC", "PC-VANTHU-01", "Nguyễn Văn An",
                       "SN-ABC12345"):
            assert secret not in body
    assert red.pseudonym("ip", "192.168.1.23") in joined(render.to_json(docs))


def test_pseudonyms_are_stable_per_key_and_differ_between_keys():
    a, b = redact.Redactor(b"k1"), redact.Redactor(b"k1")
    assert a.text("IP 10.0.0.1") == b.text("IP 10.0.0.1") != redact.Redactor(b"k2").text("IP 10.0.0.1")
    assert a.pseudonym("mac", "AA:BB:CC:00:11:22") == a.pseudonym("mac", "aa:bb:cc:00:11:22")


def test_html_renders_in_headless_chromium(tmp_path):
    docs = rows()
    page, shot = tmp_path / "visits.html", tmp_path / "shot.png"
    page.write_text(joined(render.to_html(docs, "vi")), encoding="utf-8")
    chromium.screenshot(page, shot)
    assert shot.exists() and chromium.distinct_rows(shot) > 20   # text and tables drawn, not a blank page


def test_what_officials_read_is_rendered_in_their_language():
    docs = rows()
    for body in map(joined, (render.to_csv(docs, "checks", "vi"), render.to_markdown(docs, "vi"),
                             render.to_html(docs, "vi"))):
        assert "Địa chỉ 192.168.1.23/24 trên Ethernet" in body and "Đạt" in body       # summary and status
        assert "lan.ip.ok" not in body and "Trạng thái" in body and ",ok," not in body
    page = joined(render.to_markdown(docs, "vi"))
    assert "Máy văn thư: IP 192.168.1.23" in page                                     # notes included
    assert "| ký số | đã xử lý |" in page and "| quản lý văn bản và điều hành | chuyển cấp trên |" in page
    assert "Mã chuyến | Mã xã | Xã, phường" in page and "fixed" not in page and "escalated" not in page
    visits = joined(render.to_csv(docs, "visits", "vi"))
    assert "Ghi chú" in visits and "Cán bộ được tập huấn" in visits and "commune_code" not in visits
    assert "24/11/2026 15:00" in joined(render.to_csv(docs, "checks", "vi"))                  # 08:00 UTC = 15:00 in Vietnam


def test_xlsx_dates_are_real_local_dates():
    import datetime as dt

    from openpyxl import load_workbook

    docs = rows()
    book = load_workbook(io.BytesIO(render.to_xlsx(docs, "vi")))
    header, first = list(book["Kết quả kiểm tra"].iter_rows(max_row=2))
    assert header[2].value == "Thời điểm kiểm tra"
    assert first[2].value == dt.datetime(2026, 11, 24, 15, 0) and first[2].number_format == "DD/MM/YYYY HH:MM"
    assert first[6].value == "Đạt"


def test_json_keeps_codes_and_utc():
    docs = rows()
    body = json.loads(joined(render.to_json(docs)))
    result = body["visits"][0]["checks"][0]["results"][0]
    assert result["status"] == "ok" and result["summary"]["key"] == "lan.ip.ok"
    assert body["visits"][0]["checks"][0]["started"] == "2026-11-24T08:00:00+00:00"


@pytest.mark.parametrize("width", [794, 1123])          # A4 portrait and landscape at 96 dpi
def test_html_fits_the_page_in_headless_chromium(tmp_path, width):
    docs = rows()
    many = [{**d, "notes": ["Ghi chú rất dài " * 30 + "https://dvc.khanhhoa.gov.vn/" + "x" * 120]}
            for d in docs for _ in range(3)]
    page = tmp_path / "visits.html"
    probe = ("document.body.setAttribute('data-overflow', String(document.documentElement.scrollWidth - "
             "document.documentElement.clientWidth))")
    page.write_text(chromium.probed(joined(render.to_html(many, "vi")), probe), encoding="utf-8")
    dom = chromium.dom(page, f"{width},1000")
    assert 'data-overflow="0"' in dom, dom[:300]


def test_a_big_visit_is_made_in_tables_of_at_most_a_page():
    run = {**REPORT, "results": [{**REPORT["results"][0], "check_id": f"PC{i % 9 + 1:03d}"} for i in range(1500)]}
    big = model.replay([store.make_event("start", "v2", {"commune_code": 22453, "commune": "Xã Cam Lâm",
                                                         "members": ["An"], "school": "NTU"}),
                        store.make_event("check_run", "v2", run)])
    pages = list(render.tables(export.document(big), "checks", "vi"))
    assert [len(p.rows) for p in pages] == [render.PAGE, 1500 - render.PAGE]
    assert pages[0].labels["status"] == ("Trạng thái", "Status")
    assert pages[1].rows[-1][5].startswith("PC006 ")                  # the 1,500th result: 1499 % 9 + 1


def test_text_exports_read_the_visits_as_they_write():
    read = []

    def docs():
        for d in rows() * 3:
            read.append(d["id"])
            yield d
    pieces = render.to_markdown(docs, "vi")
    head = written = next(pieces)
    while "Máy văn thư" not in written:                                # the first visit's row, notes included
        written += next(pieces)
    assert len(read) == 1 and head.startswith("# ")                    # one visit read, the rest not yet
    rest = "".join(pieces)
    assert len(read) == 3 * len(export.TABLES) and rest.count("Nguyễn Văn An") == 2     # each table × 3 visits


MORE = [("note", {"text": "=1+1 dòng hai\r\nPC-VANTHU-01 tại 10.0.0.7"}), ("note", {"text": "<b>in đậm</b> | ống"}),
        ("transcript", {"playbook": "net-no-internet", "steps": [{"id": "s1", "answer": "yes"}], "hostname": "PC-KT"}),
        ("check_run", {**REPORT, "hostname": "PC-KETOAN", "results": [{**REPORT["results"][0], "status": "fail"}]}),
        ("problem", {"problem": "p0", "text": "Máy in kẹt giấy", "system": "printer", "outcome": "pending"})]


def on_disk(tmp_path, monkeypatch, evs):
    """The events as a visit log in a data folder, and the visit read as exports read it: its outline."""
    monkeypatch.setenv("KFIELD_DATA_DIR", str(tmp_path / "data"))
    visits.visits_dir().mkdir(parents=True, exist_ok=True)
    for event in evs:
        store.append(visits.log_path("v1"), event)
    return visits.load_outline("v1")


def every_format(docs) -> dict:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render.to_xlsx(docs, "vi")))
    return {"json": joined(render.to_json(docs)), "md": joined(render.to_markdown(docs, "vi")),
            "html": joined(render.to_html(docs, "en")),
            **{f"csv {name}": joined(render.to_csv(docs, name, "vi")) for name in export.TABLES},
            **{f"xlsx {sheet.title}": list(sheet.values) for sheet in book.worksheets}}


@pytest.mark.parametrize("redacted", [False, True])
def test_a_visit_read_again_from_its_log_exports_as_the_replayed_visit_does(tmp_path, monkeypatch, redacted):
    evs = events() + [store.make_event(kind, "v1", data) for kind, data in MORE]
    outlined = on_disk(tmp_path, monkeypatch, evs)
    red = redact.Redactor(b"team-key") if redacted else None
    streamed = every_format(lambda: export.documents([outlined], red))
    assert streamed == every_format(lambda: export.documents([model.replay(evs)], red))
    assert ("PC-KETOAN" in streamed["json"]) is not redacted and "net-no-internet" in streamed["json"]
    assert ("10.0.0.7" in streamed["csv visits"]) is not redacted


def test_an_export_holds_one_item_of_a_big_log_at_a_time(tmp_path, monkeypatch):
    """Peak memory of each format over a log ten times longer grows by far less than the log (its notes
    and check runs are read again from it as each is written, not kept; replaying the visit, as exports
    did, holds every note: more than the log's size in text). Figures for an 86 MB log: benchmarks/big_log.py."""
    import tracemalloc

    def peaks(count):
        note = "ghi chú về mạng và máy in của văn phòng một cửa " * 20
        made = (("note", {"text": f"{n} {note}"}) if n % 10 else ("check_run", REPORT) for n in range(count))
        evs = events() + [store.make_event(kind, "v1", data) for kind, data in made]
        base = tmp_path / str(count)
        base.mkdir()
        monkeypatch.setenv("KFIELD_DATA_DIR", str(base / "data"))
        log = on_disk(base, monkeypatch, evs).path
        found = {}
        for name in ("json", "md", "csv", "xlsx"):
            tracemalloc.start()
            outlined = visits.load_outline("v1")
            every_format_of(name, lambda: export.documents([outlined]))
            found[name] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return found, log.stat().st_size

    small, _ = peaks(300)
    big, size = peaks(3000)
    for name in small:
        assert big[name] - small[name] < size / 8, (name, small[name], big[name], size)   # kept: ≥ the notes


def every_format_of(name: str, docs) -> None:
    made = {"json": lambda: render.to_json(docs), "md": lambda: render.to_markdown(docs, "vi"),
            "csv": lambda: render.to_csv(docs, "visits", "vi"), "xlsx": lambda: [render.to_xlsx(docs, "vi")]}[name]()
    for _ in made:
        pass


TRANSCRIPT = {"schema_version": 1, "kind": "kfield.playbook.transcript", "kfield_version": "1", "run_id": "r1",
              "playbook": {"id": "printer", "version": 1, "title": {"vi": "Máy in không in được",
                                                                     "en": "Printer does not print"},
                           "path": "playbooks/printer.yaml", "sha256": "0" * 64},
              "lang": "vi", "profile": "commune-office", "hostname": "PC-VANTHU-01", "mode": "interactive",
              "started": "2026-11-24T08:10:00+00:00", "resumed": [], "finished": "2026-11-24T08:20:00+00:00",
              "steps": [{"step": "cable", "kind": "question", "action": "answer", "answer": "yes", "result": None,
                         "at": "2026-11-24T08:11:00+00:00", "elapsed_s": 1.0}] * 3,
              "variables": {}, "outcome": {"kind": "escalate", "step": "call", "contact": "provincial_ca",
                                           "contact_text": {"vi": "Đầu mối chứng thư số của tỉnh",
                                                            "en": "Provincial CA contact"}, "reason": None}}


def test_playbook_runs_are_in_every_export_format():
    """A printer escalated through a playbook is seen in the review whatever the format."""
    from openpyxl import load_workbook

    docs = list(export.documents([model.replay(events() + [store.make_event("transcript", "v1", TRANSCRIPT)])]))
    csv_text = joined(render.to_csv(docs, "playbooks", "vi"))
    md, page = joined(render.to_markdown(docs, "vi")), joined(render.to_html(docs, "en"))
    assert "Máy in không in được,3,Chuyển lên cấp trên,Đầu mối chứng thư số của tỉnh,24/11/2026 15:20" in csv_text
    assert "## Sổ tay xử lý sự cố đã chạy" in md and "| Máy in không in được | 3 | Chuyển lên cấp trên |" in md
    assert "<h3>Playbook runs</h3>" in page and "<td>Printer does not print</td><td>3</td><td>Escalate</td>" in page
    sheet = load_workbook(io.BytesIO(render.to_xlsx(docs, "vi")))["Sổ tay xử lý sự cố đã chạy"]
    header, row = list(sheet.values)[:2]
    assert header[4:] == ("Sổ tay", "Số bước", "Kết quả", "Chuyển cho", "Xong lúc")
    assert row[5] == 3 and row[2].hour == 15 and row[4] == "Máy in không in được"       # a number, a local time
    assert json.loads(joined(render.to_json(docs)))["visits"][0]["transcripts"][0]["run_id"] == "r1"
    redacted = joined(render.to_csv(list(export.documents([model.replay(
        events() + [store.make_event("transcript", "v1", TRANSCRIPT)])], redact.Redactor(b"k"))), "playbooks", "vi"))
    assert "PC-VANTHU-01" not in redacted and "Máy in không in được" in redacted


# Words split across two lines (a word of a text node whose box has two rectangles: a line break inside it,
# where a hyphen or a slash would not be one) and the page's overflow.
WORD_PROBE = """(function(){var broken=[],walk=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT);
while(walk.nextNode()){var node=walk.currentNode,re=/[^\\s\\/-]+/g,m;while((m=re.exec(node.data))){
var r=document.createRange();r.setStart(node,m.index);r.setEnd(node,m.index+m[0].length);
var tops={};Array.prototype.forEach.call(r.getClientRects(),function(b){if(b.width>0){tops[Math.round(b.top)]=1;}});
if(Object.keys(tops).length>1&&m[0].length<=30){broken.push(m[0]);}}}
document.body.setAttribute('data-broken',broken.join('|'));
document.body.setAttribute('data-overflow',String(document.documentElement.scrollWidth-document.documentElement.clientWidth));
})();"""


def test_the_printable_page_is_a_record_on_a4_portrait_without_broken_words(tmp_path):
    """At A4 portrait's 794 px: a visit is a record (facts, then short tables), nothing runs off the
    page and no word shorter than a cell is split across lines («Mã chuyế n», «Nguyễ n» were)."""
    import re

    docs = list(export.documents([model.replay(events() + [store.make_event("transcript", "v1", TRANSCRIPT)])]))
    html = joined(render.to_html(docs * 2, "vi"))
    assert "size:A4 portrait" in html and html.count("<section class='record'>") == 2
    assert "<table class='facts'><tr><th>Mã xã</th><td>22453</td></tr>" in html
    page = tmp_path / "record.html"
    page.write_text(chromium.probed(html, WORD_PROBE), encoding="utf-8")
    dom = chromium.dom(page, "794,1123")
    assert 'data-overflow="0"' in dom
    broken = re.search(r'data-broken="([^"]*)"', dom)
    assert broken is not None and broken.group(1) == "", broken and broken.group(1)


@pytest.mark.parametrize("word, table", [("sự cố", "problems"), ("su co", "problems"), ("Playbook runs", "playbooks"),
                                         ("tap huan", "trainings"), ("checks", "checks"), ("Kết quả kiểm tra", "checks")])
def test_tables_are_named_in_the_readers_words(word, table):
    assert export.table_of(word) == table and export.table_of("bảng lương") is None
