"""WindowsHost.os_info from what Python's platform module reports on Windows."""

import pytest

from kfield.platform.windows import WindowsHost


@pytest.mark.parametrize("win32_ver, edition, expected", [
    (("10", "10.0.19045", "SP0", "Multiprocessor Free"), "Professional", ("Windows 10 Professional", "19045", "windows-10")),
    # Python reports release "10" on Windows 11 too; the build number (22000+) tells them apart.
    (("10", "10.0.26100", "SP0", "Multiprocessor Free"), "Core", ("Windows 11 Core", "26100", "windows-11")),
    (("7", "6.1.7601", "SP1", "Multiprocessor Free"), "", ("Windows 7", "7601", "windows-7")),
])
def test_os_info(monkeypatch, win32_ver, edition, expected):
    monkeypatch.setattr("platform.win32_ver", lambda: win32_ver)
    monkeypatch.setattr("platform.win32_edition", lambda: edition, raising=False)
    info = WindowsHost().os_info()
    assert (info.name, info.build, info.key) == expected


def test_system_drive(monkeypatch):
    monkeypatch.setenv("SystemDrive", "D:")
    assert WindowsHost().system_mount() == "D:\\"
