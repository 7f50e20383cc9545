import datetime as dt
import shutil
import subprocess

import pytest

from kfield.core.result import Status
from kfield.platform.base import Antivirus, Firewall, Proc
from kfield.platform.linux import LinuxHost
from kfield.testing import compute_check
from tests.fakes import FakeHost

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)


def test_sec001_fake_processes():
    host = FakeHost(processes=[Proc(5, "UltraViewer_Service.exe", 1), Proc(6, "explorer.exe", 1)])
    res = compute_check("SEC001", host=host)
    assert res.status is Status.WARN and "UltraViewer_Service.exe" in res.summary.params["tools"]
    assert compute_check("SEC001", host=FakeHost(processes=[Proc(1, "bash", 1)])).status is Status.OK


def test_sec001_sees_a_real_running_process(tmp_path):
    binary = tmp_path / "UltraViewer_Service"
    shutil.copy("/bin/sleep", binary)
    child = subprocess.Popen([str(binary), "30"])
    try:
        res = compute_check("SEC001", host=LinuxHost(), remote_access_tools=["UltraViewer"])
        assert res.status is Status.WARN
    finally:
        child.kill()
        child.wait()


@pytest.mark.parametrize("state, status", [
    (Firewall(True, "ufw"), Status.OK),
    (Firewall(False, "ufw"), Status.FAIL),
    (Firewall(False, "Windows", (("Domain", False), ("Private", True), ("Public", True))), Status.WARN),
    (Firewall(False, "Windows", (("Domain", True), ("Private", True), ("Public", False))), Status.FAIL),
])
def test_sec002_firewall(state, status):
    assert compute_check("SEC002", host=FakeHost(firewall=state)).status is status


@pytest.mark.parametrize("state, remedy", [
    (Firewall(False, "ufw"), "sec.fw.remedy_ufw"),
    (Firewall(False, "firewalld"), "sec.fw.remedy_firewalld"),
    (Firewall(False, "nft"), "sec.fw.remedy_rules"),
    (Firewall(False, "iptables"), "sec.fw.remedy_rules"),
    (Firewall(False, "Windows", (("Domain", True), ("Private", False), ("Public", False))), "sec.fw.remedy"),
])
def test_sec002_remedy_names_the_tool_that_answered(state, remedy):
    """A Linux laptop is told its own command, never Windows Security's menus."""
    assert compute_check("SEC002", host=FakeHost(firewall=state)).remedy.key == remedy


def av(enabled=True, days=None, current=None):
    updated = NOW - dt.timedelta(days=days) if days is not None else None
    return Antivirus("Defender", enabled, updated, current)


@pytest.mark.parametrize("products, key", [
    ([av(days=1)], "sec.av.ok"),
    ([av(days=30)], "sec.av.stale"),
    ([av(enabled=False, days=1)], "sec.av.none"),
    ([], "sec.av.none"),
    ([av(current=False)], "sec.av.stale"),
    ([av(current=True)], "sec.av.ok"),
    ([av(days=30), av(current=True)], "sec.av.ok"),
])
def test_sec003_antivirus(products, key):
    res = compute_check("SEC003", host=FakeHost(antivirus=products), now=NOW, platform="windows")
    assert res.summary.key == key


@pytest.mark.parametrize("days, status", [(3, Status.OK), (60, Status.WARN), (200, Status.FAIL)])
def test_sec004_update_age(days, status):
    host = FakeHost(last_update=NOW - dt.timedelta(days=days))
    res = compute_check("SEC004", host=host, now=NOW)
    assert res.status is status and res.evidence[1].value == days


def test_sec004_unknown_is_skip():
    assert compute_check("SEC004", host=FakeHost(last_update=None)).status is Status.SKIP
