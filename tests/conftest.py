"""Fixtures shared across test packages: the namespace labs (tests/lab/fixtures.py)."""

import signal

pytest_plugins = ["tests.lab.fixtures"]

# A test suite started in the background by a non-interactive shell (`bash .ci/run &`) inherits
# SIGINT ignored, and so would every kfield it starts: the Ctrl-C tests would then wait forever.
# Ctrl-C is what they test, so the children get the default disposition back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
