"""Language choice and message rendering from the one catalogue (kfield.locale)."""

from __future__ import annotations

import locale
import os
from contextvars import ContextVar, Token
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


# the language of this run: set once by the entry point (kfield.__main__), read by whatever writes words
_CHOSEN: ContextVar[str | None] = ContextVar("kfield_lang", default=None)


def use_lang(lang: str) -> Token:
    """Make ``lang`` the run's language; the token gives the previous one back (``reset_lang``)."""
    return _CHOSEN.set(normalise_lang(lang))


def reset_lang(token: Token) -> None:
    _CHOSEN.reset(token)


def chosen_lang() -> str | None:
    """The language set for this run, if one was (None: none chosen yet)."""
    return _CHOSEN.get()


def current_lang() -> str:
    """The run's language; before one is chosen, the environment's (English if KFIELD_LANG is not one)."""
    chosen = _CHOSEN.get()
    if chosen is not None:
        return chosen
    try:
        return detect_lang()
    except Exception:                  # a bad KFIELD_LANG is refused by the command line, not here
        return DEFAULT_LANG


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
    if "{menu[" in template:
        rendered["menu"] = Menus(lang)
    try:
        return template.format(**rendered)
    except (KeyError, IndexError, ValueError):
        return template


def render(message: Message | None, lang: str) -> str:
    if message is None:
        return ""
    return text(message.key, lang, **dict(message.params))


# --- Windows menus as the PC shows them ----------------------------------------------------------
# A remedy names a menu as {menu[datetime]}; each entry "menu.NAME" is (the name a Vietnamese Windows
# shows, the name an English one shows), whatever language kfield speaks. The PC's display language
# is a Host fact, asked once per process; unknown (another PC's results, Linux) → both names.
MENUS = {"datetime": "menu.datetime", "auto_time": "menu.auto_time", "sync_now": "menu.sync_now",
         "task_manager": "menu.task_manager", "processes_tab": "menu.processes_tab",
         "windows_update": "menu.windows_update"}
_display: dict = {}


def set_display_language(tag: str | None) -> None:
    """The PC's display language ("vi-VN", "en-US", None unknown); tests and other callers set it."""
    _display["tag"] = tag


def display_language() -> str | None:
    if "tag" not in _display:
        from kfield.platform import current_facts

        _display["tag"] = current_facts().display_language()
    return _display["tag"]


def menu_language(tag: str | None) -> str | None:
    """"vi-VN" → "vi", "en-GB" → "en"; any other language or none → None (name both)."""
    primary = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGS else None


def menu(name: str, lang: str, shown_in: str | None) -> str:
    """One menu's wording for a reader of ``lang`` on a PC showing menus in ``shown_in``."""
    vi, en = catalogue()[MENUS[name]]
    if shown_in in LANGS:
        return text("menu.one", lang, name=vi if shown_in == "vi" else en)
    return text("menu.both", lang, vi=vi, en=en)


class Menus:
    """What {menu[NAME]} looks up in a template: the menu named as this PC shows it."""

    def __init__(self, lang: str):
        self.lang = lang

    def __getitem__(self, name: str) -> str:
        return menu(name, self.lang, menu_language(display_language()))
