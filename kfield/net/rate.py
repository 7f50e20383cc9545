"""The rate of a transfer from (time, bytes so far) samples, once the link is full.

TCP starts slowly (slow start: the window doubles every round trip), so on a long link the first
seconds say little about the link, and the last streams to finish leave it half idle. Like
Cloudflare's and M-Lab's tests, the rate is taken where it is steady: windowed rates (each over
``window`` seconds, two round trips at least) are compared with a robust peak (their 90th
percentile, so one burst cannot set it); the median of the windows that reach 85 % of it is the
answer. The samples should count data as it arrives (`kfield.net.wire.Meter`), so that a lost
packet's wait for its retransmission does not show as a stall followed by a burst.
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
    """Bits per second once the link is full: the median of the windows that reach STEADY_SHARE
    of the robust peak (the whole run when it is too short to have windows)."""
    if len(samples) < 2 or samples[-1][0] <= samples[0][0]:
        return 0.0
    rates = sorted(rate for _, _, rate in windowed(samples, window))
    if len(rates) < 3:
        return _average(samples, 0, len(samples) - 1)
    level = rates[min(len(rates) - 1, int(len(rates) * PEAK_PERCENTILE))] * STEADY_SHARE
    steady = [rate for rate in rates if rate >= level]
    return steady[len(steady) // 2] * 8


def _average(samples: list[tuple[float, int]], first: int, last: int) -> float:
    seconds = samples[last][0] - samples[first][0]
    return (samples[last][1] - samples[first][1]) * 8 / seconds if seconds > 0 else 0.0
