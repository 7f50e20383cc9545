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
def import_(paths: Annotated[list[Path], typer.Argument(help=h("help.logs.paths"), parser=values.path, show_default=False)],
            db: DbOpt = None, fmt: common.TextOrJsonOpt = common.TextOrJson.console,
            lang: common.LangOpt = None) -> None:
    language = common.use_lang(lang)
    with errors.funnel():
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
    raise errors.Exit(1 if summary.conflict or summary.quarantined or summary.refused else 0)


@app.command("pack", help=h("help.logs.pack"))
def pack(output: common.OutputOpt = None, lang: common.LangOpt = None) -> None:
    language = common.use_lang(lang)
    with errors.funnel():
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
    import json

    from kfield.core.i18n import text

    if fmt is common.TextOrJson.json:
        return json.dumps({**summary.to_dict(), "database": where, "quarantine_dir": str(quarantine)},
                          ensure_ascii=False, indent=2) + "\n"
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
        detail = text(f"agg.refused.{reason}", language, detail=rest)
    return text(f"agg.issue.{issue.kind}", language, origin=issue.origin, detail=detail)


def _damage(part: str, language: str) -> str:
    from kfield.core.i18n import text

    line, _, reason = part.partition(":")
    return text(f"agg.damage.{reason}", language, line=line) if reason in DAMAGE else part


DAMAGE = ("json", "checksum", "torn", "fields")
