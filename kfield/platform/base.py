"""The Host interface: facts about this computer, with the parts psutil makes portable.

Host only reads (OS facts); sending things on the network is kfield.net.actions.NetActions, and
kfield.machine joins the two for the checks. kfield.platform never imports kfield.net.

OS-specific methods raise NotSupported in this base class; LinuxHost and WindowsHost
override what their OS can answer. A check turns NotSupported into a skip whose
reason is the NotSupported message (e.g. "Windows only"); SourceUnavailable (a NotSupported)
is "could not check": the source was asked and gave no answer.
"""

from __future__ import annotations

import datetime as dt
import platform
import socket
import time
from dataclasses import dataclass

from kfield.core.errors import NotSupported, SourceUnavailable  # noqa: F401  (re-exported for adapters and checks)


def _psutil():
    """psutil, or NotSupported (a skip with the reason) when its compiled part does not load,
    e.g. a USB zipapp made on another OS or Python: the other checks still run."""
    try:
        import psutil
    except ImportError as exc:
        raise NotSupported("platform.no_psutil", reason=str(exc)) from None
    return psutil


@dataclass(frozen=True)
class OsInfo:
    family: str          # "windows", "linux", "macos"
    name: str            # "Windows 10 Pro", "Debian GNU/Linux 12 (bookworm)"
    version: str         # "10", "11", "12"
    build: str           # "19045", kernel release on Linux
    key: str             # lookup key for end-of-support dates: "windows-10", "debian-12"


@dataclass(frozen=True)
class Battery:
    percent: float
    plugged: bool | None
    secs_left: int | None


@dataclass(frozen=True)
class Disk:
    mount: str
    total_bytes: int
    free_bytes: int


@dataclass(frozen=True)
class Proc:
    pid: int
    name: str
    rss_bytes: int


@dataclass(frozen=True)
class UsbDevice:
    vendor_id: str       # 4 lower-case hex digits
    product_id: str
    name: str = ""


@dataclass(frozen=True)
class Certificate:
    subject: str
    issuer: str
    not_after: dt.datetime
    has_private_key: bool
    thumbprint: str = ""
    der: bytes = b""     # the certificate itself, where the source gives it (OCSP needs it)


@dataclass(frozen=True)
class LnaPolicy:
    """A Chrome/Edge browser's Local Network Access policies as set (group policy, managed JSON)."""

    allowed: tuple[str, ...] = ()       # LocalNetworkAccessAllowedForUrls (142+)
    loopback: tuple[str, ...] = ()      # LoopbackNetworkAllowedForUrls (146+)
    opt_out: bool | None = None         # LocalNetworkAccessRestrictionsTemporaryOptOut; None = not set


@dataclass(frozen=True)
class Browser:
    name: str            # "chrome", "edge", "firefox", "coccoc", "chromium"
    version: str
    path: str = ""


@dataclass(frozen=True)
class Firewall:
    enabled: bool
    detail: str          # e.g. "ufw", "firewalld", "nftables", "Windows"
    profiles: tuple[tuple[str, bool], ...] = ()   # Windows: (("Domain", True), ("Public", False), …)


@dataclass(frozen=True)
class Antivirus:
    name: str
    enabled: bool
    signature_updated: dt.datetime | None
    up_to_date: bool | None = None   # what Windows Security Center says, when it says it


@dataclass(frozen=True)
class Interface:
    name: str
    up: bool                      # administratively up with a carrier (psutil isup)
    speed_mbps: int               # 0 when the driver does not say
    mtu: int
    mac: str                      # lower-case aa:bb:cc:dd:ee:ff, "" when none
    ipv4: tuple[tuple[str, int], ...] = ()   # (address, prefix length)
    wireless: bool = False
    loopback: bool = False


@dataclass(frozen=True)
class Route:
    interface: str
    gateway: str                  # "" for an on-link default route


@dataclass(frozen=True)
class Lease:
    interface: str
    address: str
    server: str                   # the DHCP server identifier
    expires: dt.datetime | None
    obtained: dt.datetime | None = None


@dataclass(frozen=True)
class AddressOrigin:
    """Where an address came from, as told by a source that knows (never inferred from an absence)."""

    kind: str                     # "dhcp" or "static"
    source: str                   # what said so: "ip" (the kernel's dynamic flag), "dhclient", "ifupdown", "iphlpapi"
    valid_s: int | None = None    # seconds the address stays valid, when the source says


@dataclass(frozen=True)
class Neighbour:
    ip: str
    mac: str                      # lower-case, colon-separated; "" while unresolved
    state: str = ""               # REACHABLE, STALE, FAILED, dynamic, static …
    interface: str = ""


@dataclass(frozen=True)
class Wifi:
    interface: str
    ssid: str
    signal_dbm: int | None
    signal_percent: int | None
    rate_mbps: float | None = None


@dataclass(frozen=True)
class Proxy:
    source: str                   # "env:HTTPS_PROXY", "winhttp", "wininet", "wininet:pac"
    server: str                   # "host:port", or a PAC URL


class Host:
    """Portable answers via psutil and the standard library."""

    family = "unknown"

    # --- portable ---------------------------------------------------------
    def os_info(self) -> OsInfo:
        system = platform.system()
        return OsInfo(system.lower(), f"{system} {platform.release()}", platform.release(),
                      platform.version(), f"{system.lower()}-{platform.release()}")

    def display_language(self) -> str | None:
        """The language the OS shows its menus in, as a tag ("vi-VN", "en-US"); None when unknown.
        Remedies name Windows menus by it (kfield.core.i18n's {menu[...]}); only Windows answers."""
        return None

    def cpu_percent(self, interval: float = 1.0) -> float:
        psutil = _psutil()

        return psutil.cpu_percent(interval=interval)

    def cpu_count(self) -> int:
        psutil = _psutil()

        return psutil.cpu_count() or 1

    def memory(self) -> tuple[int, int]:
        """(total bytes, available bytes)."""
        psutil = _psutil()

        vm = psutil.virtual_memory()
        return vm.total, vm.available

    def system_disk(self) -> Disk:
        psutil = _psutil()

        mount = self.system_mount()
        usage = psutil.disk_usage(mount)
        return Disk(mount, usage.total, usage.free)

    def system_mount(self) -> str:
        return "/"

    def battery(self) -> Battery | None:
        psutil = _psutil()

        try:
            info = psutil.sensors_battery()
        except (AttributeError, NotImplementedError, OSError):
            return None
        if info is None:
            return None
        left = info.secsleft if isinstance(info.secsleft, int) and info.secsleft >= 0 else None
        return Battery(float(info.percent), info.power_plugged, left)

    def boot_time(self) -> float:
        psutil = _psutil()

        return psutil.boot_time()

    def now(self) -> float:
        return time.time()

    def utc_offset_minutes(self) -> int:
        return int(time.localtime().tm_gmtoff // 60)

    def timezone_name(self) -> str:
        return time.strftime("%Z")

    def processes(self) -> list[Proc]:
        psutil = _psutil()

        out = []
        for p in psutil.process_iter(["pid", "name", "memory_info"]):
            mem = p.info.get("memory_info")
            out.append(Proc(p.info["pid"], p.info.get("name") or "", mem.rss if mem else 0))
        return out

    def port_listening(self, port: int, host: str = "127.0.0.1", timeout: float = 1.0) -> bool:
        """Whether something accepts TCP on a loopback port (no privileges needed)."""
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return True
        except OSError:
            return False

    def interfaces(self) -> list[Interface]:
        psutil = _psutil()

        stats, addrs = psutil.net_if_stats(), psutil.net_if_addrs()
        return [self._interface(name, stats[name], addrs.get(name, [])) for name in sorted(stats)]

    def _interface(self, name: str, stat, addrs) -> Interface:
        psutil = _psutil()

        mac = next((a.address for a in addrs if a.family == psutil.AF_LINK), "")
        ipv4 = tuple((a.address, _prefix(a.netmask)) for a in addrs if a.family == socket.AF_INET)
        loopback = name == "lo" or any(ip.startswith("127.") for ip, _ in ipv4)
        return Interface(name, bool(stat.isup), int(stat.speed or 0), int(stat.mtu or 0),
                         mac.lower().replace("-", ":"), ipv4, self.is_wireless(name), loopback)

    def proxies(self) -> list[Proxy]:
        """Proxies from the environment; WindowsHost adds WinHTTP and WinINet."""
        import os

        found = []
        for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            value = os.environ.get(name, "").strip()
            source = f"env:{name.upper()}"   # each variable kept: http_proxy serves http://, https_proxy https://
            if value and all(p.source != source for p in found):
                found.append(Proxy(source, value))
        return found

    def is_wireless(self, name: str) -> bool:
        return any(word in name.lower() for word in ("wi-fi", "wifi", "wireless", "wlan"))

    # --- OS-specific: overridden by LinuxHost / WindowsHost ----------------
    def default_route(self) -> Route | None:
        raise NotSupported("platform.not_here")

    def dns_servers(self) -> list[str]:
        raise NotSupported("platform.not_here")

    def dhcp_lease(self, interface: str) -> Lease | None:
        raise NotSupported("platform.not_here")

    def address_origin(self, interface: str, address: str) -> AddressOrigin | None:
        """DHCP or set by hand, from a source that knows; None when no source says."""
        raise NotSupported("platform.not_here")

    def neighbours(self) -> list[Neighbour]:
        raise NotSupported("platform.not_here")

    def wifi(self, interface: str) -> Wifi | None:
        raise NotSupported("platform.not_here")

    def usb_devices(self) -> list[UsbDevice]:
        raise NotSupported("platform.not_here")

    def user_certificates(self) -> list[Certificate]:
        raise NotSupported("platform.windows_only")

    def browsers(self) -> list[Browser]:
        raise NotSupported("platform.not_here")

    def lna_policies(self) -> dict[str, LnaPolicy]:
        """Browser ("chrome", "edge", "chromium") → its Local Network Access policies, where any is set."""
        raise NotSupported("platform.not_here")

    def pkcs11_modules(self, names: list[str]) -> list[str]:
        """The token middleware's PKCS#11 libraries found installed (paths), by file name patterns."""
        raise NotSupported("platform.windows_only")

    def firewall(self) -> Firewall:
        raise NotSupported("platform.not_here")

    def antivirus(self) -> list[Antivirus]:
        raise NotSupported("platform.windows_only")

    def last_update(self) -> dt.datetime | None:
        raise NotSupported("platform.not_here")


def _prefix(netmask: str | None) -> int:
    if not netmask:
        return 32
    try:
        return bin(int.from_bytes(socket.inet_aton(netmask), "big")).count("1")
    except OSError:
        return 32
