"""Child process for the crash tests: appends events forever, printing each id only after
append() returned (i.e. after fsync) — the parent counts those as acknowledged. It says "ready" on
stderr once imported, so the parent's random kill lands while it writes, not while Python starts."""

import sys
from pathlib import Path

from kfield.visit import store

path = Path(sys.argv[1])
tag = sys.argv[2]
sys.stderr.write("ready\n")
sys.stderr.flush()
n = 0
while True:
    n += 1
    event = store.make_event("note", "v1", {"text": f"{tag}-{n} " + "ghi chú có dấu " * (n % 7)})
    store.append(path, event)
    sys.stdout.write(event["id"] + "\n")
    sys.stdout.flush()
