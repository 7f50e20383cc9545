import datetime as dt
import gzip

import pytest

from kfield.platform import command
from kfield.platform.base import NotSupported
from kfield.platform.linux import LinuxHost
from kfield.platform.linux_sec import iptables_has_rules, parse_apt_history, parse_ufw_conf, read_apt_history

HISTORY = """
Start-Date: 2026-10-01  08:00:00
Commandline: apt-get update
End-Date: 2026-10-01  08:00:05

Start-Date: 2026-10-20  09:15:00
Commandline: apt-get upgrade
Upgrade: openssl:amd64 (3.0.15-1, 3.0.17-1)
End-Date: 2026-10-20  09:16:00

Start-Date: 2026-11-02  10:00:00
Commandline: apt-get remove foo
Remove: foo:amd64 (1.0)
End-Date: 2026-11-02  10:00:01
"""


def test_apt_history_ignores_entries_that_installed_nothing():
    assert parse_apt_history(HISTORY) == dt.datetime(2026, 10, 20, 9, 15)


def test_apt_history_reads_rotated_and_gzipped_logs(tmp_path):
    logs = tmp_path / "var/log/apt"
    logs.mkdir(parents=True)
    (logs / "history.log").write_text(HISTORY)
    newer = "Start-Date: 2026-11-10  07:00:00\nInstall: x:amd64 (1)\nEnd-Date: 2026-11-10  07:00:01\n"
    (logs / "history.log.1.gz").write_bytes(gzip.compress(newer.encode()))
    (logs / "history.log.2.gz").write_bytes(b"not gzip")
    assert read_apt_history(tmp_path) == dt.datetime(2026, 11, 10, 7, 0)
    assert LinuxHost(tmp_path).last_update() == dt.datetime(2026, 11, 10, 7, 0)


def test_no_apt_logs_is_not_supported(tmp_path):
    with pytest.raises(NotSupported):
        LinuxHost(tmp_path).last_update()


def test_ufw_conf(tmp_path):
    assert parse_ufw_conf('ENABLED=yes\nLOGLEVEL=low\n') is True
    assert parse_ufw_conf('# ENABLED=yes\nENABLED=no\n') is False
    assert parse_ufw_conf('') is None
    (tmp_path / "etc/ufw").mkdir(parents=True)
    (tmp_path / "etc/ufw/ufw.conf").write_text("ENABLED=yes\n")
    state = LinuxHost(tmp_path).firewall()
    assert state.enabled and state.detail == "ufw"


def test_firewalld_state_from_recorded_output(tmp_path):
    host = LinuxHost(tmp_path)
    host.run = lambda argv, **kw: "not running\n" if argv[0] == "firewall-cmd" else ""
    state = host.firewall()
    assert (state.enabled, state.detail) == (False, "firewalld")


def test_silent_firewalld_is_not_off(tmp_path):
    host = LinuxHost(root=tmp_path)
    host.run = lambda argv, **kw: ""
    assert host._firewalld() is None


def test_kernel_rules_as_root_or_needs_admin(tmp_path, monkeypatch):
    host = LinuxHost(tmp_path)

    def fake_run(argv, **kw):
        if argv[0] == "iptables":
            return "-P INPUT DROP\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n"
        raise NotSupported("platform.no_program", program=argv[0])

    host.run = fake_run
    monkeypatch.setattr("os.geteuid", lambda: 0)
    assert host.firewall().enabled is True
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    with pytest.raises(NotSupported) as caught:
        host.firewall()
    assert caught.value.key == "sec.fw.needs_admin"


def test_iptables_rules():
    assert not iptables_has_rules("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n")
    assert iptables_has_rules("-P INPUT ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\n")
