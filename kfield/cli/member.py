"""`kfield member set|show`: who uses this laptop or this stick (name, school, team), once."""

from __future__ import annotations

from typing import Annotated

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("set", help=h("help.member.set"))
def set_member(
    name: Annotated[str, typer.Option("--name", parser=values.name, help=h("help.member.name"))],
    school: Annotated[str, typer.Option("--school", parser=values.name, help=h("help.member.school"))],
    team: Annotated[str, typer.Option("--team", parser=values.name, help=h("help.member.team"))] = "",
) -> int:
    language = common.lang()
    from kfield.core.errors import UsageError
    from kfield.core.i18n import text
    from kfield.visit import member

    if not name.strip() or not school.strip():
        raise UsageError("visit.member.empty")
    member.save(member.Member(name.strip(), school.strip(), team.strip()))
    errors.say(text("visit.member.saved", language, name=name.strip(), path=str(member.path())))
    return 0


@app.command("show", help=h("help.member.show"))
def show() -> int:
    language = common.lang()
    from kfield.core.i18n import text
    from kfield.visit import member

    who = member.require()
    common.emit(text("visit.member.line", language, name=who.name, school=who.school, team=who.team or "—") + "\n",
                None)
    return 0


def who_records():
    """The member a visit is recorded for: the saved one; when none is saved (a new stick) and
    someone is at the keyboard, asked once and saved; else the error that says how to set it."""
    import sys

    from kfield.core.i18n import text
    from kfield.visit import member

    who = member.load()
    if who is not None or not (sys.stdin and sys.stdin.isatty()):
        return who or member.require()
    language = errors.lang()
    errors.say(text("visit.member.ask", language))
    name = typer.prompt(text("visit.member.ask_name", language), err=True).strip()
    school = typer.prompt(text("visit.member.ask_school", language), err=True).strip()
    if not name or not school:
        from kfield.core.errors import UsageError

        raise UsageError("visit.member.empty")
    member.save(member.Member(name, school))
    errors.say(text("visit.member.saved", language, name=name, path=str(member.path())))
    return member.require()
