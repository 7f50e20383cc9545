import datetime as dt

from kfield.core.result import Status
from kfield.platform.base import OsInfo
from kfield.testing import compute_check
from tests.fakes import FakeHost

WIN10 = OsInfo("windows", "Windows 10 Pro", "10", "19045", "windows-10")


def test_pc001_unsupported_os_fails():
    res = compute_check("PC001", host=FakeHost(os_info=WIN10), today=dt.date(2026, 1, 1))
    assert res.status is Status.FAIL
    assert res.summary.key == "pc.os.unsupported"


def test_pc001_ending_soon_warns():
    res = compute_check("PC001", host=FakeHost(os_info=WIN10), today=dt.date(2025, 9, 1))
    assert res.status is Status.WARN and res.summary.params["days"] == 43


def test_pc001_unknown_os_is_ok_and_says_so():
    info = OsInfo("linux", "Debian 12", "12", "6.1", "debian-12")
    res = compute_check("PC001", host=FakeHost(os_info=info))
    assert res.status is Status.OK and res.summary.key == "pc.os.unknown_eos"
