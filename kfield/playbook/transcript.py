"""The transcript of one playbook run: a standalone JSON record with a schema version.

It names the playbook (id, version, file hash), the language, the profile, the
host, every step taken (answer or check result with its evidence, when, how long)
and the outcome. Visit logs attach transcripts as they are; ``SCHEMA`` below is
published as docs/transcript.schema.json.
"""

from __future__ import annotations

import datetime as dt
import socket
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kfield import __version__
from kfield.playbook import model as m
from kfield.playbook.engine import Event

SCHEMA_VERSION = 1
INCOMPLETE = "incomplete"
REASONS = ("quit", "interrupted", "missing_answer", "no_input", "error")


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class Transcript:
    playbook: dict[str, Any]
    lang: str
    profile: str
    mode: str
    started: str
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    hostname: str = field(default_factory=socket.gethostname)
    steps: list[dict[str, Any]] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    finished: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    outcome: dict[str, Any] | None = None

    @classmethod
    def begin(cls, playbook: m.Playbook, lang: str, profile: str, mode: str, now: dt.datetime) -> "Transcript":
        meta = {"id": playbook.id, "version": playbook.version, "title": {"vi": playbook.title.vi,
                "en": playbook.title.en}, "path": str(playbook.path), "sha256": playbook.sha256}
        return cls(meta, lang, profile, mode, stamp(now))

    def record(self, event: Event, at: dt.datetime, elapsed_s: float) -> None:
        self.steps.append({
            "step": event.step, "kind": event.kind, "action": event.action, "answer": event.answer,
            "result": event.result.to_dict() if event.result else None,
            "at": stamp(at), "elapsed_s": round(elapsed_s, 3),
        })

    def close(self, now: dt.datetime, variables: dict[str, str], outcome: dict[str, Any]) -> None:
        self.finished, self.variables, self.outcome = stamp(now), dict(variables), outcome

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION, "kind": "kfield.playbook.transcript",
            "kfield_version": __version__, "run_id": self.run_id, "playbook": self.playbook,
            "lang": self.lang, "profile": self.profile, "hostname": self.hostname, "mode": self.mode,
            "started": self.started, "resumed": self.resumed, "finished": self.finished,
            "steps": self.steps, "variables": self.variables, "outcome": self.outcome,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Transcript":
        names = ("playbook", "lang", "profile", "mode", "started", "run_id", "hostname", "steps", "resumed")
        return cls(**{name: data[name] for name in names})


def ended(step: m.End, contacts: dict[str, dict[str, str]]) -> dict[str, Any]:
    contact_text = contacts.get(step.contact) if step.contact else None
    return {"kind": step.outcome, "step": step.id, "contact": step.contact,
            "contact_text": contact_text, "reason": None}


def stopped(step_id: str, reason: str) -> dict[str, Any]:
    return {"kind": INCOMPLETE, "step": step_id, "contact": None, "contact_text": None, "reason": reason}


def default_path(playbook_id: str, started: dt.datetime, folder: Path) -> Path:
    return folder / f"{started:%Y%m%d-%H%M%S}-{playbook_id}.json"


_TEXT = {"type": "object", "properties": {"vi": {"type": "string"}, "en": {"type": "string"}},
         "required": ["vi", "en"], "additionalProperties": False}
_MESSAGE = {"type": "object", "properties": {"key": {"type": "string"}, "params": {"type": "object"}},
            "required": ["key", "params"]}
_RESULT = {
    "type": "object",
    "description": "kfield Result.to_dict(): the check's status, summary, evidence and remedy",
    "properties": {
        "check_id": {"type": "string"}, "status": {"enum": ["ok", "warn", "fail", "skip", "error"]},
        "summary": _MESSAGE, "remedy": {"anyOf": [_MESSAGE, {"type": "null"}]},
        "evidence": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "value": {}, "unit": {"type": "string"}},
            "required": ["name", "value", "unit"]}},
        "duration_s": {"type": "number"}, "admin": {"type": "boolean"},
    },
    "required": ["check_id", "status", "summary", "evidence", "remedy", "duration_s", "admin"],
}
_STEP = {
    "type": "object",
    "properties": {
        "step": {"type": "string"}, "kind": {"enum": list(m.KINDS)},
        "action": {"enum": ["answer", "check", "switch", "back", "end"]},
        "answer": {"type": ["string", "null"], "description": "choice key, done/not_done/next, "
                   "the check's status, or the variable's value"},
        "result": {"anyOf": [_RESULT, {"type": "null"}]},
        "at": {"type": "string", "format": "date-time"}, "elapsed_s": {"type": "number", "minimum": 0},
    },
    "required": ["step", "kind", "action", "answer", "result", "at", "elapsed_s"],
    "additionalProperties": False,
}
_OUTCOME = {
    "type": "object",
    "properties": {
        "kind": {"enum": [*m.OUTCOMES, INCOMPLETE]}, "step": {"type": ["string", "null"]},
        "contact": {"type": ["string", "null"], "description": "contact role id from the check profile"},
        "contact_text": {"anyOf": [_TEXT, {"type": "null"}]},
        "reason": {"enum": [*REASONS, None]},
    },
    "required": ["kind", "step", "contact", "contact_text", "reason"],
    "additionalProperties": False,
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://kfield.invalid/transcript.schema.json",
    "title": "kfield playbook run transcript",
    "type": "object",
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION}, "kind": {"const": "kfield.playbook.transcript"},
        "kfield_version": {"type": "string"}, "run_id": {"type": "string"},
        "playbook": {"type": "object", "properties": {
            "id": {"type": "string"}, "version": {"type": "integer"}, "title": _TEXT,
            "path": {"type": "string"}, "sha256": {"type": "string"}},
            "required": ["id", "version", "title", "path", "sha256"]},
        "lang": {"enum": ["vi", "en"]}, "profile": {"type": "string"}, "hostname": {"type": "string"},
        "mode": {"enum": ["interactive", "scripted"]},
        "started": {"type": "string", "format": "date-time"},
        "resumed": {"type": "array", "items": {"type": "string", "format": "date-time"}},
        "finished": {"type": ["string", "null"], "format": "date-time"},
        "steps": {"type": "array", "items": _STEP},
        "variables": {"type": "object", "additionalProperties": {"type": "string"}},
        "outcome": {"anyOf": [_OUTCOME, {"type": "null"}]},
    },
    "required": ["schema_version", "kind", "kfield_version", "run_id", "playbook", "lang", "profile",
                 "hostname", "mode", "started", "resumed", "finished", "steps", "variables", "outcome"],
    "additionalProperties": False,
}
