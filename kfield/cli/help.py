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
