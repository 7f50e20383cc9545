"""Two laptops on one cable: namespaces `a` (198.18.5.1) and `b` (198.18.5.2), optionally
shaped with tbf (no netem in this kernel). Used by the throughput tests and benchmarks."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time

from tests.lab.netns import Lab

A_IP, B_IP = "198.18.5.1", "198.18.5.2"


@contextlib.contextmanager
def pair(rate_mbit: float | None = None):
    """(lab, a, b); with ``rate_mbit`` both directions are shaped to that rate."""
    with Lab() as lab:
        a, b = lab.ns("a"), lab.ns("b")
        lab.link(a, "eth0", b, "eth0", offload=False)
        a.run("ip", "addr", "add", f"{A_IP}/24", "dev", "eth0")
        b.run("ip", "addr", "add", f"{B_IP}/24", "dev", "eth0")
        if rate_mbit:
            for space in (a, b):
                space.run("tc", "qdisc", "add", "dev", "eth0", "root", "tbf", "rate", f"{rate_mbit}mbit",
                          "burst", "16kb", "latency", "100ms")
        yield lab, a, b


def start_serve(space, port: int = 8737, token: str = "labtoken") -> subprocess.Popen:
    proc = space.python("-m", "kfield", "serve", "--bind", "0.0.0.0", "--port", str(port), "--token", token,
                        "--lang", "en", stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "Serving" in line or not line:
            break
    return proc


def kfield_in(space, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return space.run(sys.executable, "-m", "kfield", *args, check=False, timeout=timeout)
