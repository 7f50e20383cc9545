"""Primitives for namespace labs: namespaces, veth links, processes, and teardown.

Everything a lab creates lives inside network namespaces named ``kf<role><tag>``;
``Lab`` records every namespace and process it made and removes them in ``close``
(called from a ``finally`` / fixture teardown), never by process name.
Addresses come from 198.18.0.0/15, the benchmarking range, which no real network uses.
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

_COUNTER = itertools.count()


def lab_unavailable() -> str | None:
    """Why a namespace lab cannot be built here, or None when it can."""
    if sys.platform != "linux":
        return "network-namespace labs need Linux"
    if os.geteuid() != 0:
        return "network-namespace labs need root (CI runs as root)"
    if shutil.which("ip") is None:
        return "the `ip` program (iproute2) is missing"
    name = f"kfprobe{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", name], capture_output=True)
    if made.returncode != 0:
        return f"cannot create a network namespace: {made.stderr.decode().strip()}"
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    return None


def sh(*argv: str, check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess:
    done = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {done.returncode}: {done.stderr.strip()}")
    return done


class Netns:
    """One network namespace with loopback up; processes spawned in it are tracked."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.procs: list[subprocess.Popen] = []
        sh("ip", "netns", "add", name)
        self.run("ip", "link", "set", "lo", "up")

    def argv(self, *argv: str) -> list[str]:
        return ["ip", "netns", "exec", self.name, *argv]

    def run(self, *argv: str, check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess:
        return sh(*self.argv(*argv), check=check, timeout=timeout)

    def spawn(self, *argv: str, **popen_kw) -> subprocess.Popen:
        popen_kw.setdefault("stdout", subprocess.DEVNULL)
        popen_kw.setdefault("stderr", subprocess.DEVNULL)
        proc = subprocess.Popen(self.argv(*argv), start_new_session=True, **popen_kw)
        self.procs.append(proc)
        return proc

    def python(self, *args: str, **popen_kw) -> subprocess.Popen:
        """A Python process of this interpreter inside the namespace."""
        return self.spawn(sys.executable, *args, **popen_kw)

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def delete(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=10)
        sh("ip", "netns", "del", self.name, check=False)
        shutil.rmtree(Path("/etc/netns") / self.name, ignore_errors=True)

    def etc(self, filename: str, text: str) -> None:
        """A file `ip netns exec` shows at /etc/<filename> inside this namespace."""
        folder = Path("/etc/netns") / self.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / filename).write_text(text)


class Lab:
    """A set of namespaces removed together; use as a context manager."""

    def __init__(self) -> None:
        self.tag = f"{os.getpid() % 100000}{next(_COUNTER)}"
        self.spaces: list[Netns] = []

    def ns(self, role: str) -> Netns:
        space = Netns(f"kf{role}{self.tag}")
        self.spaces.append(space)
        return space

    def link(self, a: Netns, if_a: str, b: Netns, if_b: str, *, offload: bool = True) -> None:
        """A veth pair between two namespaces, both ends up."""
        tmp_a, tmp_b = f"kfa{self.tag}{len(self.spaces)}x", f"kfb{self.tag}{len(self.spaces)}x"
        tmp_a, tmp_b = tmp_a[:15], tmp_b[:15]
        sh("ip", "link", "add", tmp_a, "netns", a.name, "type", "veth", "peer", "name", tmp_b, "netns", b.name)
        a.run("ip", "link", "set", tmp_a, "name", if_a)
        b.run("ip", "link", "set", tmp_b, "name", if_b)
        for space, dev in ((a, if_a), (b, if_b)):
            if not offload:
                space.run("ethtool", "-K", dev, "tx", "off", "tso", "off", "gso", "off", "gro", "off", check=False)
            space.run("ip", "link", "set", dev, "up")

    def close(self) -> None:
        for space in reversed(self.spaces):
            space.delete()
        self.spaces.clear()

    def __enter__(self) -> "Lab":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.05) -> bool:
    """Poll until predicate() is true (lab set-up only, never a timing assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
