"""The ookla backend (speedtest-cli in secure mode) against the lab's Speedtest mini server:
the configuration comes over HTTPS from the lab's www.speedtest.net, signed by the lab CA."""

import json

import pytest

from tests.lab.internet import ip

pytestmark = pytest.mark.timeout(300)


def test_ookla_backend_measures_the_mini_server(internet):
    with internet.shape(10):
        done = internet.kfield("net", "speed", "--backend", "ookla", "--mini", f"http://{ip('speed')}/",
                               "--format", "json", timeout=240)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["server"].startswith("Speedtest Mini")
    assert 6 < result["down_mbps"] < 10.5 and 6 < result["up_mbps"] < 10.5
    assert result["bytes_down"] > 0 and result["bytes_up"] > 0


def test_ookla_backend_with_a_dead_mini_server_is_one_line(internet):
    done = internet.kfield("net", "speed", "--backend", "ookla", "--mini", f"http://{ip('tsa')}:81/", "--lang", "vi")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 2   # the "measuring…" line + the error
    assert "máy chủ mini" in done.stderr and "Traceback" not in done.stderr
