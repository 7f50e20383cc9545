"""Linux answers for the LAN checks: /proc routes, resolv.conf, DHCP lease files,
the kernel neighbour table and `iw` for Wi-Fi. Parsers are pure functions."""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
import socket
from pathlib import Path

from kfield.core.errors import CommandFailed
from kfield.platform import command
from kfield.platform.base import AddressOrigin, Lease, NotSupported, Neighbour, Route, Wifi
from kfield.platform.win32.wlan import ssid_text

RTF_GATEWAY = 0x2
_LEASE_BLOCK = re.compile(r"lease\s*\{(.*?)\}", re.S)
_IW_SSID = re.compile(r"^\s*SSID:\s*(.*)$", re.M)
_IW_SIGNAL = re.compile(r"^\s*signal:\s*(-?\d+)\s*dBm", re.M)
_IW_RATE = re.compile(r"^\s*tx bitrate:\s*([\d.]+)\s*MBit/s", re.M)
_IW_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})")
STUB_RESOLVERS = ("127.0.0.53", "127.0.0.54")
FOREVER = 0xFFFFFFFF
DHCP_CLIENTS = ("dhclient", "dhcpcd", "udhcpc", "dhcpd-client")


def hex_ip(little_endian_hex: str) -> str:
    return socket.inet_ntoa(int(little_endian_hex, 16).to_bytes(4, "little"))


def parse_proc_route(text: str) -> Route | None:
    """The default route with the lowest metric from /proc/net/route."""
    best: tuple[int, Route] | None = None
    for line in text.splitlines()[1:]:
        f = line.split()
        if len(f) < 8 or f[1] != "00000000" or f[7] != "00000000":
            continue
        gateway = hex_ip(f[2]) if int(f[3], 16) & RTF_GATEWAY else ""
        candidate = (int(f[6]), Route(f[0], gateway))
        if best is None or candidate[0] < best[0]:
            best = candidate
    return best[1] if best else None


def parse_resolv_conf(text: str) -> list[str]:
    servers = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if len(fields) >= 2 and fields[0] == "nameserver":
            servers.append(fields[1])
    return servers


def parse_dhclient_leases(text: str, interface: str, address: str = "") -> Lease | None:
    """The lease for ``interface`` (and ``address`` when given) that expires last."""
    leases = [_dhclient_block(b) for b in _LEASE_BLOCK.findall(text)]
    mine = [x for x in leases if x.interface == interface and (not address or x.address == address)]
    epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return max(mine, key=lambda x: x.expires or epoch, default=None)


def _dhclient_block(body: str) -> Lease:
    fields: dict[str, str] = {}
    for statement in body.split(";"):
        words = statement.split()
        if words[:2] == ["option", "dhcp-server-identifier"] and len(words) > 2:
            fields["server"] = words[2]
        elif words and words[0] in ("interface", "fixed-address", "expire", "renew"):
            fields[words[0]] = " ".join(words[1:]).strip('"')
    return Lease(fields.get("interface", ""), fields.get("fixed-address", ""), fields.get("server", ""),
                 _dhclient_time(fields.get("expire", "")))


def _dhclient_time(value: str) -> dt.datetime | None:
    """dhclient writes "4 2026/11/24 17:00:00" (weekday, UTC) or "never"."""
    parts = value.split()
    if len(parts) != 3:
        return None
    try:
        return dt.datetime.strptime(f"{parts[1]} {parts[2]}", "%Y/%m/%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def parse_networkd_lease(text: str, interface: str, written: dt.datetime | None = None) -> Lease | None:
    """systemd-networkd and NetworkManager's internal client: KEY=VALUE lines."""
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))
    if "ADDRESS" not in fields:
        return None
    expires = None
    if written and fields.get("LIFETIME", "").isdigit():
        expires = written + dt.timedelta(seconds=int(fields["LIFETIME"]))
    return Lease(interface, fields["ADDRESS"], fields.get("SERVER_ADDRESS", ""), expires, written)


def parse_ip_addr_origin(text: str, interface: str, address: str) -> AddressOrigin | None:
    """`ip -j -4 addr show dev IF`: the kernel flags an address ``dynamic`` when the program that
    set it gave it a lifetime, as DHCP clients (NetworkManager, systemd-networkd, dhcpcd) do. No
    flag is not "static": a dhclient script may add the address without one."""
    for entry in json.loads(text or "[]"):
        for info in entry.get("addr_info", []):
            if entry.get("ifname") == interface and info.get("local") == address and info.get("dynamic"):
                valid = info.get("valid_life_time")
                return AddressOrigin("dhcp", "ip", valid if isinstance(valid, int) and valid < FOREVER else None)
    return None


def parse_ifupdown(text: str, interface: str) -> AddressOrigin | None:
    """/etc/network/interfaces: ``iface IF inet static`` or ``inet dhcp`` (Debian's ifupdown)."""
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words[:2] == ["iface", interface] and len(words) >= 4 and words[2] == "inet":
            if words[3] in ("static", "dhcp"):
                return AddressOrigin(words[3], "ifupdown")
    return None


def dhcp_client_of(argv: list[str], interface: str) -> tuple[str, str] | None:
    """(program, lease file named with -lf or "") when ``argv`` is a DHCP client serving ``interface``."""
    if not argv or Path(argv[0]).name not in DHCP_CLIENTS or interface not in argv[1:]:
        return None
    lease = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "-lf"), "")
    return Path(argv[0]).name, lease


def parse_ip_neigh_json(text: str) -> list[Neighbour]:
    """`ip -j neigh show` output."""
    out = []
    for entry in json.loads(text or "[]"):
        if ":" in entry.get("dst", ""):
            continue  # IPv6
        state = ",".join(entry.get("state", []))
        out.append(Neighbour(entry["dst"], entry.get("lladdr", "").lower(), state, entry.get("dev", "")))
    return out


def parse_proc_arp(text: str) -> list[Neighbour]:
    """/proc/net/arp: flags 0x2 = complete; 0x0 = incomplete."""
    out = []
    for line in text.splitlines()[1:]:
        f = line.split()
        if len(f) >= 6:
            complete = int(f[2], 16) & 0x2
            mac = f[3].lower() if complete and f[3] != "00:00:00:00:00:00" else ""
            out.append(Neighbour(f[0], mac, "REACHABLE" if mac else "INCOMPLETE", f[5]))
    return out


def parse_iw_link(text: str, interface: str) -> Wifi | None:
    if "Not connected" in text or not _IW_SSID.search(text):
        return None
    signal = _IW_SIGNAL.search(text)
    rate = _IW_RATE.search(text)
    dbm = int(signal[1]) if signal else None
    return Wifi(interface, iw_ssid(_IW_SSID.search(text)[1].rstrip("\r")), dbm, dbm_to_percent(dbm),
                float(rate[1]) if rate else None)


def iw_ssid(printed: str) -> str:
    """The SSID `iw` printed, as its real name: iw writes every byte that is not printable ASCII
    (and a backslash, and a space at either end) as ``\\xNN``, so "Phòng Tư pháp" arrives as
    ``Ph\\xc3\\xb2ng T\\xc6\\xb0 ph\\xc3\\xa1p``. The bytes are put back and read as UTF-8; what is not
    UTF-8 (a name cut at 32 octets mid-character) stays shown as ``\\xNN``, never as raw bytes."""
    raw = bytearray()
    pos = 0
    for escape in _IW_ESCAPE.finditer(printed):
        raw += printed[pos:escape.start()].encode("utf-8", "surrogateescape")
        raw.append(int(escape[1], 16))
        pos = escape.end()
    raw += printed[pos:].encode("utf-8", "surrogateescape")
    return ssid_text(bytes(raw))


# IN-USE is "*" or blank in every language, where ACTIVE is translated ("yes", "oui", "tak", "sì").
NMCLI_FIELDS = ("IN-USE", "SSID", "SIGNAL", "RATE")


def parse_nmcli_wifi(text: str, interface: str, fields: tuple[str, ...] = NMCLI_FIELDS) -> Wifi | None:
    """`nmcli -t -f IN-USE,SSID,SIGNAL,RATE dev wifi list ifname IF`: the line marked "*" in use."""
    col = {name: i for i, name in enumerate(fields)}
    for line in text.splitlines():
        values = [v.replace("\\:", ":").replace("\\\\", "\\") for v in re.split(r"(?<!\\):", line)]
        if len(values) == len(fields) and values[col["IN-USE"]].strip() == "*":
            return _nmcli_wifi(interface, values[col["SSID"]], values[col["SIGNAL"]], values[col["RATE"]])
    return None


def _nmcli_wifi(interface: str, ssid: str, signal: str, rate: str) -> Wifi:
    percent = int(signal) if signal.isdigit() else None
    dbm = percent // 2 - 100 if percent is not None else None
    number = re.match(r"(\d+(?:[.,]\d+)?)", rate)
    return Wifi(interface, ssid, dbm, percent, float(number[1].replace(",", ".")) if number else None)


def dbm_to_percent(dbm: int | None) -> int | None:
    """The linear mapping Windows and NetworkManager use: -100 dBm → 0 %, -50 dBm → 100 %."""
    if dbm is None:
        return None
    return max(0, min(100, 2 * (dbm + 100)))


class LinuxNetMixin:
    lease_globs = ("/var/lib/dhcp/dhclient*.leases", "/var/lib/dhclient/*.lease*",
                   "/var/lib/NetworkManager/*.lease", "/run/systemd/netif/leases/*")

    def default_route(self) -> Route | None:
        try:
            return parse_proc_route(Path("/proc/net/route").read_text())
        except OSError:
            raise NotSupported("platform.not_here") from None

    def dns_servers(self) -> list[str]:
        servers = _read_servers("/etc/resolv.conf")
        if servers and all(s in STUB_RESOLVERS for s in servers):
            upstream = _read_servers("/run/systemd/resolve/resolv.conf")
            return upstream or servers
        return servers

    def dhcp_lease(self, interface: str, address: str = "") -> Lease | None:
        found = [lease for path in self._lease_files(interface) if (lease := _lease_from(path, interface, address))]
        epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
        return max(found, key=lambda x: x.expires or epoch, default=None)

    def _lease_files(self, interface: str = "") -> list[str]:
        """The usual places, and wherever a running dhclient for ``interface`` was told to keep it."""
        named = [lease for _, lease in _dhcp_clients(interface) if lease] if interface else []
        return sorted({p for pattern in self.lease_globs for p in glob.glob(pattern)} | set(named))

    def address_origin(self, interface: str, address: str) -> AddressOrigin | None:
        """The kernel's ``dynamic`` flag, a DHCP client running for the interface in this network
        namespace, else ifupdown's configuration; None when none of them says."""
        try:
            found = parse_ip_addr_origin(command.run(["ip", "-j", "-4", "addr", "show", "dev", interface], timeout=5),
                                         interface, address)
        except (NotSupported, CommandFailed, ValueError):
            found = None
        if found is None and (clients := _dhcp_clients(interface)):
            found = AddressOrigin("dhcp", clients[0][0])
        return found or _ifupdown(interface)

    def neighbours(self) -> list[Neighbour]:
        try:
            return parse_ip_neigh_json(command.run(["ip", "-j", "-4", "neigh", "show"], timeout=5))
        except (NotSupported, CommandFailed, ValueError):
            return parse_proc_arp(Path("/proc/net/arp").read_text())

    def is_wireless(self, name: str) -> bool:
        return Path(f"/sys/class/net/{name}/wireless").exists() or Path(f"/sys/class/net/{name}/phy80211").exists()

    def wifi(self, interface: str) -> Wifi | None:
        """`iw` where installed, else NetworkManager's `nmcli` (desktop distributions have one of them)."""
        try:
            return parse_iw_link(command.run(["iw", "dev", interface, "link"], timeout=5), interface)
        except NotSupported:
            argv = ["nmcli", "-t", "-f", ",".join(NMCLI_FIELDS), "dev", "wifi", "list", "ifname", interface,
                    "--rescan", "no"]
            return parse_nmcli_wifi(command.run(argv, timeout=10, env={"LC_ALL": "C"}), interface)


def _dhcp_clients(interface: str) -> list[tuple[str, str]]:
    """DHCP clients serving ``interface`` in this PC's network namespace (/proc command lines); a
    process whose namespace cannot be read (another user's, without rights) is left out."""
    try:
        own = os.readlink("/proc/self/ns/net")
    except OSError:
        return []
    found = []
    for proc in glob.glob("/proc/[0-9]*"):
        try:
            argv = Path(proc, "cmdline").read_bytes().decode("utf-8", "replace").split("\0")[:-1]
            client = dhcp_client_of(argv, interface)
            if client and os.readlink(f"{proc}/ns/net") == own:
                found.append(client)
        except OSError:
            continue
    return found


def _ifupdown(interface: str) -> AddressOrigin | None:
    try:
        return parse_ifupdown(Path("/etc/network/interfaces").read_text(errors="replace"), interface)
    except OSError:
        return None


def _read_servers(path: str) -> list[str]:
    try:
        return parse_resolv_conf(Path(path).read_text())
    except OSError:
        return []


def _lease_from(path: str, interface: str, address: str) -> Lease | None:
    try:
        text = Path(path).read_text(errors="replace")
        written = dt.datetime.fromtimestamp(Path(path).stat().st_mtime, dt.timezone.utc)
    except OSError:
        return None
    if "lease {" in text or "lease{" in text:
        return parse_dhclient_leases(text, interface, address)
    if "/run/systemd/netif/leases/" in path and Path(path).name != str(_ifindex(interface)):
        return None
    if "NetworkManager" in path and not path.endswith(f"-{interface}.lease"):
        return None
    lease = parse_networkd_lease(text, interface, written)
    return lease if lease and (not address or lease.address == address) else None


def _ifindex(interface: str) -> int:
    try:
        return socket.if_nametoindex(interface)
    except OSError:
        return -1
