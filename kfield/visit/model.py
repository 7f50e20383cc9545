"""A visit replayed from its events: the frozen picture exports, reports and `visit show` use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

TASKS = ("lan", "computers", "internet", "eoffice", "pakn", "kpi", "public_services", "digitisation",
         "training", "mooc", "cybersecurity", "vneid")
SYSTEMS = ("network", "pc", "signing", "eoffice", "pakn", "kpi", "dvc", "vneid", "scan", "printer", "security",
           "training", "other")
OUTCOMES = ("fixed", "escalated", "pending")
# One vocabulary: every task word names the system it serves, so `visit task internet` and
# `visit problem --system internet` mean the same thing (stored as the system "network").
TASK_SYSTEM = {"lan": "network", "computers": "pc", "internet": "network", "eoffice": "eoffice", "pakn": "pakn",
               "kpi": "kpi", "public_services": "dvc", "digitisation": "scan", "training": "training",
               "mooc": "training", "cybersecurity": "security", "vneid": "vneid"}


def system_of(word: str) -> str | None:
    """The system a word names: a system or a task code, or either's Vietnamese or English label, with
    or without diacritics («máy in», «may in», «printers»); None for any other word."""
    return _index("system").get(fold(word))


def task_of(word: str) -> str | None:
    """The task a word names (code or label, with or without diacritics), else the word as a system
    names it (`visit task printer`); None for any other word."""
    folded = fold(word)
    found = _index("task").get(folded)
    if found is not None:
        return found
    system = _index("system").get(folded)
    return None if system is None else (folded if folded in SYSTEMS else system)


def outcome_of(word: str) -> str | None:
    """The outcome a word names: fixed / escalated / pending or «đã xử lý», «chuyen cap tren», …"""
    return _index("outcome").get(fold(word))


def fold(word: str) -> str:
    """A word as the vocabularies compare it: lower case, no diacritics (đ → d), one space between words."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word.strip().lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).replace("_", " ").split())


_KEYS = {"system": ("system.{}", SYSTEMS), "task": ("visit.task.{}", TASKS), "outcome": ("visit.outcome.{}", OUTCOMES)}


def labels(kind: str, code: str) -> tuple[str, ...]:
    """The words a reader may type for a code: its labels in both languages, each part of a label
    listing several things («mạng LAN, Internet» → «mạng LAN», «Internet»)."""
    from kfield.core.i18n import catalogue

    key, _ = _KEYS[kind]
    entry = catalogue().get(key.format(code), ())
    return tuple(dict.fromkeys(part.strip() for label in entry for part in label.split(",") if part.strip()))


def _index(kind: str) -> dict[str, str]:
    """Folded word → code: codes first, then labels (a label never takes a code's place)."""
    index = dict(_INDEXES.get(kind) or ())
    if index:
        return index
    _, codes = _KEYS[kind]
    if kind == "system":
        index.update({fold(t): TASK_SYSTEM[t] for t in TASKS})
        index.update({fold(w): TASK_SYSTEM[t] for t in TASKS for w in labels("task", t)})
    for code in codes:
        index.update({fold(word): code for word in labels(kind, code)})
    index.update({fold(code): code for code in codes})
    _INDEXES[kind] = index
    return index


_INDEXES: dict[str, dict[str, str]] = {}


def words_for(system: str) -> tuple[str, ...]:
    """The task words that also name this system (network ← lan, internet)."""
    return tuple(w for w, s in TASK_SYSTEM.items() if s == system and w != system)


@dataclass(frozen=True)
class Problem:
    id: str
    text: str
    system: str
    outcome: str


@dataclass(frozen=True)
class Training:
    topic: str
    officials: int


@dataclass(frozen=True)
class Visit:
    id: str
    commune_code: int
    commune: str
    members: tuple[str, ...]
    school: str
    team: str
    started: str
    ended: str | None
    tasks: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    trainings: tuple[Training, ...] = ()
    checks: tuple[dict, ...] = field(default_factory=tuple)        # attached `kfield check`/`diagnose` reports
    transcripts: tuple[dict, ...] = field(default_factory=tuple)   # attached playbook transcripts
    cancelled: bool = False         # a practice or mistaken visit: kept in the log, counted nowhere
    cancel_reason: str = ""

    @property
    def open(self) -> bool:
        return self.ended is None and not self.cancelled

    @property
    def officials_trained(self) -> int:
        return sum(t.officials for t in self.trainings)


@dataclass(frozen=True)
class Outline:
    """A visit's short facts, folded while its log streams past: notes, check reports and transcripts
    are counted, not kept (only the first and the last check run, which `visit diff` compares), so
    memory follows the visit's problems and trainings, not the size of its log."""
    visit: Visit                  # notes, checks and transcripts left empty
    notes: int
    checks: int
    transcripts: int
    first_check: dict | None
    last_check: dict | None


def replay(events: Iterable[dict[str, Any]], checked: bool = False) -> Visit:
    """Fold the events in file order (the order the lock let them in); event types a newer kfield
    wrote are left out, and so is an event the schema (kfield/visit/events.py) refuses (`checked`:
    the events were read by store.scan, which checked them already)."""
    return _visit(_fold(events, checked, _APPLY))


def outline(events: Iterable[dict[str, Any]], checked: bool = False) -> Outline:
    """The same fold as replay, keeping counts where replay keeps every note and report."""
    state = _fold(events, checked, _COUNT)
    return Outline(_visit(state), state["counts"]["note"], state["counts"]["check_run"],
                   state["counts"]["transcript"], state["first_check"], state["last_check"])


def _fold(events: Iterable[dict[str, Any]], checked: bool, apply: dict) -> dict[str, Any]:
    from kfield.visit.events import problem

    invalid = (lambda event: None) if checked else problem
    state: dict[str, Any] = {"tasks": [], "systems": [], "problems": {}, "notes": [], "trainings": [],
                             "checks": [], "transcripts": [], "ended": None,
                             "cancelled": False, "cancel_reason": "", "first_check": None, "last_check": None,
                             "counts": {"note": 0, "check_run": 0, "transcript": 0}}
    for event in events:
        if not invalid(event):
            apply.get(event["type"], _ignore)(state, event)
    return state


def _visit(state: dict[str, Any]) -> Visit:
    problems = tuple(state["problems"].values())
    systems = tuple(dict.fromkeys([*state["systems"], *(p.system for p in problems)]))
    return Visit(state["id"], state["code"], state["commune"], tuple(state["members"]), state["school"],
                 state["team"], state["started"], state["ended"], tuple(dict.fromkeys(state["tasks"])), systems,
                 problems, tuple(state["notes"]), tuple(state["trainings"]), tuple(state["checks"]),
                 tuple(state["transcripts"]), state["cancelled"], state["cancel_reason"])


def _start(state, event) -> None:
    data = event["data"]
    state.update(id=event["visit"], code=data["commune_code"], commune=data["commune"], members=data["members"],
                 school=data.get("school", ""), team=data.get("team", ""), started=event["time"])


def _problem(state, event) -> None:
    data = event["data"]
    pid = data.get("problem") or event["id"]
    old = state["problems"].get(pid)
    state["problems"][pid] = Problem(pid, data.get("text") or (old.text if old else ""),
                                     data.get("system") or (old.system if old else "other"), data["outcome"])


def _ignore(state, event) -> None:
    pass


_APPLY = {
    "start": _start,
    "note": lambda s, e: s["notes"].append(e["data"]["text"]),
    "task": lambda s, e: (s["tasks"].append(e["data"]["task"]),
                          s["systems"].append(e["data"]["system"]) if e["data"].get("system") else None),
    "problem": _problem,
    "train": lambda s, e: s["trainings"].append(Training(e["data"]["topic"], int(e["data"]["officials"]))),
    "check_run": lambda s, e: s["checks"].append(e["data"]),
    "transcript": lambda s, e: s["transcripts"].append(e["data"]),
    "end": lambda s, e: s.update(ended=e["time"]),
    "cancel": lambda s, e: s.update(cancelled=True, cancel_reason=str(e["data"].get("reason") or "")),
}


def _count(state, event) -> None:
    state["counts"][event["type"]] += 1
    if event["type"] == "check_run":
        if state["counts"]["check_run"] == 1:
            state["first_check"] = event["data"]
        state["last_check"] = event["data"]


_COUNT = {**_APPLY, "note": _count, "check_run": _count, "transcript": _count}
