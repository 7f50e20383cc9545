"""Windows failures in words (no wine needed): a failing Windows call is "could not check" with its
code, never the exception's text; PC001's advice fits the Windows version."""

import datetime as dt

import pytest

from kfield.core.errors import NotSupported
from kfield.core.i18n import render
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


@pytest.mark.parametrize("key", ["pc.tz.remedy", "pc.clock.remedy"])
def test_remedies_name_the_menus_as_both_display_languages_show_them(key):
    from kfield.core.i18n import text

    vi, en = text(key, "vi", expected="+07:00"), text(key, "en", expected="+07:00")
    for shown in (vi, en):
        assert "Cài đặt → Thời gian và ngôn ngữ → Ngày và giờ" in shown and "Settings → Time & language → Date & time" in shown
    assert vi.index("Cài đặt") < vi.index("Settings") and en.index("Settings") < en.index("Cài đặt")


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
