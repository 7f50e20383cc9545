"""Help texts for typer, taken from the catalogue in the run's language.

Some are made when a command module is imported, so the entry point chooses the language
(kfield.__main__.run, from `--lang` anywhere on the line) before it imports kfield.cli.
"""

from __future__ import annotations


def h(key: str, **params) -> str:
    from kfield.core.i18n import current_lang, text

    return text(key, current_lang(), **params)
