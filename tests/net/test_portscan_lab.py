"""The connect scan against a host whose first SYN to a port is lost (a real namespace, iptables)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.lab.netns import Lab, lab_unavailable

pytestmark = pytest.mark.skipif(lab_unavailable() is not None, reason=str(lab_unavailable()))

SCAN = "import json, sys; from kfield.net import portscan; " \
       "print(json.dumps(sorted(portscan.open_ports([('198.18.7.2', 631), ('198.18.7.2', 9100)], timeout=0.5))))"


@pytest.fixture()
def printer():
    with Lab() as lab:
        pc, box = lab.ns("pc"), lab.ns("prn")
        lab.link(pc, "eth0", box, "eth0")
        pc.run("ip", "addr", "add", "198.18.7.1/24", "dev", "eth0")
        box.run("ip", "addr", "add", "198.18.7.2/24", "dev", "eth0")
        servers = [box.spawn(sys.executable, "-c",
                             "import socket, time, sys; s = socket.create_server(('0.0.0.0', int(sys.argv[1]))); "
                             "time.sleep(120)", str(port)) for port in (631, 9100)]
        # every odd SYN to these ports is dropped: each port's first handshake meets silence
        for port in ("631", "9100"):   # one counter per port
            box.run("iptables", "-A", "INPUT", "-p", "tcp", "--syn", "--dport", port,
                    "-m", "statistic", "--mode", "nth", "--every", "2", "--packet", "0", "-j", "DROP")
        yield pc
        del servers


def test_a_port_whose_first_syn_is_lost_is_still_found_open(printer, tmp_path):
    done = subprocess.run(printer.argv(sys.executable, "-c", SCAN), capture_output=True, text=True, timeout=30,
                          cwd=str(tmp_path), env={"PYTHONPATH": str(__import__("pathlib").Path(__file__).parents[2])})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [["198.18.7.2", 631], ["198.18.7.2", 9100]]
