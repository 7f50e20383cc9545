"""What a visit changed: the first and the last check run of a visit, or the last run of the
previous visit to the same commune against this visit's last — fixed, newly broken, unchanged."""

from __future__ import annotations

from dataclasses import dataclass

BROKEN = ("fail", "error", "warn")


@dataclass(frozen=True)
class Change:
    check_id: str
    before: str | None            # status, None when the check did not run then
    after: str | None


@dataclass(frozen=True)
class Diff:
    before: str                   # when the earlier run started
    after: str
    fixed: tuple[Change, ...]
    broken: tuple[Change, ...]
    still_broken: tuple[Change, ...]
    still_ok: tuple[Change, ...]


def statuses(run: dict) -> dict[str, str]:
    return {r["check_id"]: r["status"] for r in run.get("results", [])}


def compare(earlier: dict, later: dict) -> Diff:
    old, new = statuses(earlier), statuses(later)
    groups: dict[str, list[Change]] = {"fixed": [], "broken": [], "still_broken": [], "still_ok": []}
    for check_id in sorted(set(old) | set(new)):
        was, now = old.get(check_id), new.get(check_id)
        if was is None or now is None or "skip" in (was, now):
            continue  # not comparable: it did not run, or could not run, one of the times
        key = {(True, False): "fixed", (False, True): "broken", (True, True): "still_broken"}.get(
            (was in BROKEN, now in BROKEN), "still_ok")
        groups[key].append(Change(check_id, was, now))
    return Diff(earlier.get("started", ""), later.get("started", ""), *(tuple(groups[k]) for k in groups))
