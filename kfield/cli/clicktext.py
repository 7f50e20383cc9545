"""Typer's and its Click's own words in the user's language: help pages and usage errors.

The Typer pinned here vendors Click (`typer._click`) with its gettext calls turned into plain
f-strings; only `typer.core` still asks `gettext` (section titles, "[default: …]", "[required]",
"No such command …"). So: `typer.core`'s `_` is, once, a function that looks Typer's msgid up in the
catalogue (`click.*` entries, English text = Typer's msgid) in the run's language; the help formatter translates the
"Usage:" prefix, the help option's text and the type names; usage errors are rendered from the
exception's fields (option, parameter, pydantic error type), never from Click's English sentence.
"""

from __future__ import annotations

import gettext as _gettext
import re
from functools import lru_cache

from kfield.core.i18n import catalogue, current_lang, text

# type names Typer shows as <str>, <int>…: the catalogue names them for a person
TYPES = ("str", "int", "float", "path", "list[str]", "datetime", "bool", "int range", "float range")


class Translations(_gettext.NullTranslations):
    """msgid (Typer's English) → the catalogue's text in one language."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def gettext(self, message: str) -> str:
        return self.table.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


# the msgids typer.core passes to gettext, as catalogue entries click.msg.<name>
MSGIDS = ("options", "arguments", "commands", "default", "required", "env_var", "dynamic", "aborted",
          "missing_command", "no_command")


@lru_cache(maxsize=None)
def translations(lang: str) -> Translations:
    index = 0 if lang == "vi" else 1
    entries = [catalogue()[f"click.msg.{name}"] for name in MSGIDS]
    return Translations({pair[1]: pair[index] for pair in entries})


def gettext(message: str) -> str:
    """typer.core's `_`: its English in the run's language (English stays Typer's own)."""
    lang = current_lang()
    return message if lang == "en" else translations(lang).gettext(message)


def install() -> None:
    """Typer's help and messages follow the run's language: typer.core's `_` and Click's help
    formatter are pointed, once at import, at objects that ask kfield.core.i18n.current_lang each
    time they are used (the pinned Typer has no other way in); nothing is swapped at run time."""
    import typer.core
    from typer._click import core as click_core

    typer.core._ = gettext
    click_core.Context.formatter_class = _formatter()


@lru_cache(maxsize=None)
def _words(lang: str):
    usage = text("click.usage", lang)
    help_text = text("click.help", lang)
    metavars = {"[OPTIONS]": text("click.metavar.options", lang), "COMMAND [ARGS]...": text("click.metavar.command", lang)}
    types = {f"<{t}>": f"<{text(f'click.type.{t}', lang)}>" for t in TYPES}
    return usage, help_text, metavars, types, re.compile("|".join(re.escape(t) for t in types))


def _formatter():
    from typer._click.formatting import HelpFormatter

    class Formatter(HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            lang = current_lang()
            if lang == "en":
                return super().write_usage(prog, args, prefix)
            usage, _, metavars, _, _ = _words(lang)
            for english, translated in metavars.items():
                args = args.replace(english, translated)
            super().write_usage(prog, args, usage if prefix is None else prefix)

        def write_dl(self, rows, *args, **kwargs) -> None:
            lang = current_lang()
            if lang != "en":
                _, help_text, _, types, pattern = _words(lang)
                rows = [(pattern.sub(lambda m: types[m.group(0)], first),
                         second.replace("Show this message and exit.", help_text)) for first, second in rows]
            super().write_dl(rows, *args, **kwargs)

    return Formatter


def usage_message(exc, lang: str) -> str:
    """One sentence for a usage error found by the parser, from the exception's own fields."""
    from typer._click import exceptions as ex

    if isinstance(exc, ex.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        return text(f"click.err.missing_{kind if kind in ('option', 'argument') else 'parameter'}", lang,
                    hint=_hint(exc))
    if isinstance(exc, ex.BadParameter):
        return text("click.err.invalid", lang, hint=_hint(exc), reason=reason(exc, lang))
    if isinstance(exc, ex.NoSuchOption):
        found = text("click.err.no_option", lang, option=exc.option_name)
        more = text("click.err.possible", lang, options=", ".join(sorted(exc.possibilities))) if exc.possibilities else ""
        return f"{found} {more}".strip()
    return _by_pattern(exc.format_message(), lang)


def _hint(exc) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return " / ".join(f"'{h}'" for h in hint) if isinstance(hint, (list, tuple)) else str(hint)
    return exc.param.get_error_hint() if exc.param is not None else ""


# pydantic error type → catalogue entry (its ctx gives the numbers)
PYDANTIC = ("greater_than_equal", "less_than_equal", "greater_than", "less_than", "int_parsing", "int_from_float",
            "float_parsing", "bool_parsing", "enum", "missing", "string_too_short", "string_too_long")


def reason(exc, lang: str) -> str:
    """Why a value was refused, as a sentence: pydantic's error type rendered from the catalogue."""
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if not errors:
        return _by_pattern(str(exc.message), lang)
    first = errors[0]
    if first.get("type") in PYDANTIC:
        return text(f"click.pyd.{first['type']}", lang, **{k: v for k, v in (first.get("ctx") or {}).items()})
    message = str(first.get("msg", ""))
    return _by_pattern(message.removeprefix("Value error, "), lang)


# Click's fixed sentences (f-strings in the vendored Click) → catalogue entries; English stays English
PATTERNS = {
    "click.err.extra": re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"),
    "click.err.needs_value": re.compile(r"Option (?P<option>'[^']*') requires an argument\."),
    "click.err.no_value": re.compile(r"Option (?P<option>'[^']*') does not take a value\."),
    "click.err.not_one_of": re.compile(r"(?P<value>'[^']*') is not one of (?P<choices>.*?)\.?$"),
    "click.err.did_you_mean": re.compile(r"(?P<found>.*?)\.? Did you mean (?P<options>.*)\?"),
}


def _by_pattern(message: str, lang: str) -> str:
    for key, pattern in PATTERNS.items():
        match = pattern.fullmatch(message.strip())
        if match:
            return text(key, lang, **match.groupdict())
    return message
