"""Windows menus in playbooks and remedies: named as this PC's Windows shows them ({menu[NAME]}), by its display
language (not kfield's --lang); both names when that is unknown."""

import re

import pytest

from kfield.core import i18n
from kfield.core.i18n import MENUS, catalogue, menu, text
from kfield.core.schema import SchemaError
from kfield.playbook import loader, render
from kfield.playbook import model as m
from kfield.playbook.lint import lint_file
from tests.playbook.conftest import ROLES, SIGNING

PROXY = {"vi": "Cài đặt → Mạng & Internet → Proxy", "en": "Settings → Network & Internet → Proxy"}


@pytest.fixture
def display(monkeypatch):
    """The PC's display language for one test (the process asks the host once otherwise)."""
    monkeypatch.setattr(i18n, "_display", {})
    return i18n.set_display_language


# --- the pick ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_vietnamese_display_gets_the_vietnamese_name_whatever_kfield_speaks(lang):
    assert PROXY["vi"] in menu("proxy", lang, "vi") and "Settings" not in menu("proxy", lang, "vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_english_display_gets_the_english_name_whatever_kfield_speaks(lang):
    assert PROXY["en"] in menu("proxy", lang, "en") and "Cài đặt" not in menu("proxy", lang, "en")


def test_an_unknown_display_gets_both_names_the_readers_first():
    vi, en = menu("proxy", "vi", None), menu("proxy", "en", None)
    assert vi.index(PROXY["vi"]) < vi.index(PROXY["en"]) and "Windows tiếng Anh" in vi
    assert en.index(PROXY["en"]) < en.index(PROXY["vi"]) and "Vietnamese Windows" in en


@pytest.mark.parametrize(("tag", "shown"), [("vi-VN", "vi"), ("en-US", "en"), ("en-GB", "en"), (None, None),
                                            ("fr-FR", None), ("langid-0418", None)])
def test_the_pcs_display_language_picks_not_the_readers(display, tag, shown):
    display(tag)
    words = m.Bilingual("Mở {menu[proxy]}.", "Open {menu[proxy]}.")
    for lang in ("vi", "en"):
        filled = render.fill(words, lang, {})
        assert "{menu" not in filled
        for side in ("vi", "en"):
            assert (PROXY[side] in filled) == (shown in (side, None)), (tag, lang, filled)


def test_the_catalogue_of_menus_has_both_windows_names_for_every_name():
    for name, key in MENUS.items():
        vi, en = catalogue()[key]
        assert vi.strip() and en.strip() and "{" not in vi + en, name
    assert set(i18n.WINDOWS10) <= set(MENUS)
    assert {k for k in catalogue() if k.startswith("menu.")} == {*MENUS.values(), *i18n.WINDOWS10.values(),
                                                                 "menu.one", "menu.both", "menu.win10"}


PRINTERS = {"11": "Cài đặt → Bluetooth & thiết bị → Máy in & máy quét", "10": "Cài đặt → Thiết bị → Máy in & máy quét"}


@pytest.mark.parametrize(("windows", "named"), [("11", {"11"}), ("10", {"10"}), (None, {"11", "10"})])
def test_a_page_windows_10_names_otherwise_follows_the_pcs_windows_and_both_when_unknown(windows, named):
    words = menu("printers", "en", "vi", windows)
    assert {version for version, path in PRINTERS.items() if f'"{path}"' in words} == named, words
    assert ("on Windows 10" in words) == (windows is None)
    assert menu("proxy", "vi", "vi", windows) == f"«{PROXY['vi']}»"          # the same page on both


def test_the_pcs_windows_version_is_a_host_fact_and_linux_has_none(display):
    display("vi-VN")
    assert i18n.windows_version() is None                                     # this Linux machine
    i18n.set_windows_version("10")
    assert PRINTERS["10"] in render.fill(m.Bilingual("{menu[printers]}", "{menu[printers]}"), "vi", {})


# --- playbook texts ------------------------------------------------------------------------------


def test_fill_names_menus_and_variables_in_one_pass(display):
    display("en-US")
    words = m.Bilingual("{browser}: {menu[proxy]}", "{browser}: {menu[proxy]} {missing}")
    assert render.fill(words, "en", {"browser": "Edge"}) == f'Edge: "{PROXY["en"]}" {{missing}}'
    # a variable's value is text the student chose, never read as a placeholder
    assert render.fill(words, "vi", {"browser": "{menu[proxy]}"}) == f'{{menu[proxy]}}: «{PROXY["en"]}»'


def _proxy_step():
    playbook = loader.load(loader.locate("net-no-internet"))
    return playbook, playbook.steps["proxy"]


@pytest.mark.parametrize(("tag", "lang", "named", "not_named"), [
    ("vi-VN", "vi", "«Cài đặt → Mạng & Internet → Proxy»", "Settings"),
    ("vi-VN", "en", '"Cài đặt → Mạng & Internet → Proxy"', "Settings"),        # quoted as the reader's language does
    ("en-US", "vi", "«Settings → Network & Internet → Proxy»", "Cài đặt"),
    ("en-US", "en", '"Settings → Network & Internet → Proxy"', "Cài đặt"),
])
def test_a_playbook_step_names_the_menu_as_the_pc_shows_it(display, tag, lang, named, not_named):
    display(tag)
    playbook, step = _proxy_step()
    shown = "\n".join(render.question(step, [], lang, playbook.vars))
    assert named in shown and not_named not in shown and "{menu" not in shown, shown
    assert ("tắt proxy đặt tay" in shown) == (lang == "vi")          # the sentence itself is in the reader's language


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_playbook_reviewed_where_the_display_is_unknown_names_both(display, lang):
    display(None)
    playbook, _ = _proxy_step()
    shown = render.show(playbook, lang)
    assert PROXY["vi"] in shown and PROXY["en"] in shown and "{menu" not in shown


def _quoted(name: str, words: str) -> bool:
    """A menu's name as a sentence quotes it («…» or "…"), not the same word in the sentence's own text."""
    return f"«{name}»" in words or f'"{name}"' in words


def _bundled_texts():
    for path in loader.bundled():
        playbook = loader.load(path)
        for step in playbook.steps.values():
            for words in [step.text, *(c.label for c in getattr(step, "choices", ()))]:
                if words is not None:
                    yield playbook, step, words


@pytest.mark.parametrize("tag", ["vi-VN", "en-US", None])
def test_every_bundled_playbook_text_renders_its_menus_in_both_languages(display, tag):
    display(tag)
    menus = 0
    for playbook, step, words in _bundled_texts():
        names = set(i18n.MENU_PLACEHOLDER.findall(words.vi)) | set(i18n.MENU_PLACEHOLDER.findall(words.en))
        menus += len(names)
        for lang in ("vi", "en"):
            filled = render.fill(words, lang, playbook.vars)
            assert "{menu" not in filled, (playbook.id, step.id)
            for name in names:
                vi, en = catalogue()[MENUS[name]]
                assert _quoted(vi, filled) == (tag != "en-US") and _quoted(en, filled) == (tag != "vi-VN"), \
                    (playbook.id, step.id, filled)
    assert menus >= 25


# Text that names a menu outside {menu[...]}: the English and Vietnamese Windows names that start a path, and
# the tools' names. What is not a Windows menu stays plain text: a browser's own settings and a phone's.
PLAIN = re.compile(r"Settings →|Cài đặt →|Start menu|menu Start|Task Manager|Trình quản lý Tác vụ|Device Manager|Windows Security|"
                   r"Bảo mật Windows|Control Panel|Bảng điều khiển")
NOT_WINDOWS = {("eoffice-login", "update-browser"), ("pakn-notifications", "phone"),
               "sign.browser.remedy"}


def test_no_playbook_or_catalogue_text_names_a_windows_menu_by_hand():
    by_hand = [(p.id, s.id) for p, s, words in _bundled_texts() if PLAIN.search(words.vi + words.en)]
    by_hand += [key for key, pair in catalogue().items()
                if not key.startswith("menu.") and PLAIN.search(" ".join(pair))]
    assert set(by_hand) <= NOT_WINDOWS, set(by_hand) - NOT_WINDOWS


@pytest.mark.parametrize(("tag", "vi_named", "en_named"), [("vi-VN", True, False), ("en-US", False, True),
                                                           (None, True, True)])
def test_check_remedies_name_the_proxy_and_location_menus_by_the_display(display, tag, vi_named, en_named):
    display(tag)
    location = catalogue()["menu.location"]
    for lang in ("vi", "en"):
        proxy = text("net.proxy.remedy", lang)
        wifi = text("platform.source.location_off", lang, source="wlanapi", detail="")
        assert (PROXY["vi"] in proxy, PROXY["en"] in proxy) == (vi_named, en_named), proxy
        assert (location[0] in wifi, location[1] in wifi) == (vi_named, en_named), wifi
        assert "{menu" not in proxy + wifi


# --- authors' mistakes ----------------------------------------------------------------------------


def test_an_unknown_menu_name_is_a_load_error_at_its_line(tmp_path):
    source = SIGNING.read_text(encoding="utf-8")
    old = "then reload the page."
    assert old in source
    path = tmp_path / SIGNING.name
    path.write_text(source.replace(old, "then open {menu[nonsense]}."), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        loader.load(path)
    issues = [(i.message.key, dict(i.message.params)) for i in caught.value.issues]
    assert issues == [("pb.unknown_menu", {"menu": "nonsense"})]
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "nonsense" in row)
    assert caught.value.issues[0].line == line


def test_a_menu_named_in_one_language_only_is_a_lint_finding(tmp_path):
    source = SIGNING.read_text(encoding="utf-8")
    old = "then reload the page."
    path = tmp_path / SIGNING.name
    path.write_text(source.replace(old, "then reload the page ({menu[proxy]})."), encoding="utf-8")
    _, findings = lint_file(path, ROLES, "p")
    assert [f.message.key for f in findings] == ["pb.lint.placeholders"]
    assert "menu[proxy]" in str(dict(findings[0].message.params))


def test_the_docs_graphs_are_the_same_on_every_machine(display):
    from kfield.playbook.docs import library_markdown

    display("vi-VN")
    first = library_markdown()
    display(None)
    assert library_markdown() == first and "Cài đặt → Mạng & Internet" not in first
    assert i18n.display_language() is None                     # the generator put the PC's language back
