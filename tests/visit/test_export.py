"""Exports: every format from the same visits; formula injection, escaping, redaction,
XLSX typed cells, the published JSON Schema, and the HTML page rendered by headless Chromium."""

import csv
import io
import json
from pathlib import Path

import pytest

from kfield.visit import export, model, redact, store
from tests import chromium

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "visit-export.schema.json"
REPORT = {"started": "2026-11-24T08:00:00+00:00", "profile": "commune-office", "hostname": "PC-VANTHU-01",
          "results": [{"check_id": "LAN002", "status": "ok",
                       "summary": {"key": "lan.ip.ok", "params": {"address": "192.168.1.23/24"}},
                       "evidence": [{"name": "mac", "value": "3C:52:82:AA:BB:CC", "unit": ""}]}]}


def visit(note="Máy văn thư: IP 192.168.1.23, MAC 3c:52:82:aa:bb:cc, serial: SN-ABC12345"):
    evs = [store.make_event(kind, "v1", data) for kind, data in [
        ("start", {"commune_code": 22453, "commune": "Xã Cam Lâm", "members": ["Nguyễn Văn An"], "school": "NTU"}),
        ("note", {"text": note}),
        ("problem", {"text": "=HYPERLINK(\"http://evil\")", "system": "signing", "outcome": "fixed"}),
        ("problem", {"text": "<script>alert(1)</script>", "system": "eoffice", "outcome": "escalated"}),
        ("train", {"topic": "An toàn thông tin", "officials": 12}),
        ("check_run", REPORT)]]
    return model.replay(evs)


def rows(redactor=None):
    docs = export.documents([visit()], redactor)
    return docs, export.tables(docs)


def test_csv_has_a_bom_and_neutralises_formulas():
    _, tables = rows()
    body = export.to_csv(tables["problems"], export.TABLES["problems"])
    assert body.startswith("\ufeff")
    texts = [r[-1] for r in csv.reader(io.StringIO(body.lstrip("\ufeff")))][1:]
    assert texts[0].startswith("'=HYPERLINK") and texts[1] == "<script>alert(1)</script>"


def test_html_escapes_every_value_and_loads_nothing_from_outside():
    _, tables = rows()
    page = export.to_html(tables, "vi")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http" not in page.replace("http://evil", "")      # no external resource at all
    assert "Xã Cam Lâm" in page and "Chuyến công tác" in page


def test_xlsx_has_one_typed_sheet_per_table():
    from openpyxl import load_workbook

    _, tables = rows()
    book = load_workbook(io.BytesIO(export.to_xlsx(tables)))
    assert book.sheetnames == ["visits", "problems", "checks", "trainings"]
    trainings = list(book["trainings"].values)
    assert trainings[1][-1] == 12 and isinstance(trainings[1][-1], int)
    assert list(book["problems"].values)[1][-1].startswith("'=")


def test_json_follows_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    docs, _ = rows()
    jsonschema.validate(json.loads(export.to_json(docs)), json.loads(SCHEMA.read_text()))


def test_markdown_tables():
    _, tables = rows()
    body = export.to_markdown(tables, "en")
    assert "## Problems" in body and "## Trainings" in body
    assert "| 22453 | Xã Cam Lâm |" in body


def test_redaction_leaves_no_address_host_or_name_in_any_format():
    red = redact.Redactor(b"team-key")
    docs, tables = rows(red)
    outputs = [export.to_json(docs), export.to_html(tables, "vi"), export.to_markdown(tables, "vi"),
               *(export.to_csv(tables[name], cols) for name, cols in export.TABLES.items())]
    for body in outputs:
        for secret in ("192.168.1.23", "3c:52:82:aa:bb:cc", "3C:52:82:AA:BB:CC", "PC-VANTHU-01", "Nguyễn Văn An",
                       "SN-ABC12345"):
            assert secret not in body
    assert red.pseudonym("ip", "192.168.1.23") in export.to_json(docs)


def test_pseudonyms_are_stable_per_key_and_differ_between_keys():
    a, b = redact.Redactor(b"k1"), redact.Redactor(b"k1")
    assert a.text("IP 10.0.0.1") == b.text("IP 10.0.0.1") != redact.Redactor(b"k2").text("IP 10.0.0.1")
    assert a.pseudonym("mac", "AA:BB:CC:00:11:22") == a.pseudonym("mac", "aa:bb:cc:00:11:22")


def test_html_renders_in_headless_chromium(tmp_path):
    _, tables = rows()
    page, shot = tmp_path / "visits.html", tmp_path / "shot.png"
    page.write_text(export.to_html(tables, "vi"), encoding="utf-8")
    chromium.screenshot(page, shot)
    assert shot.exists() and chromium.distinct_rows(shot) > 20   # text and tables drawn, not a blank page
