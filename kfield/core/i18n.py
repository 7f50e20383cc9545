"""Language choice and message rendering from the one catalogue (kfield.locale)."""

from __future__ import annotations

import locale
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from kfield.core.result import Message

LANGS = ("vi", "en")
DEFAULT_LANG = "en"


def detect_lang(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """--lang wins, then KFIELD_LANG, then the system locale (vi_* → vi), else English."""
    env = os.environ if env is None else env
    for candidate in (explicit, env.get("KFIELD_LANG")):
        if candidate:
            return normalise_lang(candidate)
    return _lang_from_locale(env)


def normalise_lang(value: str) -> str:
    lang = value.strip().lower().replace("-", "_").split("_")[0]
    if lang not in LANGS:
        from kfield.core.errors import UsageError

        raise UsageError("core.error.bad_lang", value=value, choices=", ".join(LANGS))
    return lang


def _lang_from_locale(env: Mapping[str, str]) -> str:
    names = [env.get(k, "") for k in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    if not any(names):
        names.append(_system_locale())
    for name in names:
        if name:
            return "vi" if name.lower().startswith("vi") else DEFAULT_LANG
    return DEFAULT_LANG


def _system_locale() -> str:
    try:
        return locale.getlocale()[0] or ""
    except ValueError:  # an unparseable locale setting is not the user's fault
        return ""


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:
    from kfield.locale import load

    return load()


def text(key: str, lang: str, /, **params: Any) -> str:
    """Render one catalogue entry; an unknown key renders as itself (never crashes)."""
    entry = catalogue().get(key)
    if entry is None:
        return key
    template = entry[LANGS.index(lang)] if lang in LANGS else entry[1]
    rendered = {k: render(v, lang) if hasattr(v, "key") and hasattr(v, "params") else v
                for k, v in params.items()}
    try:
        return template.format(**rendered)
    except (KeyError, IndexError, ValueError):
        return template


def render(message: Message | None, lang: str) -> str:
    if message is None:
        return ""
    return text(message.key, lang, **dict(message.params))
