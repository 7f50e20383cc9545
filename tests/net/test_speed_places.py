"""Domestic against international (`kfield.net.abroad`): the verdict's rule, the choice of servers,
the profile's `speed_servers` (validated with file:line:column), the words. The measurements
themselves are lab tests: tests/net/test_speed_places_lab.py."""

import pytest

from kfield.core import profile
from kfield.core.errors import KfieldError
from kfield.core.profile import SpeedServer
from kfield.core.schema import SchemaError
from kfield.formats import speed as render
from kfield.net import abroad
from kfield.net.wire import NetSpeedResult

TITLE = {"vi": "Máy chủ", "en": "Server"}


def result(down: float, up: float, server: str = "s:8080") -> NetSpeedResult:
    return NetSpeedResult(server, "ookla", down, up, 20.0, 30.0, 1.0, 40.0, 1_000_000, 500_000, 4, "tcp_info", 5.0)


@pytest.mark.parametrize("home, away, expected", [
    ((50, 20), (5, 2), "international"),      # a cable cut: abroad a tenth
    ((50, 20), (50, 3), "international"),     # one way alone far below is enough
    ((50, 20), (30, 12), "alike"),            # 60 %: farther away is a little slower, not a fault
    ((2, 0.5), (1.9, 0.5), "alike"),          # the whole line slow: the line, never "international"
    ((5, 2), (40, 10), "domestic"),           # the domestic server is the slow one
])
def test_verdict(home, away, expected):
    assert abroad.verdict(result(*home), result(*away)) == expected


def test_no_international_result_is_abroad_silent():
    assert abroad.verdict(result(10, 5), None) == "abroad_silent"


def servers():
    return (SpeedServer("a", TITLE, True, ookla="a:8080"), SpeedServer("b", TITLE, True, ookla="b:8080"),
            SpeedServer("x", TITLE, False, ookla="x:8080"))


def test_the_first_domestic_server_that_answers_then_abroad_each_with_half_the_cap():
    asked = []

    def one(server, cap, share):
        asked.append((server.id, cap, share))
        if server.id == "a":
            raise KfieldError("speed.no_name", host="a")
        return result(10, 5, server.ookla)

    contrast = abroad.measure(servers(), one, 10_000_000)
    assert asked == [("a", 5_000_000, 0.5), ("b", 5_000_000, 0.5), ("x", 5_000_000, 0.5)]
    assert (contrast.domestic.id, contrast.international.id, contrast.verdict) == ("b", "x", "alike")


def test_no_domestic_server_answering_is_the_measurements_failure():
    def one(server, cap, share):
        raise KfieldError("speed.no_name", host=server.id)

    with pytest.raises(KfieldError) as caught:
        abroad.measure(servers(), one, 10_000_000)
    assert caught.value.message.params == {"host": "a"}   # the first one's reason


def test_abroad_unanswered_is_said_with_its_reason():
    def one(server, cap, share):
        if server.domestic:
            return result(10, 5)
        raise KfieldError("speed.no_name", host="x")

    contrast = abroad.measure(servers(), one, 10_000_000)
    assert contrast.verdict == "abroad_silent" and contrast.international.result is None
    data = contrast.to_dict()
    assert data["international"]["failure"] == "speed.no_name" and data["ratio_down"] is None
    for lang, words in (("vi", "Không tra được địa chỉ của x"), ("en", "Cannot look up x")):
        shown = render.render_contrast(contrast, "console", lang)
        assert words in shown and "speed." not in shown


def test_words_name_the_international_link_with_its_share():
    contrast = abroad.Contrast(abroad.Place("a", {"vi": "VNPT", "en": "VNPT"}, True, result(40, 20)),
                               abroad.Place("x", {"vi": "Singtel", "en": "Singtel"}, False, result(4, 10)), "international")
    vi, en = (render.render_contrast(contrast, "console", lang) for lang in ("vi", "en"))
    assert "Trong nước (VNPT): tải xuống 40 Mbit/s" in vi and "Nước ngoài (Singtel)" in vi
    assert "Đường đi quốc tế chậm (chỉ bằng 10 % tốc độ trong nước)" in vi
    assert "The international link is slow (10 % of the domestic speed)" in en
    # the line's own latency under load, in words, as net speed says it with one server
    assert "  Latency: 20.0 ms idle (jitter 1.0 ms), 30.0 ms while downloading, 40.0 ms while uploading" in en
    assert "  Video calls stay smooth while someone downloads or uploads" in en
    assert en.count("Latency:") == 1
    assert '"verdict": "international"' in render.render_contrast(contrast, "json", "en")


def write(tmp_path, servers_yaml: str):
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nid: p\ntitle: {vi: P, en: P}\nselect: {tags: [net]}\nspeed_servers:\n"
                    + servers_yaml, encoding="utf-8")
    return path


def test_profile_speed_servers_load(tmp_path):
    loaded = profile.load_profile(write(tmp_path, "  home:\n    title: {vi: Nhà, en: Home}\n    ookla: h.vn:8080\n"
                                                  "    domestic: true\n  away:\n    title: {vi: Xa, en: Away}\n"
                                                  "    down: https://x.sg/d?n={size}\n    up: https://x.sg/u\n"
                                                  "    domestic: false\n"), local=False)
    assert [(s.id, s.domestic, s.ookla, s.up) for s in loaded.speed_servers] == \
        [("home", True, "h.vn:8080", ""), ("away", False, "", "https://x.sg/u")]


@pytest.mark.parametrize("body, line, column, key", [
    ("  home:\n    title: {vi: N, en: H}\n    ookla: h.vn:8080\n", 7, 5, "schema.missing"),              # no domestic
    ("  home:\n    title: {vi: N, en: H}\n    ookla: h.vn\n    domestic: true\n", 8, 12, "schema.pattern"),
    ("  home:\n    title: {vi: N, en: H}\n    domestic: yes please\n", 8, 15, "schema.expected"),
    ("  home:\n    title: {vi: N, en: H}\n    ookla: h.vn:80\n    up: http://h.vn/u\n    domestic: true\n",
     7, 5, "profile.speed_server_target"),                                                              # both kinds
    ("  home:\n    title: {vi: N, en: H}\n    down: http://h.vn/d\n    domestic: true\n",
     7, 5, "profile.speed_server_target"),                                                              # half a pair
])
def test_bad_speed_servers_cite_file_line_column(tmp_path, body, line, column, key):
    with pytest.raises(SchemaError) as caught:
        profile.load_profile(write(tmp_path, body), local=False)
    first = caught.value.issues[0]
    assert (first.line, first.column, first.message.key) == (line, column, key)


def test_the_bundled_profile_names_servers_of_both_kinds():
    servers = profile.load_profile("khanh-hoa", local=False).speed_servers
    assert {s.domestic for s in servers} == {True, False}
    assert all(s.ookla.endswith(".vn:8080") for s in servers if s.domestic)
