"""Visit logs as students' laptops write them, for the aggregation tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kfield.visit import store

T0 = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.timezone.utc)     # 08:00 in Khánh Hòa


def event(kind: str, visit: str, data: dict, minutes: float = 0, start: dt.datetime = T0) -> dict:
    return store.make_event(kind, visit, data, start + dt.timedelta(minutes=minutes))


def visit(code: int = 22333, name: str = "Phường Bắc Nha Trang", members=("An", "Bình"), school: str = "NTU",
          start: dt.datetime = T0, hours: float = 3, problems=(("signing", "fixed"),), officials: int = 5,
          verdict: str = "gateway", failing=("LAN003",), ended: bool = True) -> list[dict]:
    visit_id = store.new_id(start)
    events = [event("start", visit_id, {"commune_code": code, "commune": name, "members": list(members),
                                        "school": school, "team": "T1", "province": 56}, 0, start)]
    for index, (system, outcome) in enumerate(problems):
        events.append(event("problem", visit_id, {"text": f"p{index}", "system": system, "outcome": outcome},
                            5 + index, start))
    if officials:
        events.append(event("train", visit_id, {"topic": "VNeID", "officials": officials}, 60, start))
    summary = {"key": "check.summary", "params": {}}
    results = [{"check_id": c, "status": "fail", "summary": summary} for c in failing] + [
        {"check_id": "PC001", "status": "ok", "summary": summary}]
    events.append(event("check_run", visit_id, {"results": results, "verdict": {"place": verdict}}, 70, start))
    if ended:
        events.append(event("end", visit_id, {}, hours * 60, start))
    return events


def write(folder: Path, events: list[dict], name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{events[0]['visit']}.jsonl")
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
    return path
