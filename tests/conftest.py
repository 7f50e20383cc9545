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
# The labs that measure throughput and loaded latency run one after another, never beside each other:
# two shaped links measured at once on two cores read each other's load (runs in parallel read a
# domestic 15.2 Mbit/s for 19.1, and a loaded latency below the idle one).
SPEED_LABS = ("tests/net/test_speed_", "tests/cli/test_serve_speed.py", "tests/cli/test_net_speed.py")


def pytest_collection_modifyitems(config, items):
    root = config.rootpath
    for item in items:
        where = item.path.relative_to(root).as_posix()
        group = ("kit" if where.startswith(SHARED_KIT) else
                 "speed" if where.startswith(SPEED_LABS) and where.endswith(("_lab.py", "_speed.py")) else where)
        item.add_marker(pytest.mark.xdist_group(group))
