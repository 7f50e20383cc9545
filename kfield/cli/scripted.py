"""`kfield run --profile P --non-interactive`: the scripted run from a USB stick.

It never prompts (stdin may be closed), every check is time-bounded by the runner and the
profile's deadline, and it writes report.json and summary.html under
RESULTS/<hostname>-<timestamp>/ (RESULTS: --results-dir, else ./results). A read-only stick
sends the results to a temporary folder, and the message says where. The exit code is the
worst status (0 nothing failed, 1 a check failed, 130 interrupted).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h


def run(
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", parser=values.identifier, help=h("help.profile_opt"))] = None,
    non_interactive: Annotated[bool, typer.Option("--non-interactive", help=h("help.run.non_interactive"))] = False,
    results_dir: Annotated[Optional[Path], typer.Option("--results-dir", parser=values.path, help=h("help.run.results_dir"))] = None,
    lang: common.LangOpt = None,
) -> None:
    language = common.use_lang(lang)
    with errors.funnel():
        from kfield.cli.check import run_profile
        from kfield.formats import html, json as as_json

        report = run_profile(profile, [], [])
        folder = results_folder(results_dir or Path("results"), report)
        (folder / "report.json").write_text(as_json.render(report, language), encoding="utf-8")
        (folder / "summary.html").write_text(html.render(report, language), encoding="utf-8")
        errors.say(errors.text("run.written", language, path=str(folder)))
        common.attach_evidence("check_run", report.to_dict())
    raise errors.Exit(report.exit_code())


def results_folder(base: Path, report) -> Path:
    """RESULTS/<hostname>-<timestamp>/, or a temporary folder when the stick is read-only."""
    import tempfile

    name = f"{_safe(report.hostname)}-{report.started.strftime('%Y%m%d-%H%M%S')}"
    try:
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".write-test").write_text("", encoding="utf-8")
        (folder / ".write-test").unlink()
        return folder
    except OSError as exc:
        from kfield.core.oserrors import reason as _reason

        fallback = Path(tempfile.mkdtemp(prefix=f"kfield-{name}-"))
        errors.say(errors.text("run.read_only", errors.lang(), path=str(base), reason=_reason(exc),
                               fallback=str(fallback)))
        return fallback


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text) or "pc"
