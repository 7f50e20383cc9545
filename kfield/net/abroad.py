"""Domestic against international: one speed server in Vietnam and one abroad, measured one after
the other with `kfield.net.wire`, and what their contrast says.

Vietnam's links abroad run over a few submarine cables; when they are damaged, sites and servers in
Vietnam stay fast while everything abroad (Google, Facebook, YouTube, foreign updates) crawls, and a
speed test against a nearby server reads fine. Measuring both, the verdict names the international
link only when the contrast isolates it:

- ``international``: the server abroad is far slower (under ``FAR`` of the domestic rate, down or up)
  while the domestic one is not: the international link, not this office's line;
- ``alike``: both within that contrast, fast or slow alike: what was measured is this line's speed;
- ``domestic``: the domestic server is the slow one (that server or its provider, not the line);
- ``abroad_silent``: no server abroad answered while one in Vietnam did.

The byte cap (``max_bytes``) and the wall-time goal are shared: each server gets half of both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from kfield.core.errors import KfieldError
from kfield.core.result import Message
from kfield.net.wire import NetSpeedResult

FAR = 0.5            # international below half the domestic rate, down or up: "far below"
VERDICTS = ("international", "alike", "domestic", "abroad_silent")


@dataclass(frozen=True)
class Place:
    """One measured server: its profile id, words and result (None: none of its kind answered)."""

    id: str
    title: dict[str, str]
    domestic: bool
    result: NetSpeedResult | None = None
    failure: Message | None = None     # why none of this kind could be measured


@dataclass(frozen=True)
class Contrast:
    domestic: Place
    international: Place
    verdict: str

    def to_dict(self) -> dict:
        def place(p: Place) -> dict:
            return {"id": p.id, "title": p.title, "result": p.result.to_dict() if p.result else None,
                    "failure": p.failure.key if p.failure else None}

        ratios = _ratios(self.domestic.result, self.international.result)
        return {"domestic": place(self.domestic), "international": place(self.international),
                "verdict": self.verdict, "ratio_down": ratios[0], "ratio_up": ratios[1], "far_below": FAR}


def _ratios(dom: NetSpeedResult | None, intl: NetSpeedResult | None) -> tuple[float | None, float | None]:
    if dom is None or intl is None:
        return None, None
    return tuple(round(i / d, 2) if d > 0 else None
                 for d, i in ((dom.down_mbps, intl.down_mbps), (dom.up_mbps, intl.up_mbps)))


def verdict(dom: NetSpeedResult | None, intl: NetSpeedResult | None) -> str:
    """What the two measurements say together (module docstring)."""
    if intl is None:
        return "abroad_silent"
    down, up = _ratios(dom, intl)
    if any(r is not None and r < FAR for r in (down, up)):
        return "international"
    if any(r is not None and r > 1 / FAR for r in (down, up)):
        return "domestic"
    return "alike"


def measure(servers: Sequence, measure_one: Callable[[object, int, float], NetSpeedResult], max_bytes: int) -> Contrast:
    """The first domestic server that answers, then the first international one, each within half
    of ``max_bytes`` and half of the wall-time goal. ``measure_one(server, max_bytes, goal_share)``
    measures one profile server (`kfield.core.profile.SpeedServer`). No domestic server answering is
    the measurement's failure (raised); no international one answering is a verdict."""
    places = []
    for kind in (True, False):
        chosen = [s for s in servers if s.domestic is kind]
        failure = None
        for server in chosen:
            try:
                places.append(Place(server.id, server.title, kind, measure_one(server, max_bytes // 2, 0.5)))
                break
            except KfieldError as exc:
                failure = failure or exc
        else:
            if kind:
                raise failure   # the caller gives servers of both kinds
            first = chosen[0]
            places.append(Place(first.id, first.title, kind, None, failure.message))
    dom, intl = places
    return Contrast(dom, intl, verdict(dom.result, intl.result))
