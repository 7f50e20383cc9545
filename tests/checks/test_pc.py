import datetime as dt

import pytest

from kfield.core.errors import ProfileError
from kfield.core.i18n import render
from kfield.core.profile import load_profile
from kfield.core.result import Status
from kfield.platform.base import Battery, Disk, OsInfo, Proc
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


# --- helpers ---------------------------------------------------------------

GB = 1024 ** 3
MB = 1024 ** 2
DAY = 86400


def evidence(res):
    return {m.name: m.value for m in res.evidence}


# --- PC002 CPU load --------------------------------------------------------

@pytest.mark.parametrize(("percent", "status"), [(12.0, Status.OK), (90.0, Status.OK), (90.1, Status.WARN),
                                                 (100.0, Status.WARN)])
def test_pc002_warns_only_above_the_threshold(percent, status):
    res = compute_check("PC002", host=FakeHost(cpu_percent=percent, cpu_count=4))
    assert res.status is status
    assert evidence(res) == {"cpu_percent": percent, "cpu_count": 4}


def test_pc002_samples_one_second_and_honours_the_param():
    asked = []
    host = FakeHost(cpu_percent=lambda interval: asked.append(interval) or 60.0, cpu_count=2)
    res = compute_check("PC002", host=host, cpu_load_warn_pct=50, platform="windows")
    assert asked == [1.0]
    assert res.status is Status.WARN and res.remedy.key == "pc.cpu.remedy"


@pytest.mark.parametrize("platform, key", [("windows", "pc.cpu.remedy"), ("linux", "pc.cpu.remedy.linux")])
def test_a_remedy_is_worded_for_the_platform_the_check_ran_on(platform, key):
    """Task Manager on Windows; top on Linux (kfield.core.runner.for_platform)."""
    from kfield.core.i18n import text

    res = compute_check("PC002", host=FakeHost(cpu_percent=99.0, cpu_count=2), platform=platform)
    assert res.remedy.key == key
    assert ("Task Manager" in text(res.remedy.key, "vi")) is (platform == "windows")


# --- PC003 memory ----------------------------------------------------------

@pytest.mark.parametrize(("available_gb", "status", "key"), [
    (4.0, Status.OK, "pc.mem.ok"),
    (0.8, Status.OK, "pc.mem.ok"),          # exactly 10 %
    (0.79, Status.WARN, "pc.mem.low"),
    (0.24, Status.WARN, "pc.mem.low"),   # exactly 3 %
    (0.23, Status.FAIL, "pc.mem.exhausted"),
])
def test_pc003_thresholds(available_gb, status, key):
    res = compute_check("PC003", host=FakeHost(memory=(8 * GB, available_gb * GB)))
    assert (res.status, res.summary.key) == (status, key)
    assert evidence(res)["mem_total"] == 8.0 and evidence(res)["mem_available"] == round(available_gb, 1)


def test_pc003_reports_the_available_share():
    res = compute_check("PC003", host=FakeHost(memory=(16 * GB, 4 * GB)))
    assert evidence(res)["mem_available_pct"] == 25.0 and res.summary.params["percent"] == 25.0


# --- PC004 system disk -----------------------------------------------------

@pytest.mark.parametrize(("free_gb", "status"), [(50, Status.OK), (5.0, Status.OK), (4.9, Status.WARN),
                                                 (1.0, Status.WARN), (0.9, Status.FAIL), (0, Status.FAIL)])
def test_pc004_thresholds(free_gb, status):
    res = compute_check("PC004", host=FakeHost(system_disk=Disk("C:\\", 100 * GB, int(free_gb * GB))))
    assert res.status is status
    assert evidence(res)["mount"] == "C:\\" and evidence(res)["disk_free"] == free_gb
    assert evidence(res)["disk_free_pct"] == round(free_gb, 1)


def test_pc004_params_move_the_thresholds():
    host = FakeHost(system_disk=Disk("/", 100 * GB, 20 * GB))
    assert compute_check("PC004", host=host, disk_free_warn_gb=30).status is Status.WARN
    assert compute_check("PC004", host=host, disk_free_fail_gb=25).status is Status.FAIL


# --- PC005 battery ---------------------------------------------------------

def test_pc005_desktop_is_skipped_with_a_reason():
    res = compute_check("PC005", host=FakeHost(battery=None))
    assert res.status is Status.SKIP
    assert render(res.summary, "en") == "No battery (desktop PC)"


@pytest.mark.parametrize(("percent", "plugged", "status", "key"), [
    (5, True, Status.OK, "pc.battery.plugged"),
    (20, False, Status.OK, "pc.battery.on_battery"),
    (19, False, Status.WARN, "pc.battery.low"),
    (10, None, Status.WARN, "pc.battery.low"),
])
def test_pc005_warns_when_low_and_not_plugged(percent, plugged, status, key):
    res = compute_check("PC005", host=FakeHost(battery=Battery(percent, plugged, None)))
    assert (res.status, res.summary.key) == (status, key)
    assert "battery_minutes_left" not in evidence(res)


def test_pc005_shows_minutes_left():
    res = compute_check("PC005", host=FakeHost(battery=Battery(64.4, False, 5430)))
    assert evidence(res) == {"battery_percent": 64, "battery_plugged": False, "battery_minutes_left": 90}


# --- PC006 uptime ----------------------------------------------------------

@pytest.mark.parametrize(("days", "status"), [(0.5, Status.OK), (14, Status.OK), (14.2, Status.WARN), (40, Status.WARN)])
def test_pc006_uptime(days, status):
    now = 1_760_000_000.0
    res = compute_check("PC006", host=FakeHost(boot_time=now - days * DAY, now=now))
    assert res.status is status and evidence(res)["uptime_days"] == days
    if status is Status.WARN:
        assert res.remedy.key == "pc.uptime.remedy" and "Restart" in render(res.remedy, "en")


# --- PC007 top memory users ------------------------------------------------

PROCS = [Proc(4, "System", 1 * MB), Proc(100, "chrome.exe", 900 * MB), Proc(200, "WINWORD.EXE", 300 * MB),
         Proc(300, "svchost.exe", 50 * MB), Proc(400, "explorer.exe", 120 * MB), Proc(500, "zalo.exe", 400 * MB),
         Proc(600, "idle", 0)]


def test_pc007_lists_the_top_n_largest_first():
    res = compute_check("PC007", host=FakeHost(processes=PROCS, memory=(8 * GB, 4 * GB)))
    tops = [m.value for m in res.evidence if m.name == "top_process"]
    assert tops == ["chrome.exe 900 MB", "zalo.exe 400 MB", "WINWORD.EXE 300 MB", "explorer.exe 120 MB",
                    "svchost.exe 50 MB"]
    assert res.status is Status.OK and res.summary.params == {"name": "chrome.exe", "mb": 900}
    assert evidence(res)["process_count"] == 7


def test_pc007_top_n_is_a_param():
    res = compute_check("PC007", host=FakeHost(processes=PROCS, memory=(8 * GB, 4 * GB)), top_processes=2)
    assert [m.value for m in res.evidence if m.name == "top_process"] == ["chrome.exe 900 MB", "zalo.exe 400 MB"]


@pytest.mark.parametrize(("total_mb", "status"), [(1800, Status.OK), (1790, Status.WARN)])
def test_pc007_warns_when_one_process_holds_more_than_half(total_mb, status):
    res = compute_check("PC007", host=FakeHost(processes=PROCS, memory=(total_mb * MB, 0)))
    assert res.status is status
    if status is Status.WARN:
        assert res.summary.params["name"] == "chrome.exe" and res.remedy.key == "pc.procs.remedy"


def test_pc007_empty_process_list_is_skipped():
    assert compute_check("PC007", host=FakeHost(processes=[], memory=(GB, GB))).status is Status.SKIP


# --- PC008 time zone -------------------------------------------------------

def test_pc008_vietnam_is_ok():
    res = compute_check("PC008", host=FakeHost(utc_offset_minutes=420, timezone_name="SE Asia Standard Time"))
    assert res.status is Status.OK
    assert evidence(res) == {"utc_offset": "UTC+07:00", "timezone": "SE Asia Standard Time"}


@pytest.mark.parametrize(("minutes", "shown"), [(0, "+00:00"), (480, "+08:00"), (-210, "-03:30"), (330, "+05:30")])
def test_pc008_other_zones_warn_with_the_windows_zone_to_pick(minutes, shown):
    res = compute_check("PC008", host=FakeHost(utc_offset_minutes=minutes, timezone_name="X"), platform="windows")
    assert res.status is Status.WARN and res.summary.params["actual"] == shown
    assert "(UTC+07:00) Bangkok, Hanoi, Jakarta" in render(res.remedy, "en")
    assert "(UTC+07:00) Bangkok, Hanoi, Jakarta" in render(res.remedy, "vi")
    on_linux = compute_check("PC008", host=FakeHost(utc_offset_minutes=minutes, timezone_name="X"), platform="linux")
    assert "timedatectl set-timezone Asia/Ho_Chi_Minh" in render(on_linux.remedy, "vi")


def test_pc008_expected_offset_is_a_param():
    host = FakeHost(utc_offset_minutes=330, timezone_name="India Standard Time")
    assert compute_check("PC008", host=host, expected_utc_offset="+05:30").status is Status.OK
    res = compute_check("PC008", host=host, expected_utc_offset="+07:00")
    assert res.remedy.params == {"expected": "+07:00"}


# --- parameters in profiles --------------------------------------------------

def _profile(tmp_path, params: str):
    path = tmp_path / "p.yaml"
    path.write_text("version: 1\nid: t\ntitle: {vi: T, en: T}\nselect: {tags: [pc]}\nparams:\n" + params,
                    encoding="utf-8")
    return load_profile(path)


def test_profile_can_set_pc_params(tmp_path):
    profile = _profile(tmp_path, '  expected_utc_offset: "+05:30"\n  ntp_servers: [127.0.0.1:1230, "[::1]:123"]\n'
                                 '  time_http_url: ""\n  disk_free_warn_gb: 10\n')
    assert profile.params["expected_utc_offset"] == "+05:30"
    assert profile.params["ntp_servers"] == ["127.0.0.1:1230", "[::1]:123"]
    assert profile.params["time_http_url"] == "" and profile.params["clock_drift_warn_s"] == 60


@pytest.mark.parametrize("line", ['expected_utc_offset: "7"', 'expected_utc_offset: "+7:00"',
                                  "ntp_servers: pool.ntp.org", 'ntp_servers: ["a b"]', "time_http_url: ftp://x",
                                  "cpu_load_warn_pct: 150", "top_processes: 2.5", "ntp_timeout_s: 0"])
def test_profile_rejects_bad_pc_params(tmp_path, line):
    with pytest.raises(ProfileError):
        _profile(tmp_path, "  " + line + "\n")
