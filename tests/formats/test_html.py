import re
from html.parser import HTMLParser

import pytest

from kfield.core.i18n import text
from kfield.formats import html as html_format
from kfield.formats import text as t
from tests.formats.sample import SCRIPT

VOID = {"meta", "br", "link", "img", "input", "hr"}
ALLOWED = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "section",
           "table", "thead", "tbody", "tr", "th", "td", "div", "ul", "li"}


class Page(HTMLParser):
    """Collects tags, attributes and text; checks that every element is closed in order."""

    def __init__(self, body):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text, self.stack = [], [], [], []
        self.feed(body)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(params=["vi", "en"])
def lang(request):
    return request.param


def test_page_is_well_formed_and_uses_only_plain_tags(report, lang):
    page = Page(html_format.render(report, lang))
    assert page.stack == []
    assert set(page.tags) <= ALLOWED
    assert page.tags.count("tr") == len(report.results) + 3  # a header row per area


def test_language_attribute(report, lang):
    assert f'<html lang="{lang}">' in html_format.render(report, lang)


def test_script_in_any_value_is_inert(report, lang):
    body = html_format.render(report, lang)
    assert "<script" not in body.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    page = Page(body)
    assert "script" not in page.tags
    assert any(SCRIPT in chunk for chunk in page.text)  # shown to the reader as text


def test_no_external_resources(report, lang):
    body = html_format.render(report, lang)
    assert not re.search(r"\b(src|href|action|srcset)\s*=", body, re.I)
    assert not re.search(r"url\(|@import|<link|<img|<iframe|<object", body, re.I)
    assert "Content-Security-Policy" in body and "default-src 'none'" in body
    # the only http(s) text is the hostile value from a check, as inert text
    assert re.findall(r"https?://[^\s\"&]+", body) == ["http://evil.example/x"]


def test_grouped_by_area_with_status_classes(report, lang):
    body = html_format.render(report, lang)
    headings = re.findall(r"<h2>(\w+) — ([^<]+)</h2>", body)
    assert headings == [(a, text(f"area.{a}", lang)) for a in ("PC", "SEC", "SIGN")]
    assert re.findall(r'<tr class="(\w+)">', body) == [r.status.value for r in report.sorted()]


def test_summary_meta_and_print_style(report, lang):
    body = html_format.render(report, lang)
    assert t.summary_line(report, lang) in body
    assert "PC-UBND-01" in body and "xa-ninh-hoa" in body and "kfield 9.9.9" in body
    assert "02/03/2026 08:30 (UTC+7)" in body                       # local time, day first
    assert "@media print" in body and ".fail .status" in body


def test_vietnamese_text_and_evidence(report):
    body = html_format.render(report, "vi")
    assert '<td class="status">Lỗi</td>' in body
    assert "<li>Còn lại: quá hạn 2.500 ngày</li>" in body
    assert "→ " + text("pc.os.remedy", "vi") in body


def test_quotes_and_ampersands_are_escaped():
    from tests.formats.sample import make_report
    from kfield.core import result as r

    hostile = r.ok("pc.os.unknown_eos", os='"><b onmouseover=x>&amp;').stamped("PC001", 0, False)
    body = html_format.render(make_report(results=(hostile,), profile='p"<i>'), "en")
    assert "<b " not in body and "<i>" not in body
    assert "&quot;&gt;&lt;b onmouseover=x&gt;&amp;amp;" in body
