"""Fixtures shared across test packages: the namespace labs (tests/lab/fixtures.py)."""

import signal

import pytest

pytest_plugins = ["tests.lab.fixtures"]

# A test suite started in the background by a non-interactive shell (`bash .ci/run &`) inherits
# SIGINT ignored, and so would every kfield it starts: the Ctrl-C tests would then wait forever.
# Ctrl-C is what they test, so the children get the default disposition back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


# The suite waits far more than it computes (namespace labs, wine, servers), so the README's command
# runs it in a few processes (pytest-xdist, `--dist loadgroup`). Each file stays in one process (its
# module fixtures are built once), and everything that builds or runs the USB kit and the Windows
# CPython under wine shares one process: they share the kit builds and the wine cache.
SHARED_KIT = ("tests/windows/", "tests/usb/")


def pytest_collection_modifyitems(config, items):
    root = config.rootpath
    for item in items:
        where = item.path.relative_to(root).as_posix()
        group = "kit" if where.startswith(SHARED_KIT) else where
        item.add_marker(pytest.mark.xdist_group(group))
