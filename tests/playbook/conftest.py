from pathlib import Path

import pytest

from kfield.core.result import error, fail, ok, skip, warn

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "playbooks"
GOOD, BAD = FIX / "good", FIX / "bad"
SIGNING = GOOD / "sample-signing.yaml"
SHORT = GOOD / "sample-short.yaml"
PROFILE = FIX / "profile-with-contacts.yaml"
ROLES = {"provincial_ca", "provincial_it"}

_MAKERS = {"ok": ok, "warn": warn, "fail": fail, "skip": skip, "error": error}


class FakeChecks:
    """An injected check runner: answers to return in order (a status for a check step,
    a verdict place for a diagnose step); remembers what ran."""

    def __init__(self, *statuses: str) -> None:
        self.statuses, self.ran = list(statuses), []

    def __call__(self, step):
        if step.kind == "diagnose":
            return self._verdict()
        self.ran.append((step.check, dict(step.params)))
        status = self.statuses.pop(0) if self.statuses else "ok"
        return _MAKERS[status]("pc.os.unknown_eos", os="FakeOS").stamped(step.check, 0.01, False)

    def _verdict(self):
        from kfield.core.result import measure

        place = self.statuses.pop(0) if self.statuses else "healthy"
        self.ran.append(("DIAGNOSE", {"place": place}))
        made = ok if place == "healthy" else fail
        return made("diag.reason.healthy", evidence=(measure("diag_place", place),)).stamped("DIAGNOSE", 0.01, False)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Transcripts and saved progress of every test go to its own folder."""
    folder = tmp_path / "kfield-data"
    monkeypatch.setenv("KFIELD_DATA_DIR", str(folder))
    return folder
