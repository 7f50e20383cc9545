"""`kfield hub serve|invite|join|revoke|devices`: the team hub (optional extra `kfield[hub]`)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kfield.cli import common, errors
from kfield.cli.help import h
from kfield.cli.logs import DbOpt

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


def _t(key: str, **params) -> str:
    from kfield.core.i18n import text

    return text(key, errors.lang(), **params)


def _need_extra() -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        from kfield.core.errors import UsageError

        raise UsageError("hub.no_extra") from None


@app.command("serve", help=h("help.hub.serve"))
def serve(bind: Annotated[str, typer.Option("--bind", help=h("help.hub.bind"))] = "0.0.0.0",
          port: Annotated[int, typer.Option("--port", min=1, max=65535, help=h("help.hub.port"))] = 8443,
          db: DbOpt = None,
          plain: Annotated[bool, typer.Option("--plain-http", help=h("help.hub.plain"))] = False,
          max_body: Annotated[int, typer.Option("--max-body", min=1024, help=h("help.hub.max_body"))] = 4 * 2**20,
          max_batch: Annotated[int, typer.Option("--max-batch", min=1, help=h("help.hub.max_batch"))] = 1000,
          rate: Annotated[int, typer.Option("--rate", min=1, help=h("help.hub.rate"))] = 12_000,
          daily: Annotated[int, typer.Option("--daily", min=1, help=h("help.hub.daily"))] = 100_000,
          body_timeout: Annotated[float, typer.Option("--body-timeout", min=0.1, help=h("help.hub.body_timeout"))] = 30.0) -> int:
    _need_extra()
    from kfield.hub import server
    from kfield.hub.app import Limits

    plan = server.Plan(bind, port, db, server.folder(), plain,
                       Limits(body_bytes=max_body, batch_lines=max_batch, rate_per_minute=rate, daily=daily,
                              body_seconds=body_timeout))
    url, fingerprint, pair = server.prepare(plan)
    errors.say(_t("hub.serving", url=url, where=db or _t("hub.default_db")))
    if fingerprint:
        errors.say(_t("hub.fingerprint", fingerprint=fingerprint))
    errors.say(_t("hub.serving.next"))
    try:
        server.serve(plan, pair)
    except KeyboardInterrupt:
        pass
    errors.say(_t("hub.stopped"))
    return 0


def _database(db: str | None):
    from kfield.aggregate import db as dbmod
    from kfield.hub import tokens

    database = dbmod.connect(db)
    with dbmod.reported(database):
        tokens.create_tables(database)
    return database


@app.command("invite", help=h("help.hub.invite"))
def invite(member: Annotated[Optional[str], typer.Option("--member", help=h("help.hub.member"))] = None,
           school: Annotated[Optional[str], typer.Option("--school", help=h("help.hub.school"))] = None,
           lecturer: Annotated[Optional[str], typer.Option("--lecturer", help=h("help.hub.lecturer"))] = None,
           qr: Annotated[bool, typer.Option("--qr/--no-qr", help=h("help.hub.qr"))] = True,
           db: DbOpt = None) -> int:
    from kfield.aggregate import db as dbmod
    from kfield.core.errors import UsageError
    from kfield.hub import server, tokens
    from kfield.visit.visits import nfc

    if bool(member) == bool(lecturer) or (member and not school):
        raise UsageError("hub.invite.usage")
    database = _database(db)
    with dbmod.reported(database):
        role = "lecturer" if lecturer else "student"
        device, code = tokens.invite(database, role, nfc((member or lecturer).strip()), nfc((school or "").strip()))
    address = server.known_address()
    command = f"kfield hub join {address.get('url', 'https://<IP>:8443')} {code}"
    if address.get("fingerprint"):
        command += f" --fingerprint {address['fingerprint'].replace(':', '')}"
    print(command)
    errors.say(_t("hub.invited", who=member or lecturer, device=device, days=tokens.CODE_DAYS))
    if qr:
        _qr(command)
    return 0


def _qr(content: str) -> None:
    import sys

    import segno

    segno.make(content, error="l").terminal(out=sys.stderr, compact=True)


@app.command("join", help=h("help.hub.join"))
def join(url: Annotated[str, typer.Argument(help=h("help.hub.url"), show_default=False)],
         code: Annotated[str, typer.Argument(help=h("help.hub.code"), show_default=False)],
         fingerprint: Annotated[str, typer.Option("--fingerprint", help=h("help.hub.fingerprint_opt"))] = "") -> int:
    from kfield.hub import client, tls

    joined = client.join(url, code, fingerprint)
    path = client.save_joined(joined)
    errors.say(_t("hub.joined", url=joined.url, member=joined.member, path=str(path)))
    if joined.fingerprint and not fingerprint:
        errors.say(_t("hub.joined.unpinned", fingerprint=tls.pretty(joined.fingerprint)))
    if joined.role == "lecturer":
        errors.say(_t("hub.joined.lecturer", url=joined.url))
    else:
        _compare_member(joined.member)
    return 0


def _compare_member(enrolled: str) -> None:
    """The hub takes only visits whose first member is the enrolled name: say so now if they differ."""
    from kfield.visit import member

    here = member.load()
    if here is not None and here.name != enrolled:
        errors.say(_t("hub.joined.name_differs", here=here.name, enrolled=enrolled))


@app.command("revoke", help=h("help.hub.revoke"))
def revoke(who: Annotated[str, typer.Argument(help=h("help.hub.who"), show_default=False)],
           db: DbOpt = None) -> int:
    from kfield.aggregate import db as dbmod
    from kfield.core.errors import UsageError
    from kfield.hub import tokens
    from kfield.visit.visits import nfc

    database = _database(db)
    with dbmod.reported(database):
        count = tokens.revoke(database, nfc(who.strip()))
    if not count:
        raise UsageError("hub.revoke.none", who=who)
    errors.say(_t("hub.revoked", count=count, who=who))
    return 0


@app.command("devices", help=h("help.hub.devices"))
@common.output_options(*common.TEXT_OR_JSON)
def devices(db: DbOpt = None, fmt: common.Format = common.Format.console) -> int:
    from kfield.formats.json import document

    from kfield.aggregate import db as dbmod
    from kfield.hub import tokens

    database = _database(db)
    with dbmod.reported(database):
        rows = tokens.listing(database)
    keys = ("device", "role", "member", "school", "invited", "joined", "revoked")
    if fmt is common.Format.json:
        common.emit(document([dict(zip(keys, r)) for r in rows]), None)
        return 0
    lines = [_t("hub.device.line", device=r[0], role=_t(ROLES.get(r[1], "hub.role.student")), member=r[2], school=r[3] or "-",
                state=_t("hub.state.revoked") if r[6] else _t("hub.state.joined") if r[5] else _t("hub.state.invited"))
             for r in rows]
    common.emit("\n".join(lines or [_t("hub.devices.none")]) + "\n", None)
    return 0


ROLES = {"student": "hub.role.student", "lecturer": "hub.role.lecturer"}
