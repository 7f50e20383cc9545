"""`kfield playbook list|show|graph|lint|paths|run|schema`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

IdArg = Annotated[str, typer.Argument(metavar="ID|FILE", parser=values.identifier, help=h("help.playbook.id"))]
PathsArg = Annotated[Optional[list[str]], typer.Argument(metavar="[PATH]...", parser=values.identifier, help=h("help.playbook.paths_arg"),
                                                         show_default=False)]
ProfileOpt = Annotated[Optional[str], typer.Option("--profile", "-p", parser=values.identifier, help=h("help.playbook.profile"))]


def _load(id_or_path: str, language: str, named: bool = True):
    """The playbook, or every validation issue on stderr and exit 2."""
    from kfield.core.i18n import render
    from kfield.core.schema import SchemaError
    from kfield.playbook import loader

    path = loader.locate(id_or_path)
    try:
        return loader.load(path, named)
    except SchemaError as exc:
        for issue in exc.issues:
            errors.say(f"{issue.location()}: {render(issue.message, language)}")
        raise errors.Exit(2) from None


def _files(paths: list[str] | None) -> list[tuple[Path, bool]]:
    from kfield.playbook import loader

    return [(path, True) for path in loader.bundled()] if not paths else loader.gather(paths)


@app.command("list", help=h("help.playbook.list"))
def list_playbooks(paths: PathsArg = None) -> int:
    language = common.lang()
    from kfield.core.i18n import text
    from kfield.core.paths import bundled_dir

    files = _files(paths)
    if not files:
        errors.say(text("pb.list.empty", language, path=str(bundled_dir("playbooks"))))
    for path, named in files:
        loaded = _load(str(path), language, named)
        common.emit(f"{loaded.id:<28} v{loaded.version:<3} {loaded.system:<9} {loaded.title.get(language)}\n", None)
    return 0


@app.command("show", help=h("help.playbook.show"))
def show(playbook: IdArg) -> int:
    language = common.lang()
    from kfield.playbook.render import show as render_show

    loaded = _load(playbook, language)
    from kfield.core.profile import load_profile

    common.emit(render_show(loaded, language, load_profile(None).contacts), None)
    return 0


@app.command("graph", help=h("help.playbook.graph"))
def graph(playbook: IdArg, output: common.OutputOpt = None) -> int:
    language = common.lang()
    from kfield.playbook.graph import mermaid

    loaded = _load(playbook, language)
    common.emit(mermaid(loaded, language), output)
    return 0


@app.command("lint", help=h("help.playbook.lint"))
def lint(paths: PathsArg = None, profile: ProfileOpt = None) -> int:
    language = common.lang()
    from kfield.core.i18n import text
    from kfield.core.profile import load_profile
    from kfield.playbook.lint import lint_paths

    files = _files(paths)
    loaded = load_profile(profile)
    findings = lint_paths(files, set(loaded.contacts), loaded.id)
    body = "".join(f"{finding.describe(language)}\n" for finding in findings)
    common.emit(body, None)
    key = "pb.lint.summary" if findings else "pb.lint.clean"
    errors.say(text(key, language, count=len(findings), files=len(files)))
    return 1 if findings else 0


@app.command("paths", help=h("help.playbook.paths"))
@common.output_options(*common.TEXT_OR_JSON)
def paths(
    playbook: IdArg,
    fmt: common.Format = common.Format.console,
    as_json: common.JsonAliasOpt = False,
) -> int:
    from kfield.formats.json import document

    language = common.lang()
    from kfield.core.i18n import text
    from kfield.playbook.paths import all_paths

    loaded = _load(playbook, language)
    found, truncated = all_paths(loaded)
    if as_json or fmt is common.Format.json:
        body = {"playbook": loaded.id, "truncated": truncated, "paths": [p.to_dict() for p in found]}
        common.emit(document(body), None)
    else:
        common.emit("".join(f"{n}. {_path_line(p, language)}\n" for n, p in enumerate(found, 1)), None)
        errors.say(text("pb.paths.count", language, count=len(found)))
    if truncated:
        errors.say(text("pb.paths.truncated", language, count=len(found)))
    return 0


def _path_line(path, language: str) -> str:
    from kfield.core.i18n import text
    from kfield.playbook.render import OUTCOME_KEYS

    hops = " → ".join(f"{hop.step} [{hop.label}]" for hop in path.hops)
    contact = f" ({path.contact})" if path.contact else ""
    ending = f"{path.end} ⇒ {text(OUTCOME_KEYS[path.outcome], language)}{contact}"
    return f"{hops} → {ending}" if hops else ending


@app.command("run", help=h("help.playbook.run"), epilog=h("help.playbook.run_codes"))
def run(
    playbook: IdArg,
    profile: ProfileOpt = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", parser=values.path, help=h("help.playbook.answers"))] = None,
    non_interactive: Annotated[bool, typer.Option("--non-interactive", help=h("help.playbook.non_interactive"))] = False,
    resume: Annotated[bool, typer.Option("--resume", help=h("help.playbook.resume"))] = False,
    transcript: Annotated[Optional[Path], typer.Option("--transcript", help=h("help.playbook.transcript"), parser=values.path)] = None,
) -> int:
    language = common.lang()
    loaded = _load(playbook, language)
    session = _session(loaded, language, profile, answers, non_interactive, transcript)
    if resume:
        session.resume()
    else:
        _mention_saved_progress(loaded.id, language)
    outcome = _handing_over(session.run(), session, language)
    from kfield.playbook.session import exit_code

    return exit_code(outcome)


def _handing_over(outcome, session, language: str) -> dict:
    """An end with outcome handoff continues in the playbook it names (Wi-Fi → net-wifi-weak): same
    console, checks and scripted answers, its own transcript. A playbook runs once per command, so
    two that name each other stop."""
    from dataclasses import replace

    from kfield.core.i18n import text
    from kfield.playbook.engine import Engine
    from kfield.playbook.session import Session

    from kfield.playbook.session import MAX_HANDOFFS

    seen = {session.engine.playbook.id}
    while outcome["kind"] == "handoff":
        target = session.engine.playbook.steps[outcome["step"]].handoff
        if len(seen) > MAX_HANDOFFS:
            errors.say(text("pb.run.too_many_handoffs", language, count=MAX_HANDOFFS))
            return {**outcome, "kind": "not_fixed"}
        if target in seen:
            errors.say(text("pb.run.handoff_loop", language, playbook=target))
            return {**outcome, "kind": "not_fixed"}
        seen.add(target)
        loaded = _load(target, language)
        errors.say(text("pb.run.handoff", language, title=loaded.title.get(language), playbook=loaded.id))
        session = Session(Engine(loaded, session.engine.run_check), session.console,
                          replace(session.s, transcript_path=None))
        outcome = session.run()
    return outcome


def _onward(loaded, language: str) -> list:
    """The playbooks this one can hand over to, directly or not (for checking an answers file)."""
    found, queue = {loaded.id: loaded}, [loaded]
    while queue:
        for step in queue.pop().steps.values():
            target = getattr(step, "handoff", None)
            if target and target not in found:
                found[target] = _load(target, language)
                queue.append(found[target])
    return list(found.values())


def _mention_saved_progress(playbook_id: str, language: str) -> None:
    from kfield.core.i18n import text
    from kfield.playbook.store import progress_path

    if progress_path(playbook_id).exists():
        errors.say(text("pb.run.progress_exists", language, path=str(progress_path(playbook_id))))


def _session(loaded, language, profile_name, answers_file, non_interactive, transcript_path):
    import sys

    from kfield.core.privilege import is_admin
    from kfield.core.profile import load_profile
    from kfield.machine import current_host
    from kfield.playbook import session as s
    from kfield.playbook.checks import real_runner
    from kfield.playbook.engine import Engine

    checks_profile = load_profile(profile_name)
    answers = s.load_answers(answers_file, loaded, _onward(loaded, language)) if answers_file else None
    if answers is None and non_interactive:
        answers = s.Answers(by_step={})
    engine = Engine(loaded, real_runner(checks_profile.params, current_host(), is_admin()))
    settings = s.Settings(language, checks_profile.id, checks_profile.contacts, answers, transcript_path,
                          notify=errors.say)
    return s.Session(engine, s.StreamConsole(sys.stdin, sys.stdout), settings)


@app.command("schema", help=h("help.playbook.schema"))
def schema(
    of_transcript: Annotated[bool, typer.Option("--transcript", help=h("help.playbook.schema_transcript"))] = False,
    output: common.OutputOpt = None,
) -> int:
    from kfield.formats.json import document

    if of_transcript:
        from kfield.playbook.transcript import SCHEMA as exported
    else:
        from kfield.playbook.loader import export_schema

        exported = export_schema()
    common.emit(document(exported), output)
    return 0
