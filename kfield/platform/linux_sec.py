"""Linux answers for security checks: firewall state and the last package update."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
from pathlib import Path

from kfield.core.errors import CommandFailed
from kfield.platform import command
from kfield.platform.base import Firewall, NotSupported

_APT_START = re.compile(r"^Start-Date:\s*(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2})")
_APT_ACTION = re.compile(r"^(Upgrade|Install):")


def parse_ufw_conf(text: str) -> bool | None:
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "ENABLED":
            return value.strip().strip('"').lower() == "yes"
    return None


def parse_apt_history(text: str) -> dt.datetime | None:
    """The newest Start-Date of an entry that installed or upgraded packages."""
    newest, current = None, None
    for line in text.splitlines():
        start = _APT_START.match(line)
        if start:
            current = dt.datetime.fromisoformat(f"{start[1]}T{start[2]}")
        elif current and _APT_ACTION.match(line):
            newest = max(newest or current, current)
    return newest


def nft_has_rules(text: str) -> bool:
    return any(line.strip().startswith(("chain ", "table ")) for line in text.splitlines()) and "hook" in text


def iptables_has_rules(text: str) -> bool:
    lines = [l for l in text.splitlines() if l.strip()]
    return any(l.startswith("-A ") for l in lines) or any(l.startswith("-P ") and not l.endswith("ACCEPT") for l in lines)


def read_apt_history(root: Path) -> dt.datetime | None:
    newest = None
    for path in sorted((root / "var/log/apt").glob("history.log*")):
        try:
            raw = path.read_bytes()
            text = gzip.decompress(raw).decode("utf-8", "replace") if path.suffix == ".gz" else raw.decode("utf-8", "replace")
        except (OSError, EOFError, gzip.BadGzipFile):
            continue  # a damaged rotated log does not hide the others
        found = parse_apt_history(text)
        newest = max(filter(None, (newest, found)), default=None)
    return newest


class LinuxSecMixin:
    root: Path
    run = staticmethod(command.run)

    def firewall(self) -> Firewall:
        for probe in (self._ufw, self._firewalld, self._kernel_rules):
            state = probe()
            if state is not None:
                return state
        raise NotSupported("sec.fw.no_tool")

    def _ufw(self) -> Firewall | None:
        try:
            enabled = parse_ufw_conf((self.root / "etc/ufw/ufw.conf").read_text())
        except OSError:
            return None
        return None if enabled is None else Firewall(enabled, "ufw")

    def _firewalld(self) -> Firewall | None:
        try:
            out = self.run(["firewall-cmd", "--state"], timeout=10, ok_codes=(0, 252))
        except (NotSupported, CommandFailed):
            return None
        if not out.strip():          # a silent firewall-cmd said nothing: not "off"
            return None
        return Firewall(out.strip() == "running", "firewalld")

    def _kernel_rules(self) -> Firewall | None:
        if os.geteuid() != 0:
            raise NotSupported("sec.fw.needs_admin")
        for argv, has_rules in ((["nft", "list", "ruleset"], nft_has_rules), (["iptables", "-S"], iptables_has_rules)):
            try:
                return Firewall(has_rules(self.run(argv, timeout=10)), argv[0])
            except (NotSupported, CommandFailed):
                continue
        return None

    def last_update(self) -> dt.datetime | None:
        found = read_apt_history(self.root)
        if found is None and not (self.root / "var/log/apt").is_dir():
            raise NotSupported("sec.update.no_source")
        return found
