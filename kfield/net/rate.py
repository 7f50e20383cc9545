"""The rate of a transfer from (time, bytes so far) samples, once the link is full.

TCP starts slowly (slow start: the window doubles every round trip), so on a long link the first
seconds say little about the link. Like Cloudflare's and M-Lab's tests, the rate is taken from the
part of the transfer where it is steady: windowed rates (each over ``window`` seconds) are
compared with a robust peak (their 90th percentile); the span from the first window that reaches
85 % of it to the last one does, averaged as a whole, is the answer. Bursts (a lost packet's
hole filled at once) neither start nor stretch the span, because the average covers all of it.
"""

from __future__ import annotations

import bisect

STEADY_SHARE = 0.85
PEAK_PERCENTILE = 0.9


def windowed(samples: list[tuple[float, int]], window: float) -> list[tuple[int, int, float]]:
    """(start index, end index, bytes/s) for every sample that has ``window`` seconds behind it."""
    times = [t for t, _ in samples]
    found = []
    for end, (t, count) in enumerate(samples):
        start = bisect.bisect_right(times, t - window) - 1
        if start < 0 or t - times[start] <= 0:
            continue
        found.append((start, end, (count - samples[start][1]) / (t - times[start])))
    return found


def steady_bps(samples: list[tuple[float, int]], window: float) -> float:
    """Bits per second over the steady span (the whole run when it is too short to tell)."""
    if len(samples) < 2 or samples[-1][0] <= samples[0][0]:
        return 0.0
    rates = windowed(samples, window)
    if len(rates) < 3:
        return _average(samples, 0, len(samples) - 1)
    ordered = sorted(rate for _, _, rate in rates)
    level = ordered[min(len(ordered) - 1, int(len(ordered) * PEAK_PERCENTILE))] * STEADY_SHARE
    steady = [(start, end) for start, end, rate in rates if rate >= level]
    return _average(samples, steady[0][0], steady[-1][1])


def _average(samples: list[tuple[float, int]], first: int, last: int) -> float:
    seconds = samples[last][0] - samples[first][0]
    return (samples[last][1] - samples[first][1]) * 8 / seconds if seconds > 0 else 0.0
