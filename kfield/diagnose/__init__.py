"""`kfield diagnose`: run the LAN and NET checks and name where the fault is.

rules.yaml holds the reasoning as data; rules.py validates and matches it; engine.py
runs the checks and returns the Verdict. The CLI (kfield/cli/diagnose.py) only prints.

Map: `rules.yaml` (where-is-the-fault rules as data: place, reason, next playbook, contact role, equally
likely second place), `rules.py` (schema, matching), `engine.py` (runs the checks in two stages with the
new-device probes beside them, returns the Verdict with the reason's facts; a value past a user-experience
limit is never healthy); `kfield/formats/verdict.py` prints it (contact roles in words)
"""
