"""Fixtures that build the namespace labs; they skip with the reason when they cannot."""

import pytest

from tests.lab.netns import lab_unavailable


@pytest.fixture(scope="session")
def lab_ok():
    reason = lab_unavailable()
    if reason:
        pytest.skip(reason)
    for tool in ("dnsmasq", "dhclient", "ss", "setpriv"):
        import shutil

        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (see .ci/apt-packages.txt)")


@pytest.fixture(scope="module")
def office(lab_ok):
    from tests.lab.office import OfficeLab

    lab = OfficeLab.build(hosts=12)
    try:
        yield lab
    finally:
        lab.close()


@pytest.fixture(scope="module")
def internet(lab_ok):
    from tests.lab.internet import InternetLab

    lab = InternetLab.build(hosts=4)
    try:
        yield lab
    finally:
        lab.close()


@pytest.fixture(scope="module")
def verdict_lab(lab_ok):
    """The Internet lab plus the faults `kfield diagnose` and `kfield check` must tell apart."""
    from tests.lab.verdict import VerdictLab

    lab = VerdictLab.build(hosts=4)
    try:
        yield lab
    finally:
        lab.close()


@pytest.fixture(scope="module")
def fault_lab(lab_ok):
    """The verdict lab plus every fault kind and trap of the fault library (tests/lab/faults.py)."""
    from tests.lab.faults import FaultLab

    lab = FaultLab.build(hosts=4)
    try:
        yield lab
    finally:
        lab.close()


@pytest.fixture(scope="module")
def speedlab():
    """A client, the lab router and a speed server beyond it (tests/lab/speedlab.py)."""
    reason = lab_unavailable()
    if reason:
        pytest.skip(reason)
    from tests.lab.speedlab import SpeedLab

    lab = SpeedLab.build(hosts=2)
    try:
        yield lab
    finally:
        lab.close()
