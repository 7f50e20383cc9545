"""Language choice and message rendering from the one catalogue (kfield.locale).

Map `kfield/core/i18n.py`, `kfield/locale/*.py`: language choice (the run's language is one context variable,
set once by the entry point: `use_lang`, `current_lang`); the one catalogue (one module per area,
`{key: (vi, en)}`; `menu.py`: Windows menus as a Vietnamese and an English Windows show them, picked by the
PC's display language for `{menu[NAME]}`)
"""

from __future__ import annotations

import locale
import os
import re
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator, Mapping

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
# A remedy or a playbook step names a menu as {menu[datetime]}; each entry "menu.NAME" (kfield/locale/menu.py)
# is (the name a Vietnamese Windows shows, the name an English one shows), whatever language kfield speaks.
# The PC's display language and its Windows version are Host facts, asked once per process; unknown (another
# PC's results, Linux) → both names, and Windows 10's page beside Windows 11's where they differ.
MENUS = {"start": "menu.start", "datetime": "menu.datetime", "auto_time": "menu.auto_time", "sync_now": "menu.sync_now",
         "task_manager": "menu.task_manager", "processes_tab": "menu.processes_tab",
         "network_column": "menu.network_column", "windows_update": "menu.windows_update",
         "proxy": "menu.proxy", "forget": "menu.forget", "location": "menu.location",
         "location_services": "menu.location_services", "desktop_apps_location": "menu.desktop_apps_location",
         "apps": "menu.apps", "uninstall": "menu.uninstall", "printers": "menu.printers",
         "print_queue": "menu.print_queue", "cancel_all": "menu.cancel_all", "printer_offline": "menu.printer_offline",
         "device_manager": "menu.device_manager", "power_management": "menu.power_management",
         "allow_turn_off": "menu.allow_turn_off", "ipv4": "menu.ipv4", "dns_auto": "menu.dns_auto",
         "firewall": "menu.firewall", "virus": "menu.virus", "defender_scan": "menu.defender_scan"}
# where Windows 10 names the page otherwise: "menu.NAME.win10"
WINDOWS10 = {"printers": "menu.printers.win10", "location": "menu.location.win10",
             "desktop_apps_location": "menu.desktop_apps_location.win10",
             "windows_update": "menu.windows_update.win10"}
MENU_PLACEHOLDER = re.compile(r"\{menu\[([A-Za-z_][A-Za-z0-9_]*)\]\}")
_display: dict = {}


def set_display_language(tag: str | None) -> None:
    """The PC's display language ("vi-VN", "en-US", None unknown); tests and other callers set it."""
    _display["tag"] = tag


def set_windows_version(version: str | None) -> None:
    """The PC's Windows ("10", "11", None: not Windows or unknown); tests and other callers set it."""
    _display["windows"] = version


@contextmanager
def display_shown_as(tag: str | None, windows: str | None = None) -> Iterator[None]:
    """Name menus as a PC showing ``tag`` on ``windows`` would for the block (None: both names, both
    Windows versions' pages, as the generated docs do)."""
    saved = dict(_display)
    _display.update(tag=tag, windows=windows)
    try:
        yield
    finally:
        _display.clear()
        _display.update(saved)


def display_language() -> str | None:
    if "tag" not in _display:
        from kfield.platform import current_facts

        _display["tag"] = current_facts().display_language()
    return _display["tag"]


def windows_version() -> str | None:
    if "windows" not in _display:
        from kfield.platform import current_facts

        info = current_facts().os_info()
        _display["windows"] = info.version if info.family == "windows" and info.version in ("10", "11") else None
    return _display["windows"]


def menu_language(tag: str | None) -> str | None:
    """"vi-VN" → "vi", "en-GB" → "en"; any other language or none → None (name both)."""
    primary = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGS else None


def menu(name: str, lang: str, shown_in: str | None, windows: str | None = None) -> str:
    """One menu's wording for a reader of ``lang`` on a PC showing menus in ``shown_in``, on Windows
    ``windows`` ("10", "11"; None unknown: Windows 11's page, and Windows 10's beside where it differs)."""
    older = WINDOWS10.get(name)
    if older is None or windows == "11":
        return _named(MENUS[name], lang, shown_in)
    if windows == "10":
        return _named(older, lang, shown_in)
    return text("menu.win10", lang, name=_named(MENUS[name], lang, shown_in), win10=_named(older, lang, shown_in))


def _named(key: str, lang: str, shown_in: str | None) -> str:
    vi, en = catalogue()[key]
    if shown_in in LANGS:
        return text("menu.one", lang, name=vi if shown_in == "vi" else en)
    return text("menu.both", lang, vi=vi, en=en)


class Menus:
    """What {menu[NAME]} looks up in a template: the menu named as this PC shows it."""

    def __init__(self, lang: str):
        self.lang = lang

    def __getitem__(self, name: str) -> str:
        return menu(name, self.lang, menu_language(display_language()), windows_version())
