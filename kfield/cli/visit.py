"""`kfield visit start|note|task|problem|train|end|cancel|show|list|diff`: the record of a commune visit."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


def _t(key: str, **params) -> str:
    from kfield.core.i18n import text

    return text(key, errors.lang(), **params)


def _outcome(value: str) -> str:
    from kfield.core.errors import UsageError
    from kfield.visit.model import outcome_of

    found = outcome_of(value)
    if found is None:
        raise UsageError("visit.bad_choice", what=_t("visit.what.outcome"), value=value, allowed=outcomes())
    return found


def outcomes() -> str:
    """The outcomes in words: "fixed (đã xử lý), escalated (chuyển cấp trên), pending (còn chờ)"."""
    from kfield.visit.model import OUTCOMES

    return ", ".join(f"{o} ({_t(f'visit.outcome.{o}')})" for o in OUTCOMES)


@app.command("start", help=h("help.visit.start"))
def start(commune: Annotated[str, typer.Option("--commune", parser=values.commune, help=h("help.visit.commune"))],
          members: Annotated[Optional[list[str]], typer.Option("--member", parser=values.name, help=h("help.visit.member"))] = None,
          province: Annotated[int, typer.Option("--province", parser=values.number(1, 99), help=h("help.visit.province"))] = 56) -> int:
    from kfield.cli.member import who_records
    from kfield.visit import visits

    who = who_records()
    visit_id, unit = visits.start(commune, who, province, companions=members or [])
    errors.say(_t("visit.started", commune=unit.name, code=unit.code, visit=visits.short(visit_id)))
    errors.say(_t("visit.recorded_as", name=who.name, school=who.school))
    from kfield.usb import stick

    stick.remember_commune(unit.code, province)
    return 0


@app.command("note", help=h("help.visit.note"))
def note(text: Annotated[str, typer.Argument(help=h("help.visit.text"), parser=values.text)]) -> int:
    _record("note", lambda: {"text": text})
    return 0


def _system(value: str) -> str:
    from kfield.core.errors import UsageError
    from kfield.visit.model import system_of

    found = system_of(value)
    if found is None:
        raise UsageError("visit.bad_choice", what=_t("visit.what.system"), value=value, allowed=vocabulary())
    return found


def vocabulary() -> str:
    """Every word `--system` and `visit task` take, with its label: "network (mạng LAN, Internet; lan, internet)"."""
    from kfield.visit.model import SYSTEMS, words_for

    return ", ".join(f"{s} ({'; '.join([_t(f'system.{s}'), *([', '.join(words_for(s))] if words_for(s) else [])])})"
                     for s in SYSTEMS)


def tasks() -> str:
    """The tasks in words: "lan (mạng LAN), computers (máy tính), …"."""
    from kfield.visit.model import TASKS

    return ", ".join(f"{t} ({_t(f'visit.task.{t}')})" for t in TASKS)


def _task(name: str, system: str | None) -> dict:
    from kfield.core.errors import UsageError
    from kfield.visit.model import system_of, task_of

    word = task_of(name)
    if word is None:
        raise UsageError("visit.bad_choice", what=_t("visit.what.task"), value=name, allowed=tasks())
    return {"task": word, "system": _system(system) if system else system_of(word)}


@app.command("task", help=h("help.visit.task"))
def task(name: Annotated[str, typer.Argument(metavar="TASK", parser=values.name, help=h("help.visit.task_name", tasks=tasks()))],
         system: Annotated[Optional[str], typer.Option("--system", parser=values.name, help=h("help.visit.system", systems=vocabulary()))] = None) -> int:
    _record("task", lambda: _task(name, system))
    return 0


@app.command("problem", help=h("help.visit.problem"))
def problem(text: Annotated[str, typer.Argument(help=h("help.visit.text"), parser=values.text)],
            system: Annotated[str, typer.Option("--system", parser=values.name, help=h("help.visit.system", systems=vocabulary()))] = "other",
            outcome: Annotated[str, typer.Option("--outcome", parser=values.name, help=h("help.visit.outcome", outcomes=outcomes()))] = "pending") -> int:
    _record("problem", lambda: {"text": text, "system": _system(system), "outcome": _outcome(outcome)})
    return 0


@app.command("train", help=h("help.visit.train"))
def train(topic: Annotated[str, typer.Option("--topic", parser=values.name, help=h("help.visit.topic"))],
          officials: Annotated[int, typer.Option("--officials", min=0, max=10000, parser=values.number(0, 10000), help=h("help.visit.officials"))]) -> int:
    _record("train", lambda: {"topic": topic, "officials": officials})
    return 0


def _record(kind: str, data) -> None:
    from kfield.visit import visits

    event = visits.record(kind, data())
    errors.say(_t("visit.recorded", kind=_t(f"visit.kind.{kind}"), visit=visits.short(event["visit"])))


@app.command("end", help=h("help.visit.end"))
def end() -> int:
    from kfield.visit import visits

    errors.say(_t("visit.ended", visit=visits.short(visits.end())))
    from kfield.cli.logs import push_in_background

    push_in_background()          # a joined hub gets the visit now if a connection allows
    return 0


@app.command("cancel", help=h("help.visit.cancel"))
def cancel(visit: Annotated[Optional[str], typer.Argument(metavar="[VISIT]", parser=values.name, help=h("help.visit.id"),
                                                          show_default=False)] = None,
           reason: Annotated[str, typer.Option("--reason", parser=values.text, help=h("help.visit.cancel_reason"))] = "") -> int:
    from kfield.visit import visits

    errors.say(_t("visit.cancelled", visit=visits.short(visits.cancel(visit, reason))))
    return 0


@app.command("show", help=h("help.visit.show"))
@common.output_options(*common.TEXT_OR_JSON)
def show(visit: Annotated[Optional[str], typer.Argument(metavar="[VISIT]", parser=values.name, help=h("help.visit.id"),
                                                        show_default=False)] = None,
         fmt: common.Format = common.Format.console,
         as_json: common.JsonAliasOpt = False) -> int:
    language = common.lang()
    from kfield.formats import visit as render
    from kfield.visit import visits

    outlined = visits.load_outline(visit)       # one event at a time: a big log is never held whole
    _say_damage(outlined.damage)
    folded = outlined.outline
    if as_json or fmt is common.Format.json:
        _stream(render.json_chunks(folded.visit, {"notes": visits.notes(outlined),
                                                  "checks": visits.kept(outlined, "check_run"),
                                                  "transcripts": visits.kept(outlined, "transcript")}))
        return 0
    _stream(render.summary_lines(folded.visit, visits.notes(outlined), (folded.checks, folded.transcripts),
                                 language))
    return 0


def _say_damage(damage) -> None:
    for line in damage:
        errors.say(_t("visit.damage", line=line.line, reason=line.reason))


def _stream(lines) -> None:
    """Each line to stdout as it is made (the whole text of a big visit is never built)."""
    for line in lines:
        sys.stdout.write(line)
    sys.stdout.flush()


@app.command("list", help=h("help.visit.list"))
def list_visits() -> int:
    language = common.lang()
    from kfield.formats import visit as render
    from kfield.visit import visits

    records, skipped = visits.load_all()     # outlines: a big visit's notes and reports are not kept
    common.say_skipped(skipped)
    common.emit(render.listing(records, visits.current(), language), None)
    return 0


@app.command("diff", help=h("help.visit.diff"))
def diff(visit: Annotated[Optional[str], typer.Argument(metavar="[VISIT]", parser=values.name, help=h("help.visit.id"),
                                                        show_default=False)] = None,
         since_last: Annotated[bool, typer.Option("--since-last", help=h("help.visit.since_last"))] = False) -> int:
    language = common.lang()
    from kfield.formats import visit as render
    from kfield.visit import diff as changes
    from kfield.visit import visits

    earlier, later = _runs_to_compare(visits, visit, since_last)
    common.emit(render.diff_text(changes.compare(earlier, later), language), None)
    return 0


def _runs_to_compare(visits, visit_id, since_last):
    """The two check runs `visit diff` compares, from outlines (one event held at a time)."""
    from kfield.core.errors import UsageError

    folded = visits.load_outline(visit_id).outline
    record = folded.visit
    if not folded.checks:
        raise UsageError("visit.diff.no_runs", visit=visits.short(record.id))
    if not since_last:
        if folded.checks < 2:
            raise UsageError("visit.diff.one_run", visit=visits.short(record.id))
        return folded.first_check, folded.last_check
    earlier = _previous_run(visits, record)
    if earlier is None:
        raise UsageError("visit.diff.no_previous", commune=record.commune)
    return earlier, folded.last_check


def _previous_run(visits, record):
    """The last check run of the latest earlier visit to the same commune (a damaged log is passed over)."""
    from kfield.core.errors import KfieldError

    for visit_id in reversed(visits.all_ids()):
        if visit_id >= record.id:
            continue
        try:
            folded = visits.load_outline(visit_id).outline
        except KfieldError:
            continue
        if folded.visit.commune_code == record.commune_code and folded.checks:
            return folded.last_check
    return None
