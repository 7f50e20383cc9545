"""Child process for the crash tests: appends events forever, printing each id only after
append() returned (i.e. after fsync) — the parent counts those as acknowledged."""

import sys
from pathlib import Path

from kfield.visit import store

path = Path(sys.argv[1])
tag = sys.argv[2]
n = 0
while True:
    n += 1
    event = store.make_event("note", "v1", {"text": f"{tag}-{n} " + "ghi chú có dấu " * (n % 7)})
    store.append(path, event)
    sys.stdout.write(event["id"] + "\n")
    sys.stdout.flush()
