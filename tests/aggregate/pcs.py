"""Visit logs with check runs of several PCs, for the readiness tests (expected counts in test_readiness)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kfield.core import pcid
from tests.aggregate import logs

BAC_NHA_TRANG, CAM_RANH = 22333, 22420
DAY = dt.timedelta(days=1)
PC1, PC2, PC4 = (pcid.pc_id("a" * 32, "ubnd-01"), pcid.pc_id("a" * 32, "ubnd-02"),   # PC2: a clone of PC1, renamed
                 pcid.pc_id("b" * 32, "camranh-kt"))
OLD_HOST = "ketoan-cu"                                                             # a run from before PC ids


def _run(visit_id: str, minutes: float, start, statuses: dict, pc: str | None, host: str, place: str = "") -> dict:
    results = [{"check_id": c, "status": s, "summary": {"key": f"test.{s}", "params": {}}, "evidence": [{"name": "os", "value": "Windows 7", "unit": ""}]
                if c == "PC001" else []} for c, s in statuses.items()]
    data = {"hostname": host, "results": results, **({"pc_id": pc} if pc else {})}
    if place:
        data["verdict"] = {"place": place}
    return logs.event("check_run", visit_id, data, minutes, start)


def _visit(code: int, name: str, member: str, school: str, start, runs) -> list[dict]:
    visit_id = logs.store.new_id(start)
    events = [logs.event("start", visit_id, {"commune_code": code, "commune": name, "members": [member],
                                             "school": school, "team": "T", "province": 56}, 0, start)]
    events += [_run(visit_id, 10 + i, start, *run) for i, run in enumerate(runs)]
    return events + [logs.event("end", visit_id, {}, 120, start)]


R1 = {"SIGN001": "fail", "SIGN003": "ok", "SIGN004": "ok", "SIGN006": "ok", "PC001": "fail", "SEC003": "skip",
      "SEC002": "ok", "PC003": "ok", "PC004": "fail"}
R2 = {**R1, "SIGN001": "ok", "SEC003": "ok", "SEC002": "fail", "PC004": "ok"}
R3 = {**R2, "SEC002": "ok"}
PC2_RUN = {"SIGN001": "ok", "SIGN003": "fail", "SIGN004": "warn", "SIGN006": "ok", "PC001": "ok", "SEC003": "ok",
           "SEC002": "warn", "PC003": "skip", "PC004": "ok"}
PC4_RUN = {"PC001": "ok", "SEC002": "ok"}
OLD_RUN = {"SIGN001": "ok", "SIGN003": "ok", "SIGN004": "ok", "SIGN006": "ok"}




def write_campaign(folder: Path) -> None:
    """Bắc Nha Trang: PC1 checked on day 0 (An, NTU) and twice on day 2 (Chi, UKH); PC2 once on day 0.
    Cam Ranh: PC4 (quick profile: no signing checks) and an old-format run of "ketoan-cu", day 1."""
    t0 = logs.T0
    logs.write(folder, _visit(BAC_NHA_TRANG, "Phường Bắc Nha Trang", "An", "NTU", t0,
                              [(R1, PC1, "ubnd-01", "gateway"), (PC2_RUN, PC2, "ubnd-02")]))
    logs.write(folder, _visit(BAC_NHA_TRANG, "Phường Bắc Nha Trang", "Chi", "UKH", t0 + 2 * DAY,
                              [(R2, PC1, "ubnd-01"), (R3, PC1, "ubnd-01", "healthy")]))
    logs.write(folder, _visit(CAM_RANH, "Phường Cam Ranh", "Bình", "NTU", t0 + DAY,
                              [(PC4_RUN, PC4, "camranh-kt"), (OLD_RUN, None, OLD_HOST)]))
