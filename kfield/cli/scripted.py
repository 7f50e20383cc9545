"""`kfield run --profile P --non-interactive`: the scripted run from a USB stick.

It never prompts (stdin may be closed), every check is time-bounded by the
runner and the profile's deadline, and it writes report.json and summary.html under
RESULTS/<hostname>-<timestamp>/ (RESULTS: --results-dir, else ./results). A read-only stick
sends the results to a temporary folder, and the message says where. It ends with the counts and
the worst problems. The run is filed with the visit open on this laptop or stick; with none open
(or with --commune), as a visit of the commune of --commune, else of the stick's settings (the last
visit started from it), holding only this check run, for the member saved on the stick. The
exit code is the worst status (0 nothing failed, 1 a check failed, 130 interrupted).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

WORST_SHOWN = 3


def run(
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", parser=values.identifier, help=h("help.profile_opt"))] = None,
    non_interactive: Annotated[bool, typer.Option("--non-interactive", help=h("help.run.non_interactive"))] = False,
    results_dir: Annotated[Optional[Path], typer.Option("--results-dir", parser=values.path, help=h("help.run.results_dir"))] = None,
    commune: Annotated[Optional[str], typer.Option("--commune", parser=values.commune, help=h("help.run.commune"))] = None,
) -> int:
    language = common.lang()
    from kfield.cli.check import run_profile
    from kfield.formats import html, json as as_json

    report = run_profile(profile, [], [])
    from kfield.core.atomic import write_new

    folder = results_folder(results_dir or Path("results"), report)
    write_new(folder / "report.json", as_json.render(report, language))
    write_new(folder / "summary.html", html.render(report, language))
    for line in outcome_lines(report, language):
        errors.say(line)
    errors.say(errors.text("run.written", language, path=str(folder)))
    file_with_a_visit(report.to_dict(), commune)
    return report.exit_code()


def outcome_lines(report, language: str) -> list:
    """The counts, then the worst problems (fails, then warnings) with their remedies."""
    from kfield.core.result import Status
    from kfield.formats import text as t

    lines = [t.summary_line(report, language)]
    worst = [r for status in (Status.FAIL, Status.ERROR, Status.WARN) for r in report.sorted() if r.status is status]
    for result in worst[:WORST_SHOWN]:
        lines.append(f"  [{t.status_label(result.status, language)}] {result.check_id} {t.title(result, language)}: "
                     f"{t.summary(result, language)}")
        if result.remedy:
            lines.append(f"      → {t.remedy(result, language)}")
    return lines


def file_with_a_visit(data: dict, commune: str | None) -> None:
    """The open visit takes the run; else a visit of the known commune holding only this run;
    else say that the run is in no visit (its results are still in the results folder). Asks
    nothing; a visit that cannot be filed is one line, never the run's exit code."""
    from kfield.core.errors import KfieldError
    from kfield.core.i18n import render
    from kfield.visit import visits

    if commune is None and visits.current():
        common.attach_evidence("check_run", data)
        return
    known = (commune, 56) if commune else _stick_commune()
    if known is None:
        errors.say(errors.text("run.no_visit", errors.lang()))
        return
    try:
        _one_run_visit(*known, data)
    except KfieldError as exc:
        errors.say(errors.text("run.not_filed", errors.lang(), reason=render(exc.message, errors.lang())))


def _stick_commune():
    from kfield.usb import stick

    return stick.commune()


def _one_run_visit(commune: str, province: int, data: dict) -> None:
    from kfield.visit import member, visits

    visit_id, unit = visits.start(commune, member.require(), province)
    visits.record("check_run", data, visit_id)
    visits.end()
    errors.say(errors.text("run.filed_new_visit", errors.lang(), commune=unit.name, code=unit.code,
                           visit=visits.short(visit_id)))


def results_folder(base: Path, report) -> Path:
    """RESULTS/<hostname>-<timestamp>/, made by this run (a folder or link already there is never
    used: -2, -3… is added), or a temporary folder when the stick is read-only."""
    import tempfile

    name = f"{_safe(report.hostname)}-{report.started.strftime('%Y%m%d-%H%M%S')}"
    try:
        base.mkdir(parents=True, exist_ok=True)
        return _new_folder(base, name)
    except OSError as exc:
        from kfield.core.oserrors import reason as _reason

        fallback = Path(tempfile.mkdtemp(prefix=f"kfield-{name}-"))
        errors.say(errors.text("run.read_only", errors.lang(), path=str(base), reason=_reason(exc),
                               fallback=str(fallback)))
        return fallback


def _new_folder(base: Path, name: str) -> Path:
    """mkdir fails on any name that exists (a link planted there included): the folder is ours."""
    for attempt in range(1, 100):
        folder = base / (name if attempt == 1 else f"{name}-{attempt}")
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
    raise FileExistsError(17, "no free results folder name", str(base / name))


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text) or "pc"
