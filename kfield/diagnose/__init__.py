"""`kfield diagnose`: run the LAN and NET checks and name where the fault is.

rules.yaml holds the reasoning as data; rules.py validates and matches it; engine.py
runs the checks and returns the Verdict. The CLI (kfield/cli/diagnose.py) only prints.
"""
