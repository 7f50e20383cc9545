"""`kfield profile validate|list|schema`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("validate", help=h("help.profile.validate"))
def validate(
    paths: Annotated[list[str], typer.Argument(help=h("help.profile.paths"), parser=values.identifier)],
) -> int:
    language = common.lang()
    from kfield.core.i18n import render, text
    from kfield.core.profile import load_profile
    from kfield.core.schema import SchemaError
    from kfield.core.errors import ProfileError

    bad = False
    for path in paths:
        try:
            load_profile(path, local=False)
            errors.say(text("cli.profile.valid", language, path=path))
        except SchemaError as exc:
            bad = True
            for issue in exc.issues:
                errors.say(f"{issue.location()}: {render(issue.message, language)}")
        except ProfileError as exc:
            bad = True
            errors.say(render(exc.message, language))
    return 2 if bad else 0


@app.command("list", help=h("help.profile.list"))
def list_profiles() -> int:
    language = common.lang()
    from kfield.core.profile import bundled_profiles, load_profile

    for path in bundled_profiles():
        loaded = load_profile(path, local=False)
        common.emit(f"{loaded.id:<16} {len(loaded.check_ids):>3}  {loaded.title[language]}\n", None)
    return 0


@app.command("schema", help=h("help.profile.schema"))
def schema(output: common.OutputOpt = None) -> int:
    from kfield.formats.json import document

    from kfield.core.profile import export_schema

    common.emit(document(export_schema()), output)
    return 0


SettingArg = Annotated[str, typer.Argument(metavar="SETTING", help=h("help.profile.setting"))]


@app.command("set", help=h("help.profile.set"))
def set_setting(
    name: SettingArg,
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help=h("help.profile.urls"))],
) -> int:
    language = common.lang()
    from kfield.core import settings
    from kfield.core.i18n import text

    kept = settings.set_value(name, urls)
    errors.say(text("cli.settings.saved", language, setting=text(settings.known(name).title_key, language),
                    urls=", ".join(kept), path=str(settings.path())))
    return 0


@app.command("unset", help=h("help.profile.unset"))
def unset_setting(name: SettingArg) -> int:
    language = common.lang()
    from kfield.core import settings
    from kfield.core.i18n import text

    removed = settings.unset(name)
    words = text(settings.known(name).title_key, language)
    errors.say(text("cli.settings.removed" if removed else "cli.settings.was_unset", language, setting=words))
    return 0


@app.command("show", help=h("help.profile.show"))
def show(profile: Annotated[Optional[str], typer.Option("--profile", "-p", help=h("help.profile_opt"))] = None) -> int:
    """The profile in use with this PC's settings: the portals (set here or in the profile) and the settings."""
    language = common.lang()
    from kfield.core import settings
    from kfield.core.i18n import text
    from kfield.core.profile import load_profile

    loaded, values = load_profile(profile), settings.load()
    lines = [text("cli.settings.profile", language, id=loaded.id, title=loaded.title[language])]
    for portal in loaded.portals:
        where = text("cli.settings.here" if portal.local else "cli.settings.in_profile", language)
        lines.append(f"  {portal.url}  {portal.title[language]} ({where})")
    for name, setting in settings.SETTINGS.items():
        shown = ", ".join(values.get(name, [])) or text("cli.settings.not_set", language, name=name)
        lines.append(f"{text(setting.title_key, language)} [{name}]: {shown}")
    lines.append(text("cli.settings.file", language, path=str(settings.path())))
    common.emit("\n".join(lines) + "\n", None)
    return 0
