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


def lang_from_argv(argv: list[str]) -> list[str]:
    """`--lang vi` anywhere on the command line (at the root, after a group or a command) chooses the
    language of everything, help included: it is read before any help text is made and kept for this
    process as KFIELD_LANG. Returns the arguments without it (a wrong value moved to the root, for the
    parser to refuse)."""
    import os

    from kfield.core.errors import KfieldError
    from kfield.core.i18n import normalise_lang

    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            value, rest = argv[index + 1], argv[:index] + argv[index + 2:]
        elif arg.startswith("--lang="):
            value, rest = arg[len("--lang="):], argv[:index] + argv[index + 1:]
        else:
            continue
        try:
            os.environ["KFIELD_LANG"] = normalise_lang(value)
        except KfieldError:
            return ["--lang", value, *rest]          # the root option refuses it, in one line
        _lang.cache_clear()
        return rest                                   # chosen: no option value left to parse (parsing one imports pydantic)
    return argv
