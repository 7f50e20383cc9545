"""`kfield logs pack` (a student sends this laptop's logs) and `kfield logs import PATH…` (the
lecturer reads them into the database)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

DbOpt = Annotated[Optional[str], typer.Option("--db", envvar="KFIELD_DB", parser=values.db_url, help=h("help.logs.db"))]
SHOWN_ISSUES = 15


@app.command("import", help=h("help.logs.import"), epilog=h("help.exit_codes"))
@common.output_options(*common.TEXT_OR_JSON)
def import_(paths: Annotated[list[Path], typer.Argument(help=h("help.logs.paths"), parser=values.path, show_default=False)],
            db: DbOpt = None, fmt: common.Format = common.Format.console) -> int:
    language = common.lang()
    from kfield.aggregate import db as dbmod
    from kfield.core.errors import UsageError
    from kfield.core.paths import data_dir

    for path in paths:
        if not path.exists():
            raise UsageError("agg.path.missing", path=str(path))
    database = dbmod.connect(db)
    quarantine = data_dir() / "quarantine"
    summary = _run(database, paths, quarantine, language)
    common.emit(_render(summary, database.where, quarantine, fmt, language), None)
    if not summary.files and not summary.refused:
        raise UsageError("agg.no_logs", found=_what_is_there(paths, language))
    return 1 if summary.conflict or summary.quarantined or summary.refused else 0


@app.command("pack", help=h("help.logs.pack"))
def pack(output: common.OutputOpt = None) -> int:
    language = common.lang()
    import datetime as dt
    from dataclasses import asdict

    from kfield.core.atomic import is_folder
    from kfield.core.i18n import text
    from kfield.visit import member, pack as packer

    who = member.load()
    now = dt.datetime.now(dt.timezone.utc)
    name = packer.default_name(who.name if who else "", now)
    dest = (output / name if output and is_folder(output) else output or _pack_folder() / name).absolute()   # -o E:\ → on the stick
    count = packer.pack(dest, asdict(who) if who else {}, now)
    errors.say(text("visit.packed", language, count=count, path=str(dest), folder=str(packer.visits.visits_dir())))
    return 0


def _pack_folder() -> Path:
    """The current folder; on a stick its kfield-data (a zip beside the kit's files would be a file
    its manifest does not list, and the kit would refuse to start)."""
    from kfield.core.paths import data_dir, kit_root

    return data_dir() if kit_root() is not None else Path()


def _what_is_there(paths: list[Path], language: str, limit: int = 10_000) -> str:
    """"3 files: 2 .csv, 1 .xlsx" — what a folder with no visit logs holds (export files, photos…)."""
    import os
    from collections import Counter

    from kfield.core.i18n import text

    kinds: Counter = Counter()
    for path in paths:
        walked = [(str(path.parent), [], [path.name])] if path.is_file() else os.walk(path)
        for _, _, names in walked:
            kinds.update(Path(n).suffix.lower() or text("agg.no_suffix", language) for n in names)
            if sum(kinds.values()) >= limit:
                break
    if not kinds:
        return text("agg.found.nothing", language)
    listing = ", ".join(f"{count} {suffix}" for suffix, count in kinds.most_common(6))
    return text("agg.found.files", language, count=sum(kinds.values()), kinds=listing)


def _run(database, paths, quarantine: Path, language: str):
    from kfield.aggregate import db as dbmod, sources
    from kfield.aggregate.importer import Importer

    with _progress(sources.total_weight(paths), language) as advance:
        importer = Importer(database, quarantine, advance)
        try:
            with dbmod.reported(database):
                return importer.run(paths)
        except KeyboardInterrupt:
            errors.say(_summary_line(importer.summary, database.where, language))   # what was committed stays
            raise


def _progress(total: int, language: str):
    from contextlib import contextmanager, nullcontext

    from kfield.cli.progress import shown

    if not shown():
        return nullcontext(None)

    @contextmanager
    def bar():
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        from kfield.core.i18n import text

        with Progress(TextColumn(text("agg.progress", language)), BarColumn(), DownloadColumn(),
                      TimeRemainingColumn(), console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("", total=total or None)
            yield lambda weight: progress.advance(task, weight)
    return bar()


def _summary_line(summary, where: str, language: str) -> str:
    from kfield.core.i18n import text

    counts = {k: v for k, v in summary.to_dict().items() if k not in ("issues", "damaged_lines")}
    return text("agg.summary", language, **counts, where=where)


def _render(summary, where: str, quarantine: Path, fmt, language: str) -> str:
    from kfield.core.i18n import text
    from kfield.formats.json import document

    if fmt is common.Format.json:
        return document({**summary.to_dict(), "database": where, "quarantine_dir": str(quarantine)})
    lines = [_summary_line(summary, where, language)]
    lines += [_issue(issue, language) for issue in summary.issues[:SHOWN_ISSUES]]
    if len(summary.issues) > SHOWN_ISSUES:
        lines.append(text("agg.issue.more", language, count=len(summary.issues) - SHOWN_ISSUES))
    if summary.quarantined:
        lines.append(text("agg.quarantine.where", language, path=str(quarantine)))
    return "\n".join(lines) + "\n"


def _issue(issue, language: str) -> str:
    from kfield.core.i18n import text

    detail = issue.detail
    if issue.kind == "quarantined":
        detail = "; ".join(_damage(part, language) for part in issue.detail.split(" ") if ":" in part)
    elif issue.kind == "refused":
        reason, _, rest = issue.detail.partition(": ")
        said = text(rest, language) if rest.startswith("os.") else rest   # the system's refusal, in words
        detail = text(f"agg.refused.{reason}", language, detail=said)
    return text(f"agg.issue.{issue.kind}", language, origin=issue.origin, detail=detail)


def _damage(part: str, language: str) -> str:
    from kfield.core.i18n import text

    line, _, reason = part.partition(":")
    return text(f"agg.damage.{reason}", language, line=line) if reason in DAMAGE else part


DAMAGE = ("json", "checksum", "torn", "fields")


@app.command("push", help=h("help.logs.push"), epilog=h("help.exit_codes"))
@common.output_options(*common.TEXT_OR_JSON)
def push(timeout: Annotated[float, typer.Option("--timeout", min=0.5, help=h("help.logs.push.timeout"))] = 10.0,
         attempts: Annotated[int, typer.Option("--attempts", min=1, max=20, help=h("help.logs.push.attempts"))] = 4,
         max_wait: Annotated[float, typer.Option("--max-wait", min=0, help=h("help.logs.push.max_wait"))] = 30.0,
         batch: Annotated[int, typer.Option("--batch", min=1, max=10_000, help=h("help.logs.push.batch"))] = 500,
         fmt: common.Format = common.Format.console) -> int:
    language = common.lang()
    from filelock import FileLock, Timeout

    from kfield.core.errors import UsageError
    from kfield.core.i18n import text
    from kfield.hub import client

    joined = client.load_joined()
    if joined is None:
        raise UsageError("hub.not_joined")
    client.outbox_dir().mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(client.outbox_dir() / "push.lock"), timeout=0):
            done = client.push(joined, client.Backoff(attempts, 1.0, max_wait), timeout, batch)
    except Timeout:
        raise UsageError("hub.push.busy") from None
    except client.HubUnreachable as exc:
        params = dict(exc.message.params)
        client.note_attempt(params["why"])
        raise client.HubUnreachable("hub.push.later", count=params["count"],
                                    why=text(params["why"], language)) from None
    client.note_attempt()
    if fmt is common.Format.json:
        from kfield.formats.json import document

        common.emit(document(done.to_dict()), None)
    else:
        errors.say(text("hub.pushed", language, **done.to_dict()))
    return 1 if done.refused or done.conflict or done.too_big else 0


@app.command("status", help=h("help.logs.status"))
@common.output_options(*common.TEXT_OR_JSON)
def status(fmt: common.Format = common.Format.console) -> int:
    language = common.lang()
    from kfield.core.i18n import text
    from kfield.hub import client

    joined = client.load_joined()
    waiting = client.waiting()
    refused: dict[str, int] = {}
    for cursor in client.load_cursors().values():
        for reason, count in cursor.refused.items():
            refused[reason] = refused.get(reason, 0) + count
    if fmt is common.Format.json:
        from kfield.formats.json import document

        body = {"hub": joined.url if joined else None, "waiting": sum(waiting.values()),
                "files": waiting, "refused": refused}
        common.emit(document(body), None)
        return 0
    lines = [text("hub.status.hub", language, url=joined.url, member=joined.member) if joined
             else text("hub.status.no_hub", language),
             text("hub.status.waiting", language, count=sum(waiting.values()), files=sum(1 for n in waiting.values() if n))]
    lines += _last_push(client.load_state(), language)
    lines += [text("hub.status.refused", language, count=count, reason=text(REFUSALS[reason], language)
                   if reason in REFUSALS else reason) for reason, count in sorted(refused.items())]
    common.emit("\n".join(lines) + "\n", None)
    return 0


def _last_push(state: dict, language: str) -> list[str]:
    from kfield.core.i18n import text
    from kfield.formats.when import human

    lines = []
    if state.get("last_sent"):
        lines.append(text("hub.status.last_sent", language, when=human(str(state["last_sent"]))))
    if state.get("why") in WHY:
        lines.append(text("hub.status.last_failed", language, when=human(str(state.get("last_try", ""))),
                          why=text(state["why"], language)))
    return lines


WHY = ("hub.why.network", "hub.why.busy", "hub.why.slow", "hub.why.server")
REFUSALS = {"json": "hub.line.json", "checksum": "hub.line.checksum", "torn": "hub.line.torn",
            "fields": "hub.line.fields", "not_yours": "hub.line.not_yours", "unknown_visit": "hub.line.unknown_visit"}


def push_in_background() -> None:
    """After `visit end`: when a hub is joined, a detached `logs push` with a short timeout, so the
    command returns at once and the events go when a connection allows (a failure stays queued)."""
    import os
    import subprocess
    import sys

    try:
        from kfield.hub import client

        if client.load_joined() is None:
            return
        flags = {"start_new_session": True} if os.name == "posix" else {
            "creationflags": getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)}
        subprocess.Popen([sys.executable, "-m", "kfield", "logs", "push", "--timeout", "5", "--attempts", "2",
                          "--max-wait", "5"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, close_fds=True, **flags)
    except Exception:          # the visit is ended and recorded; sending is only a convenience here
        return
