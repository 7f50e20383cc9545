"""Runs fuzz cases through the real commands, in this process (thousands of runs in minutes), and
counts what matters: internal errors (exit 3), tracebacks shown, and records lost.

A command runs through `kfield.cli.run` exactly as `python -m kfield` would, with its own data
folder, crash-log folder and captured stdout/stderr; nothing is replaced or faked.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz import corpus

OK_CODES = {"log": {0, 2}, "zip": {0, 1}, "db": {0, 1, 2}}


@dataclass
class Outcome:
    runs: int = 0
    internal: int = 0
    tracebacks: int = 0
    lost: int = 0
    unexpected_codes: int = 0
    hangs: int = 0
    outside: int = 0              # runs that wrote, replaced or removed something the user did not name
    failures: list[str] = field(default_factory=list)

    def add(self, other: "Outcome") -> None:
        for name in ("runs", "internal", "tracebacks", "lost", "unexpected_codes", "hangs", "outside"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures += other.failures[:5]


@contextlib.contextmanager
def environment(folder: Path):
    saved = {k: os.environ.get(k) for k in ("KFIELD_DATA_DIR", "KFIELD_CONFIG_DIR", "XDG_STATE_HOME",
                                            "KFIELD_NO_PROGRESS", "KFIELD_DB", "TMPDIR")}
    os.environ.update(KFIELD_DATA_DIR=str(folder / "data"), KFIELD_CONFIG_DIR=str(folder / "config"),
                      XDG_STATE_HOME=str(folder / "state"), KFIELD_NO_PROGRESS="1", TMPDIR=str(folder))
    os.environ.pop("KFIELD_DB", None)
    tempfile.tempdir = None
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        tempfile.tempdir = None


def kfield(*args: str) -> tuple[int, str]:
    """Exit code and everything printed, of one command run in this process."""
    from kfield.cli import run

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = run(list(args))
    finally:
        sys.stdout, sys.stderr = saved
    shown = []
    for stream in (out, err):
        stream.flush()
        shown.append(stream.buffer.getvalue().decode("utf-8", "replace"))
    return code, "\n".join(shown)


def _judge(outcome: Outcome, case: corpus.Case, args, code: int, shown: str, allowed: set[int]) -> None:
    outcome.runs += 1
    where = f"{case.kind} seed {case.seed} ({case.mutation}): kfield {' '.join(args[:3])} → {code}"
    if code == 3:
        outcome.internal += 1
        outcome.failures.append(f"{where}: {shown.strip().splitlines()[-1:]}{_crash_log(shown)}")
    elif code not in allowed:
        outcome.unexpected_codes += 1
        outcome.failures.append(f"{where}: {shown.strip()[:200]}")
    if "Traceback (most recent call last)" in shown:
        outcome.tracebacks += 1
        outcome.failures.append(f"{where}: traceback shown")


def _crash_log(shown: str) -> str:
    """The end of the internal-error log the last line names (its traceback), for the failure message."""
    path = Path(shown.strip().rsplit(" ", 1)[-1])
    try:
        return "\n" + "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[-12:])
    except OSError:
        return ""


def run_log(case: corpus.Case, folder: Path, commands=("show", "list", "md", "csv", "xlsx")) -> Outcome:
    """A mutated log in the visits folder next to a good one: every command ends 0 or 2; the good
    visit and every whole line of the mutated log are read."""
    from kfield.visit import visits

    outcome = Outcome()
    with environment(folder):
        home = visits.visits_dir()
        home.mkdir(parents=True)
        good = corpus.good_visit(__import__("random").Random(case.seed), 22366, 4)
        (home / f"{good[0]['id']}.jsonl").write_bytes(corpus.log_bytes(good))
        name = f"{corpus.T0:%Y%m%dT%H%M%S}.000000Z-fuzz{case.seed % 100:02d}"
        (home / f"{name}.jsonl").write_bytes(case.data)
        _read_back(outcome, case)
        for command in commands:
            _log_command(outcome, case, command, name, folder / "out")
    return outcome


def _read_back(outcome: Outcome, case: corpus.Case) -> None:
    """Every whole line of the mutated log is read as an event (the reader itself never raises)."""
    from kfield.visit import store

    try:
        read = {e["id"] for e in store.parse(case.data).events}
    except Exception as exc:                  # noqa: BLE001 - counted, not hidden
        outcome.internal += 1
        outcome.failures.append(f"log seed {case.seed}: store.parse raised {exc!r}")
        read = set()
    lost = case.must_keep - read
    outcome.lost += len(lost)
    if lost:
        outcome.failures.append(f"log seed {case.seed} ({case.mutation}): lost {len(lost)} whole lines")


_LOG_COMMANDS = {"show": ("visit", "show", "{name}", "--json"), "list": ("visit", "list"),
                 "md": ("export", "--all", "--format", "md"), "csv": ("export", "--all", "--table", "problems"),
                 "xlsx": ("export", "--all", "--format", "xlsx", "--output", "{out}/x.xlsx"),
                 "diff": ("visit", "diff", "{name}"),
                 "redact": ("export", "--all", "--format", "html", "--redact"),
                 "json": ("export", "--all", "--format", "json")}


def _log_command(outcome: Outcome, case: corpus.Case, command: str, name: str, out: Path) -> None:
    args = tuple(a.format(name=name, out=out) for a in _LOG_COMMANDS[command])
    code, shown = kfield(*args, "--lang", "vi")
    _judge(outcome, case, args, code, shown, {0, 2})
    if command in ("list", "md", "json") and code == 0 and "22366" not in shown:
        outcome.lost += 1
        outcome.failures.append(f"log seed {case.seed}: the good visit is missing from {command}")


def _imported(db_path: Path) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(db_path)
    conn.text_factory = bytes                 # a flipped byte in an old row must not hide the new ones
    try:
        return {row[0].decode("utf-8", "replace") for row in conn.execute("SELECT id FROM events")}
    finally:
        conn.close()


def run_import(case: corpus.Case, folder: Path, also_report: bool = True) -> Outcome:
    """A mutated zip (with a clean folder) or a mutated database (importing a clean folder)."""
    outcome = Outcome()
    with environment(folder):
        sibling = folder / "sibling"
        sibling.mkdir()
        (sibling / f"{case.sibling[0]['id']}.jsonl").write_bytes(corpus.log_bytes(case.sibling))
        db_path, paths = folder / "agg.sqlite3", [str(sibling)]
        if case.kind == "zip":
            (folder / "logs.zip").write_bytes(case.data)
            paths.insert(0, str(folder / "logs.zip"))
        else:
            db_path.write_bytes(case.data)
        args = ("logs", "import", *paths, "--db", str(db_path), "--lang", "vi")
        code, shown = kfield(*args)
        _judge(outcome, case, args, code, shown, OK_CODES[case.kind])
        if code in (0, 1):
            _count_lost(outcome, case, db_path)
        if also_report:
            args = ("report", "--db", str(db_path), "--lang", "vi")
            _judge(outcome, case, args, *kfield(*args), {0, 1, 2})
    return outcome


def _count_lost(outcome: Outcome, case: corpus.Case, db_path: Path) -> None:
    """The import said it worked: every event it had to keep is in the database."""
    wanted = case.must_keep | {e["id"] for e in case.sibling}
    try:
        lost = wanted - _imported(db_path)
    except Exception as exc:                  # noqa: BLE001 - counted, not hidden
        lost = wanted
        outcome.failures.append(f"{case.kind} seed {case.seed}: database unreadable after import: {exc!r}")
    outcome.lost += len(lost)
    if lost:
        outcome.failures.append(f"{case.kind} seed {case.seed} ({case.mutation}): lost {len(lost)} events")


def run_case(case: corpus.Case, **options) -> Outcome:
    folder = Path(tempfile.mkdtemp(prefix=f"kf-fuzz-{case.kind}-"))
    try:
        return run_log(case, folder, **options) if case.kind == "log" else run_import(case, folder, **options)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
