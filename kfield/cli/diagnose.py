"""`kfield diagnose`: where is the fault? One verdict line, its evidence, the next step."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, values
from kfield.cli.help import h


@common.output_options(*common.TEXT_OR_JSON)
def diagnose(
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", parser=values.identifier, help=h("help.profile_opt"))] = None,
    fmt: common.Format = common.Format.console,
    output: Path | None = None,
) -> int:
    language = common.lang()
    from kfield.cli.progress import progress_observer
    from kfield.diagnose import engine
    from kfield.formats import verdict as render

    with progress_observer() as observer:
        report, verdict = engine.run(profile, observer=observer)
    common.emit(render.render(report, verdict, fmt.value, language), output)
    common.attach_evidence("check_run", {**report.to_dict(), "verdict": verdict.to_dict()})
    return 1 if verdict.alarm else 0
