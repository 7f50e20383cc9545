"""The signing chain's requests go the way a browser here would: through the system proxy, on loopback
(a real RFC 3161 timestamp authority from tests/lab/signlab.py behind the lab's forward proxy)."""

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kfield.net import signing
from kfield.platform.base import Proxy

PROXY = Path(__file__).parents[1] / "lab" / "proxy.py"
sys.path.insert(0, str(PROXY.parent))
import signlab  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def proxy():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(PROXY), f"127.0.0.1:{port}"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield f"127.0.0.1:{port}"
    finally:
        proc.kill()
        proc.wait(10)


def test_a_timestamp_asked_through_the_proxy_is_granted(proxy):
    with signlab.CaServer() as ca:
        stamp = signing.timestamp(f"{ca.url}/tsa", proxies=[Proxy("env:HTTP_PROXY", proxy)])
        assert stamp.gen_time.year >= 2026
        assert ca.requests == ["POST /tsa application/timestamp-query"]


def test_a_dead_proxy_is_no_answer_even_when_the_server_is_up():
    with signlab.CaServer() as ca:
        with pytest.raises(signing.Unreached):
            signing.timestamp(f"{ca.url}/tsa", timeout=2.0, proxies=[Proxy("env:HTTP_PROXY", f"127.0.0.1:{_free_port()}")])
        assert ca.requests == []
