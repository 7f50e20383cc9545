"""`kfield serve` and `kfield lan speed` between two namespaces on a 10 Mbit/s shaped link.

The accuracy figures belong in benchmarks/lan_speed.py; this test only asserts the
measurement lands near the shaped rate (iperf3 sees 9.57 Mbit/s of goodput there).
"""

import json

import pytest

from tests.lab.netns import lab_unavailable
from tests.lab.pair import A_IP, kfield_in, pair, start_serve

pytestmark = pytest.mark.timeout(180)
GOODPUT = 9.57


@pytest.fixture(scope="module")
def shaped():
    reason = lab_unavailable()
    if reason:
        pytest.skip(reason)
    with pair(rate_mbit=10) as (lab, a, b):
        start_serve(a)
        yield a, b


def test_both_directions_near_the_shaped_rate(shaped):
    _, b = shaped
    done = kfield_in(b, "lan", "speed", A_IP, "--token", "labtoken", "--seconds", "4", "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["down_mbps"] == pytest.approx(GOODPUT, rel=0.15)
    assert result["up_mbps"] == pytest.approx(GOODPUT, rel=0.15)
    assert result["loaded_latency_ms"] > result["idle_latency_ms"]   # the tbf queue fills under load


def test_vietnamese_lines_and_a_wrong_token(shaped):
    _, b = shaped
    done = kfield_in(b, "lan", "speed", A_IP, "--token", "labtoken", "--seconds", "1", "--lang", "vi")
    assert done.returncode == 0 and "Tải xuống:" in done.stdout and "Tải lên:" in done.stdout
    wrong = kfield_in(b, "lan", "speed", A_IP, "--token", "guess", "--seconds", "1", "--lang", "vi")
    assert wrong.returncode == 2 and "từ chối mã" in wrong.stderr and "Traceback" not in wrong.stderr


def test_a_silent_address_is_one_line_exit_2(shaped):
    # a neighbour entry for an address nobody holds: the SYNs leave and nothing ever answers
    _, b = shaped
    b.run("ip", "neigh", "replace", "198.18.5.9", "lladdr", "02:00:00:00:00:09", "dev", "eth0", "nud", "permanent")
    done = kfield_in(b, "lan", "speed", "198.18.5.9", "--token", "labtoken", "--seconds", "1", "--lang", "en")
    assert done.returncode == 2 and "does not answer" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 2   # the "Measuring…" line, then the reason
