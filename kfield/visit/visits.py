"""Visits on this laptop: start, record, end, list; and attaching evidence to the open one."""

from __future__ import annotations

import unicodedata
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from kfield.core import files
from kfield.core.errors import KfieldError, UsageError
from kfield.core.result import Message
from kfield.core.paths import data_dir
from kfield.visit import communes, model, store
from kfield.visit.member import Member


def visits_dir() -> Path:
    return data_dir() / "visits"


def log_path(visit_id: str) -> Path:
    if not visit_id or "/" in visit_id or "\\" in visit_id or visit_id.startswith("."):
        raise UsageError("visit.unknown", visit=visit_id)
    return visits_dir() / f"{visit_id}.jsonl"


def current() -> str | None:
    pointer = visits_dir() / "current"
    try:
        visit_id = files.read_own(pointer, 256).decode("utf-8", "replace").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise store.UnreadableLog("visit.log_unreadable", path=str(pointer), reason=store.os_reason(exc)) from None
    return visit_id or None


def _point(visit_id: str | None) -> None:
    """Set or clear the open-visit pointer: written whole through an exclusive temporary file."""
    pointer = visits_dir() / "current"
    if visit_id is None:
        pointer.unlink(missing_ok=True)
        return
    from kfield.core.atomic import replace

    replace(pointer, visit_id)


@contextmanager
def _one_at_a_time() -> Iterator[None]:
    """Who opens or closes a visit takes this lock first, so that looking for an open visit and
    opening one are one step: two `visit start` at the same moment leave exactly one open visit."""
    from filelock import FileLock

    folder = visits_dir()
    with store.writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder / "current.lock"), timeout=60):
            yield


def nfc(value: Any) -> Any:
    """Text as typed, composed (NFC): a Vietnamese console on Windows delivers "ê" + U+0303 for "ễ",
    and the same word must be stored, compared and counted once."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def short(visit_id: str) -> str:
    """The short id people type and read: the random part after the time (20261124T171530.123456Z-4f9a2c → 4f9a2c)."""
    return visit_id.rsplit("-", 1)[-1]


def resolve(text: str) -> str:
    """A full id, a short id or any unique prefix of either → the visit id; several → the candidates."""
    wanted = text.strip()
    ids = all_ids()
    if wanted in ids:
        return wanted
    found = [i for i in ids if wanted and (i.startswith(wanted) or short(i).startswith(wanted.lower()))]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError("visit.id.ambiguous", visit=text, candidates=", ".join(short(i) for i in found[:10]))
    raise UsageError("visit.unknown", visit=text)


def start(commune_text: str, member: Member, province: int = communes.KHANH_HOA,
          companions: list[str] = ()) -> tuple[str, communes.Commune]:
    if current():
        raise UsageError("visit.already_open", visit=short(current()))
    unit = communes.resolve(nfc(commune_text), province)
    visit_id = store.new_id()
    names = list(dict.fromkeys(nfc([member.name, *(c.strip() for c in companions if c.strip())])))
    data = {"commune_code": unit.code, "commune": unit.name, "members": names, "school": member.school,
            "team": member.team, "province": province}
    _refuse_bad_input("start", data)
    with _one_at_a_time():
        if current():                                   # another start won the race
            raise UsageError("visit.already_open", visit=short(current()))
        store.append(log_path(visit_id), store.make_event("start", visit_id, data))
        with store.writing(visits_dir()):
            _point(visit_id)
    return visit_id, unit


def record(kind: str, data: dict[str, Any], visit_id: str | None = None) -> dict[str, Any]:
    """Append one event to the given visit, or the open one; returns the event once on disk."""
    target = visit_id or current()
    if not target:
        raise UsageError("visit.none_open")
    path = log_path(target)
    if not path.exists():
        raise UsageError("visit.unknown", visit=target)
    data = nfc(data)
    _refuse_bad_input(kind, data)
    event = store.make_event(kind, target, data)
    store.append(path, event)
    return event


def _refuse_bad_input(kind: str, data: dict[str, Any]) -> None:
    """What a person typed (or a member file holds) that the event schema refuses: an empty topic,
    bytes that are not text (a surrogate-escaped argument): a usage error, before anything is written."""
    from kfield.visit import events

    spec = events.KINDS.get(kind)
    why = events.fields_problem(spec.fields, data) if spec else None
    if why:
        raise UsageError("visit.bad_input", field=why.split(":")[0])


def end() -> str:
    with _one_at_a_time():
        visit_id = current()
        if not visit_id:
            raise UsageError("visit.none_open")
        record("end", {}, visit_id)
        with store.writing(visits_dir()):
            _point(None)
    return visit_id


def cancel(visit_id: str | None = None, reason: str = "") -> str:
    """Mark a practice or mistaken visit cancelled (the given one, else the open one): its log is
    kept, it is counted nowhere; an open visit is closed so the next one can start."""
    target = resolve(visit_id) if visit_id else current()
    if not target:
        raise UsageError("visit.cancel.which")
    if load_outline(target).outline.visit.cancelled:       # the short facts suffice: not every note and report
        raise UsageError("visit.cancel.already", visit=short(target))
    with _one_at_a_time():
        record("cancel", {"reason": reason.strip()}, target)
        if current() == target:
            with store.writing(visits_dir()):
                _point(None)
    return target


def chosen(visit_id: str | None) -> str:
    """The visit a command means: the given one (full id, short id or unique prefix), else the open
    one, else the latest on this laptop; its log exists."""
    target = resolve(visit_id) if visit_id else current() or next(reversed(all_ids()), None)
    if not target:
        raise UsageError("visit.list.none")
    if not log_path(target).exists():
        raise UsageError("visit.unknown", visit=target)
    return target


def replay(path: Path, visit_id: str) -> tuple[model.Visit, store.Log]:
    """The whole visit, every note and report kept, folded while its log streams past; the Log
    returned names the damaged lines only. Commands read outlines (`load_outline`); this is what the
    tests compare them with."""
    visit, damage = _fold(path, visit_id, model.replay)
    return visit, store.Log((), damage)


@dataclass(frozen=True)
class Outlined:
    """A visit's outline, its log's damaged lines, and where the events it counted are: the line
    numbers of its notes, check runs and transcripts (4 bytes each), for `kept` to read again."""

    outline: model.Outline
    damage: tuple[store.Damage, ...]
    path: Path
    lines: dict[str, array]


def load_outline(visit_id: str | None = None) -> Outlined:
    """Like load, holding one event at a time: notes and reports are counted, not kept."""
    target = chosen(visit_id)
    lines = {kind: array("I") for kind in COUNTED}
    folded, damage = _fold(log_path(target), target, model.outline, lines)
    return Outlined(folded, damage, log_path(target), lines)


COUNTED = ("note", "check_run", "transcript")


def kept(outlined: Outlined, kind: str):
    """The data of each event of one counted kind, in log order, read again one line at a time."""
    for event in store.pick(outlined.path, outlined.lines[kind]):
        if event["type"] == kind:
            yield event["data"]


def notes(outlined: Outlined):
    return (data["text"] for data in kept(outlined, "note"))


def _fold(path: Path, visit_id: str, fold, lines=None):
    lines = {} if lines is None else lines
    damage, kinds = [], set()

    def good():
        for number, event, reason, _ in store.scan(path):
            if reason:
                damage.append(store.damaged(number, reason))
                continue
            kinds.add(event["type"])
            if event["type"] in lines:
                lines[event["type"]].append(number)
            yield event
    try:
        folded = fold(good(), checked=True)
    except KeyError:
        if "start" in kinds:
            raise
        raise UsageError("visit.no_start", visit=visit_id) from None
    return folded, tuple(damage)


@dataclass(frozen=True)
class Skipped:
    """A visit log that could not be replayed (no readable start, unreadable file): named, not fatal."""

    path: str
    reason: Message


def load_all() -> tuple[list[model.Visit], list[Skipped]]:
    """Every visit on this laptop that can be replayed, without its notes, check reports and
    transcripts (what `visit list` shows), and the logs that cannot be (one damaged file never hides
    the good visits)."""
    good, skipped = [], []
    for visit_id in all_ids():
        try:
            good.append(load_outline(visit_id).outline.visit)
        except KfieldError as exc:
            skipped.append(Skipped(str(visits_dir() / f"{visit_id}.jsonl"), exc.message))
    return good, skipped


def all_ids() -> list[str]:
    return sorted(p.stem for p in visits_dir().glob("*.jsonl"))


def attach(kind: str, data: dict[str, Any]) -> str | None:
    """Evidence for the open visit, if any: the id it was filed under, or None. Never raises:
    the check or playbook that produced it must not fail because of the visit log."""
    try:
        if current() is None:
            return None
        return record(kind, data)["visit"]
    except Exception:  # a damaged pointer or a full disk: the caller warns, the output stands
        return "error"
