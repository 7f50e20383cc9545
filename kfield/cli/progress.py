"""Progress on stderr through the runner's observer: a Rich bar on a terminal only."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterator

from kfield.core.runner import NullObserver


class RichObserver:
    def __init__(self, progress, lang: str) -> None:
        self.progress, self.lang, self.task = progress, lang, None

    def planned(self, specs) -> None:
        from kfield.core.i18n import text

        self.task = self.progress.add_task(text("cli.progress", self.lang), total=len(specs))

    def started(self, spec) -> None:
        from kfield.core.i18n import text

        title = text(spec.title_key, self.lang)
        self.progress.update(self.task, description=f"{spec.id} {title}")

    def finished(self, result) -> None:
        self.progress.advance(self.task)


def shown() -> bool:
    """Progress is drawn only on a terminal, and never when KFIELD_NO_PROGRESS is set."""
    return sys.stderr.isatty() and not os.environ.get("KFIELD_NO_PROGRESS")


@contextmanager
def progress_observer() -> Iterator[object]:
    if not shown():
        yield NullObserver()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kfield.cli import errors

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        yield RichObserver(progress, errors.lang())
