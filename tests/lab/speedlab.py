"""The Internet lab plus the public speed-test servers kfield measures against by default:
speed.cloudflare.com (HTTPS, certificate from the lab CA) and two OoklaServers listed by the lab's
www.speedtest.net. Every name resolves through the lab's own DNS, inside the namespaces only; kfield
trusts the lab CA through SSL_CERT_FILE, the ordinary OpenSSL setting (see README, "Internet speed").
"""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

from tests.lab.internet import InternetLab, ip

SERVERS = str(Path(__file__).with_name("speedservers.py"))


class SpeedLab(InternetLab):
    def _serve(self, open_ports: bool) -> None:
        super()._serve(open_ports)
        leaf = self.ca.issue_cert("speed.cloudflare.com")
        cert, key = self.tmp / "cfspeed.pem", self.tmp / "cfspeed.key"
        leaf.cert_chain_pems[0].write_to_path(str(cert))
        leaf.private_key_pem.write_to_path(str(key))
        proc = self.world.python(SERVERS, f"cloudflare:{ip('cfspeed')}:443:{cert}:{key}",
                                 f"ookla:{ip('ookla1')}:8080", f"ookla:{ip('ookla2')}:8080",
                                 stdout=subprocess.PIPE, text=True)
        if proc.stdout.readline().strip() != "ready":
            raise RuntimeError("lab speed servers did not start")
        self.procs["speedservers"] = proc

    def moved(self) -> int:
        """Bytes the client's interface has moved so far, both ways (headers, ACKs, retransmissions)."""
        import json

        stats = json.loads(self.client.run("ip", "-s", "-j", "link", "show", "dev", "eth0").stdout)[0]["stats64"]
        return stats["rx"]["bytes"] + stats["tx"]["bytes"]

    # --- links communes really have (each direction shaped on its own) ----------------
    @contextlib.contextmanager
    def link(self, down: float, up: float, rtt: float | None = None, loss: float = 0.0, up_queue_ms: int = 100):
        """The ISP wire at ``down``/``up`` Mbit/s (tbf on each side: ``ir`` carries the download to the
        router, ``iw`` the upload to the world; ``up_queue_ms`` deep on the uplink: 1000 is a
        bufferbloated modem), ``rtt`` ms of round trip (the delay relay), ``loss`` per cent dropped at
        random each way at the router (iptables statistic)."""
        with contextlib.ExitStack() as stack:
            for dev, mbit, queue in (("ir", down, 100), ("iw", up, up_queue_ms)):
                self.isp.run("tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate", f"{mbit}mbit", "burst",
                             "16kb" if mbit >= 2 else "4kb", "latency", f"{queue}ms")
                stack.callback(self.isp.run, "tc", "qdisc", "del", "dev", dev, "root", check=False)
            if rtt:
                stack.enter_context(self.delay(rtt))
            if loss:
                for way in ("-i", "-o"):
                    stack.enter_context(self._rule(self.router, "FORWARD", way, "up0", "-m", "statistic", "--mode",
                                                   "random", "--probability", f"{loss / 100:.3f}", "-j", "DROP"))
            yield
