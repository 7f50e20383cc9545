"""`kfield net speed` (no options: the lab's speed.cloudflare.com) on links shaped like a commune's:
ADSL-like 20/0.5 Mbit/s (the download's ACKs share a thin uplink), 10 % random loss each way, and
the byte cap on a long lossy link, read from the client's interface counters (headers, ACKs,
retransmissions, the cut's in-flight data included). Each direction shaped on its own
(`SpeedLab.link`). The truth is iperf3 with 4 streams on the same link, or on a clean shaped link the
goodput a tbf of R Mbit/s leaves (R x 1448/1514: full frames carry 1448 bytes of payload each).
"""

import json
import time

import pytest


pytestmark = [pytest.mark.lab, pytest.mark.timeout(300)]
PAYLOAD = 1448 / 1514


@pytest.fixture(scope="module")
def speedlab(speedlab):
    """The shared speed lab (tests/lab/fixtures.py) with an iperf3 server beside kfield's: iperf3 is
    the truth on these links. The lab's teardown ends it with the namespace's other processes."""
    from tests.lab.internet import ip

    speedlab.world.spawn("iperf3", "-s", "-B", ip("speed"))
    return speedlab


def run(lab, *args):
    before, started = lab.moved(), time.monotonic()
    args = args if "--backend" in args else ("--backend", "cloudflare", *args)   # the default profile names other servers
    done = lab.kfield("net", "speed", *args, "--format", "json", "--lang", "en", timeout=120)
    wall, moved = time.monotonic() - started, lab.moved() - before
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), wall, moved


def iperf3(lab) -> tuple[float, float]:
    from tests.lab.internet import ip

    found = []
    for reverse in (["-R"], []):
        for _ in range(3):   # the server may still be busy with the last test's streams
            data = json.loads(lab.client.run("iperf3", "-c", ip("speed"), "-t", "5", "-O", "1", "-P", "4", "-J",
                                             *reverse, check=False, timeout=60).stdout)
            if "error" not in data:
                found.append(data["end"]["sum_received"]["bits_per_second"] / 1e6)
                break
            time.sleep(1)
    return found[0], found[1]


def test_adsl_like_link_thin_uplink_carries_the_downloads_acks(speedlab):
    with speedlab.link(down=20, up=0.5):
        result, wall, moved = run(speedlab)
    assert result["down_mbps"] == pytest.approx(20 * PAYLOAD, rel=0.05)
    assert result["up_mbps"] == pytest.approx(0.5 * PAYLOAD, rel=0.05)
    assert moved <= 10e6 and wall <= 12 * 1.5   # 12 s on a quiet machine; slack for a loaded one


def test_ten_percent_loss_each_way_within_5_percent_of_iperf3(speedlab):
    with speedlab.link(down=10, up=10, loss=10):
        down, up = iperf3(speedlab)
        result, wall, moved = run(speedlab)
    assert result["down_mbps"] == pytest.approx(down, rel=0.05)
    assert result["up_mbps"] == pytest.approx(up, rel=0.05)
    assert moved <= 10e6 and wall <= 12 * 1.5
    # a ping that waited for a retransmission is loss, not latency: the idle figure stays the link's
    assert result["idle_latency_ms"] < 50


@pytest.mark.parametrize("max_mb", [3, 10])
def test_the_cap_holds_on_a_long_lossy_link(speedlab, max_mb):
    """600 ms and 2 % loss: slow start overshoots, the server retransmits, cut streams still have
    data in flight; what crossed the card stays under --max-mb, and the run ends by the goal."""
    with speedlab.link(down=10, up=10, rtt=600, loss=2):
        result, wall, moved = run(speedlab, "--max-mb", str(max_mb))
    assert moved <= max_mb * 1e6, (moved, result)
    assert result["wire_bytes"] <= max_mb * 1e6
    assert result["down_mbps"] > 0 and wall <= 15 * 1.5
