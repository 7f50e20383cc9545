import pytest

from kfield.core import i18n
from kfield.core.errors import UsageError
from kfield.core.result import Message


@pytest.mark.parametrize("explicit, env, expected", [
    ("vi", {}, "vi"),
    ("EN", {"KFIELD_LANG": "vi"}, "en"),
    (None, {"KFIELD_LANG": "vi_VN.UTF-8"}, "vi"),
    (None, {"LANG": "vi_VN.UTF-8"}, "vi"),
    (None, {"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN"}, "en"),
    (None, {"LANG": "C.UTF-8"}, "en"),
])
def test_language_choice_order(explicit, env, expected):
    assert i18n.detect_lang(explicit, env) == expected


def test_unsupported_language_is_a_usage_error():
    with pytest.raises(UsageError) as caught:
        i18n.detect_lang("fr", {})
    assert caught.value.message.key == "core.error.bad_lang"


def test_render_nested_messages_in_the_same_language():
    inner = Message("schema.missing", {"key": "id"})
    outer = Message("schema.issue", {"where": "p.yaml:1:1", "detail": inner})
    assert i18n.render(outer, "vi") == "p.yaml:1:1: thiếu khóa bắt buộc «id»"
    assert i18n.render(outer, "en") == 'p.yaml:1:1: missing required key "id"'


def test_unknown_key_and_missing_params_never_crash():
    assert i18n.text("no.such.key", "vi") == "no.such.key"
    assert "{program}" in i18n.text("platform.no_program", "en")
