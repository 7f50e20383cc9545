"""`kfield check`: run a profile's checks and print the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h
from kfield.formats import RUN_FORMATS, Format


@common.output_options(*RUN_FORMATS)
def check(
    areas: Annotated[Optional[list[str]], typer.Argument(metavar="[AREA]...", parser=values.name, help=h("help.check.areas"), show_default=False)] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", parser=values.identifier, help=h("help.profile_opt"))] = None,
    only: Annotated[Optional[list[str]], typer.Option("--only", parser=values.name, help=h("help.check.only"))] = None,
    fmt: common.Format = Format.console,
    output: Path | None = None,
) -> int:
    language = common.lang()
    report = run_profile(profile, areas or [], only or [])
    body = render(report, fmt, language, output)
    common.emit(body, output)
    common.attach_evidence("check_run", report.to_dict())
    return report.exit_code()


def run_profile(profile_name, areas, only):
    """Load the profile, run its checks with a progress display, return the Report."""
    from kfield.core import profile as profiles
    from kfield.core.privilege import is_admin
    from kfield.core.report import Report, now
    from kfield.core.runner import run
    from kfield.cli.progress import progress_observer
    from kfield.machine import current_host

    loaded = profiles.load_profile(profile_name)
    specs = profiles.plan(loaded, areas, only)
    inputs = {**loaded.params, "host": current_host()}
    admin, started, results, interrupted = is_admin(), now(), [], False
    with progress_observer() as observer:
        try:
            for result in run(specs, inputs, observer=observer, admin=admin, deadline_s=loaded.deadline_s):
                results.append(result)
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        errors.say(errors.text("cli.interrupted", errors.lang()))
    return Report(tuple(results), loaded.id, started, now(), admin, interrupted)


def render(report, fmt: Format, lang: str, output: Path | None) -> str:
    from kfield import formats

    color = fmt is Format.console and common.wants_color(output)
    return formats.get(fmt).render(report, lang, color=color, width=common.terminal_width())
