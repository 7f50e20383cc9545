"""`kfield usb init DEST` and `kfield usb verify DEST`: parse, call kfield.usb, print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

DestArg = Annotated[Path, typer.Argument(metavar="DEST", help=h("help.usb.dest"), show_default=False, parser=values.path)]
# init takes the text as typed: "" is refused, not read as the current folder
InitDestArg = Annotated[str, typer.Argument(metavar="DEST", help=h("help.usb.dest"), show_default=False, parser=values.text)]


@app.command("init", help=h("help.usb.init"), epilog=h("help.usb.exit_codes"))
def init(
    dest: InitDestArg,
    profile: Annotated[str, typer.Option("--profile", "-p", parser=values.identifier, help=h("help.usb.profile"))] = "usb",
    no_wheelhouse: Annotated[bool, typer.Option("--no-wheelhouse", help=h("help.usb.no_wheelhouse"))] = False,
    target: Annotated[Optional[str], typer.Option("--platform", help=h("help.usb.platform"))] = None,
) -> int:
    language = common.lang()
    from kfield.core.i18n import text

    from kfield.usb.kit import init as build

    errors.say(text("usb.building", language, path=str(dest)))
    kit = build(dest, profile, wheelhouse=not no_wheelhouse, target=target)
    errors.say(_summary(kit, language))
    errors.say(text("usb.manifest_hash", language, digest=kit.manifest_sha256))
    errors.say(text("usb.built", language, built=kit.built, short=kit.manifest_sha256[:12]))
    return 0


def _summary(kit, language: str) -> str:
    from kfield.core.i18n import text

    size_mb = f"{kit.size_bytes / 1e6:.1f}"
    if kit.target == "windows":
        from kfield.usb.winsource import EMBEDDED_VERSION

        return text("usb.summary_windows", language, path=str(kit.root), files=kit.files, size_mb=size_mb,
                    python=EMBEDDED_VERSION, packages=kit.wheels)
    return text("usb.summary", language, path=str(kit.root), files=kit.files, size_mb=size_mb, wheels=kit.wheels)


@app.command("verify", help=h("help.usb.verify"), epilog=h("help.usb.exit_codes"))
def verify(
    dest: DestArg,
    expect: Annotated[Optional[str], typer.Option("--expect", parser=values.name, help=h("help.usb.expect"))] = None,
) -> int:
    language = common.lang()
    from kfield.core.i18n import text

    from kfield.usb.check import check_kit

    checked = check_kit(dest, expect)
    errors.say(text("usb.verified", language, path=str(dest), files=checked.files, digest=checked.digest))
    return 0
