"""A finished (or interrupted) run: what every formatter receives."""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import dataclass, field
from typing import Any

from kfield import __version__
from kfield.core import pcid
from kfield.core.errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
from kfield.core.result import Result, Status

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Report:
    results: tuple[Result, ...]
    profile: str
    started: dt.datetime
    finished: dt.datetime
    admin: bool
    interrupted: bool = False
    hostname: str = field(default_factory=socket.gethostname)
    pc_id: str = field(default_factory=pcid.current)   # pseudonymous, stable across visits (core/pcid.py)
    version: str = __version__

    def sorted(self) -> list[Result]:
        return sorted(self.results, key=lambda r: r.check_id)

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for result in self.results:
            counts[result.status.value] += 1
        return counts

    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if any(r.status is Status.FAIL for r in self.results) else EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "kfield_version": self.version,
            "profile": self.profile,
            "hostname": self.hostname,
            "pc_id": self.pc_id,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds"),
            "admin": self.admin,
            "interrupted": self.interrupted,
            "counts": self.counts(),
            "results": [r.to_dict() for r in self.sorted()],
        }


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).astimezone()
