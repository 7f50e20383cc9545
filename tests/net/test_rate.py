"""kfield.net.rate: the steady rate out of (time, bytes) samples."""

import pytest

from kfield.net.rate import steady_bps


def series(phases, step=0.02):
    """Samples every ``step`` seconds through phases of (seconds, bits per second)."""
    t, total, out = 0.0, 0.0, [(0.0, 0)]
    for seconds, bps in phases:
        for _ in range(round(seconds / step)):
            t += step
            total += bps / 8 * step
            out.append((t, round(total)))
    return out


def test_a_steady_transfer_is_its_rate():
    assert steady_bps(series([(3, 10e6)]), 0.5) == pytest.approx(10e6, rel=0.01)


def test_slow_start_and_a_slow_tail_are_left_out():
    samples = series([(0.6, 1e6), (0.6, 2e6), (0.6, 4e6), (2.5, 9.57e6), (1.0, 1.5e6)])
    assert steady_bps(samples, 1.2) == pytest.approx(9.57e6, rel=0.02)


def test_one_burst_does_not_set_the_level():
    """A lost packet's hole filled at once (in-order counting) lifts the windows around it."""
    samples = series([(0.5, 2e6), (4, 9.5e6), (0.1, 80e6), (4, 9.5e6)])
    assert steady_bps(samples, 0.5) == pytest.approx(9.5e6, rel=0.05)


def test_too_short_or_empty():
    assert steady_bps([], 0.5) == 0.0
    assert steady_bps([(0.0, 0), (0.0, 10)], 0.5) == 0.0
    assert steady_bps([(0.0, 0), (0.1, 125_000)], 0.5) == pytest.approx(10e6)
