"""The Internet lab plus the public speed-test servers kfield measures against by default:
speed.cloudflare.com (HTTPS, certificate from the lab CA) and two OoklaServers listed by the lab's
www.speedtest.net. Every name resolves through the lab's own DNS, inside the namespaces only; kfield
trusts the lab CA through SSL_CERT_FILE, the ordinary OpenSSL setting (see README, "Internet speed").
"""

from __future__ import annotations

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
