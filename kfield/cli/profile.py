"""`kfield profile validate|list|schema`."""

from __future__ import annotations

from typing import Annotated

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("validate", help=h("help.profile.validate"))
def validate(
    paths: Annotated[list[str], typer.Argument(help=h("help.profile.paths"), parser=values.identifier)],
    lang: common.LangOpt = None,
) -> None:
    language = common.use_lang(lang)
    from kfield.core.i18n import render, text
    from kfield.core.profile import load_profile
    from kfield.core.schema import SchemaError
    from kfield.core.errors import ProfileError

    bad = False
    for path in paths:
        try:
            load_profile(path)
            errors.say(text("cli.profile.valid", language, path=path))
        except SchemaError as exc:
            bad = True
            for issue in exc.issues:
                errors.say(f"{issue.location()}: {render(issue.message, language)}")
        except ProfileError as exc:
            bad = True
            errors.say(render(exc.message, language))
    raise errors.Exit(2 if bad else 0)


@app.command("list", help=h("help.profile.list"))
def list_profiles(lang: common.LangOpt = None) -> None:
    language = common.use_lang(lang)
    from kfield.core.profile import bundled_profiles, load_profile

    with errors.funnel():
        for path in bundled_profiles():
            loaded = load_profile(path)
            common.emit(f"{loaded.id:<16} {len(loaded.check_ids):>3}  {loaded.title[language]}\n", None)
    raise errors.Exit(0)


@app.command("schema", help=h("help.profile.schema"))
def schema(output: common.OutputOpt = None) -> None:
    import json

    from kfield.core.profile import export_schema

    with errors.funnel():
        common.emit(json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n", output)
    raise errors.Exit(0)
