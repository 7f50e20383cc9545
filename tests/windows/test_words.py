"""Windows failures in words (no wine needed): a failing Windows call is "could not check" with its
code, never the exception's text; PC001's advice fits the Windows version."""

import datetime as dt
import re

import pytest

from kfield.core.errors import NotSupported
from kfield.core.i18n import catalogue, render
from kfield.core.result import Message
from kfield.platform import windows
from kfield.platform.win32 import wmi


class ComError(Exception):
    """What pywintypes.com_error carries: (hresult, text, excepinfo, argerr)."""


def test_a_failed_process_list_is_a_sentence_with_its_code(monkeypatch):
    def fail(self):
        error = OSError(22, "Invalid parameter: '(originated from NtQuerySystemInformation)'")
        error.winerror = 87
        raise error

    monkeypatch.setattr(windows.Host, "processes", fail)
    with pytest.raises(NotSupported) as caught:
        windows.WindowsHost().processes()
    message = Message(caught.value.key, caught.value.params)
    assert caught.value.params == {"code": 87}                      # plain JSON: results go into visit logs
    assert render(message, "vi") == "Không kiểm tra được: Windows không trả lời câu hỏi về các tiến trình (mã 87)"
    assert render(message, "en") == "Could not check: Windows did not answer the question about the running processes (code 87)"


@pytest.mark.parametrize(("error", "shown"), [
    (ComError(-2147352567, "Exception occurred.", (0, "SWbemLocator", "Not found", None, 0, -2147217394), None),
     "0x8004100E"),
    (ComError(-2147221005, "Invalid class string", None, None), "0x800401F3"),
    (AttributeError("FirewallEnabled"), "—"),
])
def test_a_com_failure_keeps_its_code_and_never_its_text(error, shown):
    assert wmi.com_code(error) == shown


@pytest.mark.parametrize(("key", "remedy"), [("windows-10", "pc.os.remedy.windows10"),
                                             ("windows-11", "pc.os.remedy.windows11"),
                                             ("windows-7", "pc.os.remedy")])
def test_pc001_advice_fits_the_version(key, remedy):
    from kfield.checks.pc import os_support
    from kfield.platform.base import OsInfo

    class Host:
        def os_info(self):
            return OsInfo("windows", f"Windows {key[8:]}", key[8:], "19045", key)

    result = os_support(Host(), {key: dt.date(2025, 10, 14)}, 180, today=dt.date(2026, 1, 1))
    assert result.status.value == "fail" and result.remedy.key == remedy
    if key == "windows-10":
        text = render(result.remedy, "vi")
        assert "ESU" in text and "Windows 11" in text and "nâng cấp lên Windows 10/11" not in text


@pytest.fixture
def display(monkeypatch):
    """Set the PC's display language for one test (the process asks the host once otherwise)."""
    from kfield.core import i18n

    monkeypatch.setattr(i18n, "_display", {})
    return i18n.set_display_language


DATETIME = {"vi": "Cài đặt → Thời gian & ngôn ngữ → Ngày & giờ", "en": "Settings → Time & language → Date & time"}


@pytest.mark.parametrize("shown", ["vi-VN", "en-US", "en-GB"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("key", ["pc.tz.remedy", "pc.clock.remedy"])
def test_remedies_name_the_menus_as_the_pc_shows_them_whatever_language_kfield_speaks(display, key, lang, shown):
    from kfield.core.i18n import text

    display(shown)
    other = "en" if shown.startswith("vi") else "vi"
    remedy = text(key, lang, expected="+07:00")
    assert DATETIME[shown[:2]] in remedy and DATETIME[other] not in remedy, remedy
    assert "{menu" not in remedy


@pytest.mark.parametrize("shown", [None, "fr-FR", "langid-0000"])
def test_an_unknown_display_language_names_both_the_readers_first(display, shown):
    from kfield.core.i18n import text

    display(shown)
    vi, en = text("pc.tz.remedy", "vi", expected="+07:00"), text("pc.tz.remedy", "en", expected="+07:00")
    for remedy in (vi, en):
        assert DATETIME["vi"] in remedy and DATETIME["en"] in remedy
    assert vi.index("Cài đặt") < vi.index("Settings") and en.index("Settings") < en.index("Cài đặt")
    assert "Windows tiếng Anh" in vi and "on a Vietnamese Windows" in en


def test_every_menu_a_remedy_or_playbook_names_is_declared_with_both_windows_names():
    from kfield.core.i18n import MENUS
    from kfield.playbook.loader import bundled

    texts = [t for pair in catalogue().values() for t in pair]
    texts += [path.read_text(encoding="utf-8") for path in bundled()]
    used = {name for t in texts for name in re.findall(r"\{menu\[(\w+)\]\}", t)}
    assert used and used <= set(MENUS), used - set(MENUS)
    assert all(len(catalogue()[key]) == 2 and all(catalogue()[key]) for key in MENUS.values())
    assert set(MENUS) <= used, set(MENUS) - used          # no menu declared that nothing names


@pytest.mark.parametrize(("langid", "tag"), [(0x042A, "vi-VN"), (0x0409, "en-US"), (0x0809, "en-GB"), (0x082A, "vi"),
                                             (0x040C, "fr"), (0x0418, "langid-0418"), (0, None), (-1, None),
                                             (0x10000, None), (None, None)])
def test_a_langid_becomes_a_language_tag(langid, tag):
    assert windows.langid_tag(langid) == tag


def test_the_registry_ui_languages_decode_typed_and_from_reg_query_text():
    from kfield.platform.win32 import registry

    typed = {"PreferredUILanguages": registry.Value(["vi-VN", "en-US"], registry.REG_MULTI_SZ)}
    assert windows.ui_language_from_registry(typed) == "vi-VN"
    queried = registry.parse_reg_query("\r\nHKEY_CURRENT_USER\\Control Panel\\Desktop\r\n"
                                       "    MUILanguages    REG_MULTI_SZ    en-US\\0vi-VN\r\n"
                                       "    PreferredUILanguages    REG_MULTI_SZ    \r\n")
    assert windows.ui_language_from_registry(queried) == "en-US"          # an empty preference: the installed one
    assert windows.ui_language_from_registry({"MUILanguages": registry.Value("vi-VN", registry.REG_SZ)}) == "vi-VN"
    for values in (None, {}, {"PreferredUILanguages": registry.Value(b"\x00", registry.REG_BINARY)},
                   {"MUILanguages": registry.Value(["", "??"], registry.REG_MULTI_SZ)}):
        assert windows.ui_language_from_registry(values) is None


@pytest.mark.parametrize(("tag", "lang"), [("vi-VN", "vi"), ("vi", "vi"), ("EN-us", "en"), ("en_GB", "en"),
                                           ("fr-FR", None), ("", None), (None, None)])
def test_the_display_language_picks_the_menu_names(tag, lang):
    from kfield.core.i18n import menu_language

    assert menu_language(tag) == lang


def test_linux_has_no_windows_display_language():
    from kfield.platform.linux import LinuxHost

    assert LinuxHost().display_language() is None


COULD_NOT_CHECK = {"vi": "Không kiểm tra được", "en": "Could not check"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_status_has_one_label_sharing_no_word_with_another_or_with_could_not_check(lang):
    """A skip whose source gave no answer reads "Không kiểm tra được: …" under the label «Bỏ qua»; the
    status error must not be labelled with those words too, or one thing reads as two labels."""
    from kfield.core.i18n import text
    from kfield.core.result import Status

    labels = {status.value: text(f"status.{status.value}", lang) for status in Status}
    words = {status: set(label.lower().split()) for status, label in labels.items()}
    prefix = set(COULD_NOT_CHECK[lang].lower().split())
    for status, mine in words.items():
        assert not mine & prefix or status == "skip", (status, labels[status])
        others = set().union(*(w for s, w in words.items() if s != status))
        assert not mine & others, (status, labels)
    assert render(Message("platform.source.empty", {"source": "powershell"}), lang).startswith(COULD_NOT_CHECK[lang])
