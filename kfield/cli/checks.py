"""`kfield checks list`: the catalogue of checks with their descriptions."""

from __future__ import annotations


import typer

from kfield.cli import common
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("list", help=h("help.checks.list"))
@common.output_options(*common.TEXT_OR_JSON)
def list_checks(
    fmt: common.Format = common.Format.console,
) -> int:
    from kfield.formats.json import document

    language = common.lang()
    from kfield.core.registry import load_all

    rows = [catalogue_row(spec, language) for spec in load_all().values()]
    rows.sort(key=lambda row: row["id"])
    if fmt is common.Format.json:
        common.emit(document(rows), None)
    else:
        common.emit("".join(_plain(row) for row in rows), None)
    return 0


def catalogue_row(spec, lang: str) -> dict:
    from kfield.core.i18n import text

    return {
        "id": spec.id, "area": spec.area, "title": text(spec.title_key, lang),
        "description": text(spec.desc_key, lang), "tags": list(spec.all_tags),
        "requires": list(spec.requires), "timeout_s": spec.timeout, "admin": spec.admin,
        "platforms": list(spec.platforms or ()),
    }


def _plain(row: dict) -> str:
    return f"{row['id']:<8} {row['title']}\n         {row['description']}\n"
