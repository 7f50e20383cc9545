"""Help texts for typer, taken from the catalogue in the environment's language."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _lang() -> str:
    from kfield.cli import errors

    return errors.lang()


def h(key: str, **params) -> str:
    from kfield.core.i18n import text

    return text(key, _lang(), **params)


def lang_from_argv(argv: list[str]) -> None:
    """`--lang vi` anywhere on the command line (at the root or after a command) chooses the language
    of everything, help included: it is read before any help text is made, and kept for this process
    as KFIELD_LANG. A wrong value is left for the parser to refuse."""
    import os

    from kfield.core.errors import KfieldError
    from kfield.core.i18n import normalise_lang

    for index, arg in enumerate(argv):
        if arg == "--":
            return
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else (
            arg[len("--lang="):] if arg.startswith("--lang=") else None)
        if value is not None:
            try:
                os.environ["KFIELD_LANG"] = normalise_lang(value)
            except KfieldError:
                pass
            _lang.cache_clear()
            return
