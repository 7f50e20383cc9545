"""The province's readiness view: per unit and per PC, what works now and what the campaign changed.

Every `kfield check` / `diagnose` / `run` attached to a visit carries the PC's pseudonymous id
(kfield/core/pcid.py). For each PC, each check's first and latest result among its runs in the
period (a `diagnose` run checks only the network) are judged against the readiness rules (readiness.yaml, data the province can change), item by item: yes, no or
unknown (a skip, an error or a check that did not run is never "ready"). `readiness` counts PCs
per unit (all units of the province, unchecked ones too); `pcs` lists each PC.
"""

from __future__ import annotations

import enum
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from kfield.core import registry
from kfield.core.schema import Bool, Field, List, Map, Num, Str, Text, validate
from kfield.core.table import Change, Coded, Table

RULES_FILE = Path(__file__).with_name("readiness.yaml")
# The signing chain's links, page to token, in the order a student fixes them (words: ready.link.*)
LINKS = ("service", "middleware", "token", "certificate", "tsa", "ocsp", "browser")
STATUSES = ("ok", "warn", "fail", "skip", "error")
_ANSWERED = ("ok", "warn", "fail")


class Answer(str, enum.Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Item:
    id: str
    title: tuple[str, str]                       # (vi, en)
    mode: str                                    # "all" or "any"
    conditions: tuple[tuple[str, tuple[str, ...]], ...]
    why: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()   # (link, conditions), chain order
    good: bool = field(default=True, kw_only=True)   # is "yes" the good answer? (not for "OS past end of support")

    def broken(self, statuses: Mapping[str, str]) -> tuple[str, ...]:
        """The links whose conditions hold (any of them), in chain order: why the item is "no"."""
        return tuple(link for link, conditions in self.why
                     if any(_truth(statuses.get(check), wanted) for check, wanted in conditions))

    def judge(self, statuses: Mapping[str, str]) -> Answer:
        """all/any over the conditions; a broken link (``why``) makes it "no" whatever they say."""
        if self.broken(statuses):
            return Answer.NO
        truths = [_truth(statuses.get(check), wanted) for check, wanted in self.conditions]
        if self.mode == "all":
            return Answer.NO if False in truths else Answer.UNKNOWN if None in truths else Answer.YES
        return Answer.YES if True in truths else Answer.UNKNOWN if None in truths else Answer.NO


def _truth(status: str | None, wanted: tuple[str, ...]) -> bool | None:
    """True/False when the check answered; None (unknown) when it skipped, erred or did not run."""
    if status not in _ANSWERED:
        return None
    return status in wanted


def schema() -> Map:
    conditions = Map(values=List(Str(choices=STATUSES), min_items=1), key_pattern=r"[A-Z]+\d{3}")
    link = Map({"link": Field(Str(choices=LINKS), True), "when": Field(conditions, True)})
    item = Map({"id": Field(Str(pattern=r"[a-z][a-z0-9_]{0,39}"), True), "title": Field(Text(), True),
                "all": Field(conditions), "any": Field(conditions), "why": Field(List(link, min_items=1)),
                "good": Field(Bool())})
    return Map({"version": Field(Num(integer=True, minimum=1, maximum=1), True),
                "items": Field(List(item, min_items=1), True)})


@functools.lru_cache(maxsize=4)
def load(path: Path = RULES_FILE) -> tuple[Item, ...]:
    value, _ = validate(path, schema(), _semantics, kind="rules")
    return tuple(_item(raw) for raw in value["items"])


def _semantics(value: Any, root, add) -> None:
    from kfield.core.schema import find

    known, seen = registry.load_all(), set()
    for index, raw in enumerate(value["items"]):
        where = find(root, "items", index)
        if ("all" in raw) == ("any" in raw):
            add(where, "ready.rules.all_or_any")
        if raw["id"] in seen:
            add(find(root, "items", index, "id"), "schema.duplicate", key=raw["id"])
        seen.add(raw["id"])
        for check in (raw.get("all") or raw.get("any") or {}):
            if check not in known:
                add(find(root, "items", index, "all" if "all" in raw else "any", check), "ready.rules.unknown_check",
                    check=check)
        for number, link in enumerate(raw.get("why") or ()):
            for check in link.get("when") or {}:
                if check not in known:
                    add(find(root, "items", index, "why", number, "when", check), "ready.rules.unknown_check",
                        check=check)


def _item(raw: dict) -> Item:
    mode = "all" if "all" in raw else "any"
    conditions = tuple((check, tuple(wanted)) for check, wanted in raw[mode].items())
    why = tuple((link["link"], tuple((check, tuple(wanted)) for check, wanted in link["when"].items()))
                for link in raw.get("why") or ())
    return Item(raw["id"], (raw["title"]["vi"], raw["title"]["en"]), mode, conditions, why, good=raw.get("good", True))


@dataclass(frozen=True)
class Run:
    pc_id: str
    host: str
    os: str
    time: str
    code: int
    unit: str
    statuses: Mapping[str, str]


@dataclass(frozen=True)
class Pc:
    """A PC as its runs in the period saw it: `first`/`last` carry the times and the unit; their
    statuses are each check's first and latest observation (a `diagnose` run checks only the network,
    so the PC, signing and security checks keep what the last full `check` said)."""

    first: Run
    last: Run

    def judged(self, item: Item) -> tuple[Answer, Answer]:
        return item.judge(self.first.statuses), item.judge(self.last.statuses)


def pcs_in(db, period) -> list[Pc]:
    """Each PC with its runs in the period (runs of visits in the period), folded in time order."""
    where, params = period.where()
    runs: dict[str, list[tuple]] = {}
    for row in db.query(f"SELECT c.pc_id, c.time, c.event, c.host, c.os, c.statuses, v.commune_code, v.commune "
                        f"FROM check_runs c JOIN visits v ON v.id = c.visit WHERE {where} AND c.pc_id <> ''", params):
        runs.setdefault(row[0], []).append(row)
    return [_fold(sorted(rows, key=lambda r: r[1:3])) for rows in runs.values()]


def _fold(rows: list[tuple]) -> Pc:
    """First and latest look: each check's first and latest status, the latest host name and OS seen."""
    decoded = [_statuses(row[5]) for row in rows]
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for statuses in reversed(decoded):
        before.update(statuses)
    for statuses in decoded:
        after.update(statuses)
    first, last = rows[0], rows[-1]
    host = next((r[3] for r in reversed(rows) if r[3]), "")
    os_name = next((r[4] for r in reversed(rows) if r[4]), "")
    return Pc(Run(first[0], first[3] or host, first[4] or os_name, first[1], first[6], first[7] or "", before),
              Run(last[0], host, os_name, last[1], last[6], last[7] or "", after))


def _statuses(text: str | None) -> dict[str, str]:
    try:
        decoded = json.loads(text or "{}")
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def last_places(db, period) -> dict[int, str]:
    """Per unit, the network place named by its latest `diagnose` verdict in the period."""
    where, params = period.where()
    latest: dict[int, tuple[str, str]] = {}
    for code, time, place in db.query(f"SELECT v.commune_code, c.time, c.verdict FROM check_runs c "
                                      f"JOIN visits v ON v.id = c.visit WHERE {where} AND c.verdict <> ''", params):
        if code not in latest or time > latest[code][0]:
            latest[code] = (time, place)
    return {code: place for code, (_, place) in latest.items()}


def readiness_table(pcs: Iterable[Pc], units, places: Mapping[int, str], items: tuple[Item, ...]) -> Table:
    """One row per unit of the province (unchecked ones too), then codes outside it."""
    by_unit: dict[int, list[Pc]] = {}
    for pc in pcs:
        by_unit.setdefault(pc.last.code, []).append(pc)
    known = {u.code for u in units}
    extra = [(code, by_unit[code][0].last.unit) for code in sorted(set(by_unit) - known)]
    rows = [_unit_row(code, name, by_unit.get(code, []), places.get(code, ""), items)
            for code, name in [(u.code, u.name) for u in units] + extra]
    rows.sort(key=lambda r: (r[0] not in known, r[2] > 0, r[1]))
    explained = [i for i in items if i.why]
    totals = ("", len(units), sum(r[2] for r in rows), *(_sum([r[3 + i] for r in rows]) for i in range(len(items))),
              *("" for _ in explained), "")
    return Table("readiness", ("code", "unit", "pcs", *(i.id for i in items), *(f"{i.id}_why" for i in explained),
                               "last_place"), tuple(rows), totals, labels=_labels(items), polarity=_polarity(items))


def _unit_row(code: int, name: str, pcs: list[Pc], place: str, items: tuple[Item, ...]) -> tuple:
    counts = []
    for item in items:
        judged = [pc.judged(item) for pc in pcs]
        counts.append(Change(sum(b is Answer.YES for b, _ in judged), sum(a is Answer.YES for _, a in judged),
                             sum(b is Answer.UNKNOWN for b, _ in judged), sum(a is Answer.UNKNOWN for _, a in judged)))
    whys = [_most_broken([pc.last.statuses for pc in pcs], item) for item in items if item.why]
    return (code, name, len(pcs), *counts, *whys, Coded(f"diag.place.{place}", place) if place else "")


def _link(link: str) -> Coded | str:
    return Coded(f"ready.link.{link}", link) if link else ""


def _most_broken(looks: list[Mapping[str, str]], item: Item) -> Coded | str:
    """The unit's most common first broken link among its PCs that are not ready (chain order on a tie)."""
    firsts = [broken[0] for broken in (item.broken(statuses) for statuses in looks) if broken]
    if not firsts:
        return ""
    return _link(max(LINKS, key=lambda link: (firsts.count(link), -LINKS.index(link))))


def _sum(changes: list[Change]) -> Change:
    return Change(*(sum(getattr(c, side) for c in changes)
                    for side in ("before", "after", "unknown_before", "unknown_after")))


def pcs_table(pcs: Iterable[Pc], open_problems: Mapping[str, int], items: tuple[Item, ...]) -> Table:
    rows = []
    for pc in sorted(pcs, key=lambda p: (p.last.code, p.last.host, p.last.pc_id)):
        answers = [Change(*(Coded(f"report.answer.{a.value}", a.value) for a in pc.judged(item))) for item in items]
        whys = [_link((item.broken(pc.last.statuses) or ("",))[0]) for item in items if item.why]
        rows.append((pc.last.code, pc.last.unit, pc.last.pc_id, pc.last.host, pc.last.os, pc.first.time,
                     pc.last.time, *answers, *whys, open_problems.get(pc.last.pc_id, 0)))
    columns = ("code", "unit", "pc_id", "host", "os", "first_check", "last_check", *(i.id for i in items),
               *(f"{i.id}_why" for i in items if i.why), "open_problems")
    return Table("pcs", columns, tuple(rows), labels=_labels(items), polarity=_polarity(items))


def open_problems_by_pc(db, period) -> dict[str, int]:
    """Problems still pending in the visits during which each PC was checked."""
    where, params = period.where()
    return dict(db.query(
        f"SELECT c.pc_id, COUNT(DISTINCT p.visit || ' ' || p.problem) FROM check_runs c "
        f"JOIN visits v ON v.id = c.visit JOIN problems p ON p.visit = c.visit "
        f"WHERE {where} AND c.pc_id <> '' AND p.outcome = 'pending' GROUP BY c.pc_id", params))


def _labels(items: tuple[Item, ...]) -> dict[str, tuple[str, str]]:
    from kfield.core.i18n import text

    labels = {item.id: item.title for item in items}
    labels |= {f"{item.id}_why": (text("ready.why.column", "vi", item=item.title[0]),
                                  text("ready.why.column", "en", item=item.title[1])) for item in items if item.why}
    return labels


def _polarity(items: tuple[Item, ...]) -> dict[str, bool]:
    """Whether "yes" is good, per item: what colours the dashboard and the tables."""
    return {item.id: item.good for item in items}
