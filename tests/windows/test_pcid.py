"""The PC id under the real Windows CPython: MachineGuid read as a typed REG_SZ, and recorded in reports."""

from __future__ import annotations

import json
import re


def test_machine_guid_is_read_and_every_report_carries_the_pc_id(pc):
    done = pc.python_code(
        "import json, socket\n"
        "from kfield.core import pcid\n"
        "from kfield.core.report import Report, now\n"
        "guid = pcid.machine_id()\n"
        "print(json.dumps({'guid': guid, 'id': pcid.current(), 'expected': pcid.pc_id(guid, socket.gethostname()),\n"
        "                  'report': Report((), 'quick', now(), now(), admin=False).to_dict()['pc_id']}))\n")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", facts["guid"] or "")
    assert facts["id"] == facts["expected"] == facts["report"] and facts["id"].startswith("pc-")
