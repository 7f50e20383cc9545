"""Computer checks (PC): operating system, load, memory, disk, battery, clock."""

from __future__ import annotations

import datetime as dt
import ipaddress
import threading
import time
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

from kfield.core.registry import check, param
from kfield.core.result import Message, fail, measure, ok, skip, warn
from kfield.core.schema import Date, List, Map, Num, Str
from kfield.platform.base import Host

param("os_end_of_support", Map(values=Date(), key_pattern=r"[a-z0-9.-]+",
                                doc="OS key (windows-10, debian-12…) → end-of-support date"), {
    "windows-7": dt.date(2020, 1, 14),
    "windows-8.1": dt.date(2023, 1, 10),
    "windows-10": dt.date(2025, 10, 14),
    "windows-11": dt.date(2031, 10, 14),
})
param("os_eos_warn_days", Num(integer=True, minimum=0, maximum=3650), 180)


# the advice fits the version: Windows 10 after October 2025 has ESU or Windows 11, not "upgrade to 10/11"
OS_REMEDY = {"windows-10": "pc.os.remedy.windows10", "windows-11": "pc.os.remedy.windows11"}


@check("PC001", tags=("quick", "usb", "os"), timeout=5)
def os_support(host: Host, os_end_of_support: dict, os_eos_warn_days: int, today=None):
    """Operating system and whether its vendor still ships security fixes."""
    info = host.os_info()
    evidence = (measure("os", info.name), measure("os_build", info.build))
    ends = os_end_of_support.get(info.key)
    if ends is None:
        return ok("pc.os.unknown_eos", evidence=evidence, os=info.name)
    days = (ends - (today or dt.date.today())).days
    evidence += (measure("eos_date", ends.isoformat()), measure("eos_days", days, "days"))
    remedy = OS_REMEDY.get(info.key, "pc.os.remedy")
    if days < 0:
        return fail("pc.os.unsupported", evidence=evidence, remedy=remedy, os=info.name, date=ends.isoformat())
    if days <= os_eos_warn_days:
        return warn("pc.os.ending", evidence=evidence, remedy=remedy, os=info.name, days=days)
    return ok("pc.os.supported", evidence=evidence, os=info.name, date=ends.isoformat())


# --- load, memory, disk, battery, uptime, processes, time zone ---------------

# Windows (Explorer, Task Manager) counts 1 GB as 1024³ bytes; we match what students see.
GB = 1024 ** 3
MB = 1024 ** 2

param("cpu_load_warn_pct", Num(minimum=1, maximum=100), 90)
param("mem_available_warn_pct", Num(minimum=0, maximum=100), 10)
param("mem_available_fail_pct", Num(minimum=0, maximum=100), 3)
param("disk_free_warn_gb", Num(minimum=0, maximum=10000), 5.0)
param("disk_free_fail_gb", Num(minimum=0, maximum=10000), 1.0)
param("battery_warn_pct", Num(minimum=0, maximum=100), 20)
param("uptime_warn_days", Num(minimum=1, maximum=365), 14)
param("top_processes", Num(integer=True, minimum=1, maximum=50), 5)
param("top_process_warn_pct", Num(minimum=1, maximum=100), 50)
param("expected_utc_offset", Str(pattern=r"[+-](0\d|1[0-4]):[0-5]\d", doc="e.g. +07:00 for Vietnam"), "+07:00")


@check("PC002", tags=("quick", "usb", "performance"), timeout=5)
def cpu_load(host: Host, cpu_load_warn_pct: float):
    """CPU load sampled over one second."""
    percent = round(host.cpu_percent(interval=1.0), 1)
    evidence = (measure("cpu_percent", percent, "%"), measure("cpu_count", host.cpu_count()))
    if percent > cpu_load_warn_pct:
        return warn("pc.cpu.busy", evidence=evidence, remedy="pc.cpu.remedy", percent=percent)
    return ok("pc.cpu.ok", evidence=evidence, percent=percent)


@check("PC003", tags=("quick", "usb", "performance"), timeout=5)
def memory(host: Host, mem_available_warn_pct: float, mem_available_fail_pct: float):
    """Physical memory still available to programs."""
    total, available = host.memory()
    percent = round(100.0 * available / total, 1) if total else 0.0
    evidence = (measure("mem_total", round(total / GB, 1), "GB"),
                measure("mem_available", round(available / GB, 1), "GB"),
                measure("mem_available_pct", percent, "%"))
    if percent < mem_available_fail_pct:
        return fail("pc.mem.exhausted", evidence=evidence, remedy="pc.mem.remedy", percent=percent)
    if percent < mem_available_warn_pct:
        return warn("pc.mem.low", evidence=evidence, remedy="pc.mem.remedy", percent=percent)
    return ok("pc.mem.ok", evidence=evidence, percent=percent)


@check("PC004", tags=("quick", "usb", "disk"), timeout=5)
def system_disk_space(host: Host, disk_free_warn_gb: float, disk_free_fail_gb: float):
    """Free space on the drive the operating system runs from."""
    disk = host.system_disk()
    free_gb = round(disk.free_bytes / GB, 1)
    percent = round(100.0 * disk.free_bytes / disk.total_bytes, 1) if disk.total_bytes else 0.0
    evidence = (measure("mount", disk.mount), measure("disk_free", free_gb, "GB"),
                measure("disk_free_pct", percent, "%"), measure("disk_total", round(disk.total_bytes / GB, 1), "GB"))
    facts = {"mount": disk.mount, "free": free_gb}
    if free_gb < disk_free_fail_gb:
        return fail("pc.disk.full", evidence=evidence, remedy="pc.disk.remedy", **facts)
    if free_gb < disk_free_warn_gb:
        return warn("pc.disk.low", evidence=evidence, remedy="pc.disk.remedy", **facts)
    return ok("pc.disk.ok", evidence=evidence, **facts)


@check("PC005", tags=("quick", "usb", "power"), timeout=5)
def battery(host: Host, battery_warn_pct: float):
    """Battery charge of a laptop; desktops have none and are skipped."""
    info = host.battery()
    if info is None:
        return skip("pc.battery.none")
    percent = round(info.percent)
    evidence = (measure("battery_percent", percent, "%"), measure("battery_plugged", info.plugged))
    if info.secs_left is not None:
        evidence += (measure("battery_minutes_left", info.secs_left // 60, "min"),)
    if info.plugged:
        return ok("pc.battery.plugged", evidence=evidence, percent=percent)
    # plugged None means Windows could not tell: treat it as running on battery
    if percent < battery_warn_pct:
        return warn("pc.battery.low", evidence=evidence, remedy="pc.battery.remedy", percent=percent)
    return ok("pc.battery.on_battery", evidence=evidence, percent=percent)


@check("PC006", tags=("quick", "usb", "updates"), timeout=5)
def uptime(host: Host, uptime_warn_days: float):
    """Time since the last restart: long uptimes keep updates pending and memory leaking."""
    booted = host.boot_time()
    days = round((host.now() - booted) / 86400, 1)
    evidence = (measure("uptime_days", days, "days"),
                measure("boot_time", dt.datetime.fromtimestamp(booted, dt.timezone.utc).isoformat(timespec="minutes")))
    if days > uptime_warn_days:
        return warn("pc.uptime.long", evidence=evidence, remedy="pc.uptime.remedy", days=days)
    return ok("pc.uptime.ok", evidence=evidence, days=days)


@check("PC007", tags=("quick", "usb", "performance"), timeout=10)
def top_memory_users(host: Host, top_processes: int, top_process_warn_pct: float):
    """The programs that hold the most memory; one that holds most of it is named."""
    procs = sorted(host.processes(), key=lambda p: p.rss_bytes, reverse=True)
    if not procs:
        return skip("pc.procs.none")
    total, _ = host.memory()
    evidence = tuple(measure("top_process", f"{p.name} {p.rss_bytes / MB:.0f} MB") for p in procs[:top_processes])
    evidence += (measure("process_count", len(procs)),)
    biggest = procs[0]
    percent = round(100.0 * biggest.rss_bytes / total, 1) if total else 0.0
    if percent > top_process_warn_pct:
        return warn("pc.procs.hog", evidence=evidence, remedy="pc.procs.remedy", name=biggest.name, percent=percent)
    return ok("pc.procs.ok", evidence=evidence, name=biggest.name, mb=round(biggest.rss_bytes / MB))


@check("PC008", tags=("quick", "usb", "clock"), timeout=5)
def time_zone(host: Host, expected_utc_offset: str):
    """The time zone: Vietnam is UTC+07:00; a wrong zone shifts every timestamp."""
    actual = format_utc_offset(host.utc_offset_minutes())
    evidence = (measure("utc_offset", f"UTC{actual}"), measure("timezone", host.timezone_name()))
    if actual != expected_utc_offset:
        hint = Message("pc.tz.remedy", {"expected": expected_utc_offset})
        return warn("pc.tz.wrong", evidence=evidence, remedy=hint, actual=actual, expected=expected_utc_offset)
    return ok("pc.tz.ok", evidence=evidence, actual=actual)


def format_utc_offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


# --- clock drift: SNTP first, then the Date header of a web server ----------

# The whole search stays under this so the check (timeout 15 s) ends with a result.
CLOCK_BUDGET_S = 12.0
SERVER_PATTERN = r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?"

param("ntp_servers", List(Str(pattern=SERVER_PATTERN, doc="host or host:port")),
      ["vn.pool.ntp.org", "time.windows.com", "pool.ntp.org"])
param("ntp_timeout_s", Num(minimum=0.1, maximum=10), 2)
param("time_http_url", Str(pattern=r"(https?://\S+)?", doc='"" turns the HTTP fallback off'), "http://ca.gov.vn/tsa")
param("clock_drift_warn_s", Num(minimum=1, maximum=86400), 60)
param("clock_drift_fail_s", Num(minimum=1, maximum=86400 * 366), 300)


@dataclass(frozen=True)
class ClockReading:
    offset: float        # reference time minus this PC's time, in seconds
    source: str          # the server or URL that answered
    method: str          # "sntp" or "http-date"


@check("PC009", tags=("clock", "online"), timeout=15)
def clock_drift(host: Host, ntp_servers: list, time_http_url: str, ntp_timeout_s: float,
                clock_drift_warn_s: float, clock_drift_fail_s: float):
    """The PC clock against an NTP server (or a web server's Date header)."""
    reading = read_clock(ntp_servers, time_http_url, ntp_timeout_s, host.now)
    if reading is None:  # an offline office gets no false alarm
        return skip("pc.clock.no_source")
    shown = round(reading.offset, 1 if reading.method == "sntp" else 0)
    evidence = (measure("clock_offset", shown, "s"), measure("time_source", reading.source),
                measure("time_method", reading.method))
    facts = {"seconds": f"{abs(shown):g}", "source": reading.source}
    key = "pc.clock.slow" if reading.offset > 0 else "pc.clock.fast"
    if abs(reading.offset) > clock_drift_fail_s:
        return fail(key, evidence=evidence, remedy="pc.clock.remedy", **facts)
    if abs(reading.offset) > clock_drift_warn_s:
        return warn(key, evidence=evidence, remedy="pc.clock.remedy", **facts)
    return ok("pc.clock.ok", evidence=evidence, **facts)


def read_clock(servers, http_url: str, timeout: float, now: Callable[[], float]) -> ClockReading | None:
    """The first time source that answers, in order: each NTP server, then the URL."""
    attempts = [(partial(sntp_reading, server, timeout, now), timeout + 1) for server in servers]
    if http_url:
        attempts.append((partial(http_date_reading, http_url, timeout, now), 2 * timeout + 1))
    deadline = time.monotonic() + CLOCK_BUDGET_S
    for attempt, limit in attempts:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        reading = bounded(attempt, min(limit, left))
        if reading is not None:
            return reading
    return None


def bounded(task: Callable[[], Any], seconds: float) -> Any:
    """task() in a daemon thread, abandoned after ``seconds``: name lookups have no timeout of their own."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = task()
        except Exception as exc:  # re-raised below, in the check's own thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="kfield-clock", daemon=True)
    worker.start()
    worker.join(seconds)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def split_server(entry: str) -> tuple[str, int]:
    """``host``, ``host:port`` or ``[v6]:port`` → (host, port); NTP's port is 123."""
    if entry.startswith("["):
        host, _, rest = entry[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else 123
    host, _, port = entry.partition(":")
    return host, int(port) if port else 123


def sntp_reading(server: str, timeout: float, now: Callable[[], float]) -> ClockReading | None:
    import ntplib

    host, port = split_server(server)
    sent = now()
    try:
        stats = ntplib.NTPClient().request(host, version=4, port=port, timeout=timeout)
    except (ntplib.NTPException, OSError, OverflowError):  # OverflowError: a port above 65535
        return None
    received = now()
    if not trustworthy(stats):
        return None
    # the NTP offset: middle of the server's receive/transmit minus middle of ours
    return ClockReading((stats.recv_time + stats.tx_time) / 2 - (sent + received) / 2, server, "sntp")


def trustworthy(stats) -> bool:
    """A server reply that is synchronised: stratum 0 is a kiss-o'-death, leap 3 an unsynchronised clock."""
    return stats.mode == 4 and 1 <= stats.stratum <= 15 and stats.leap != 3 and stats.tx_timestamp > 0


def http_date_reading(url: str, timeout: float, now: Callable[[], float]) -> ClockReading | None:
    for method in ("HEAD", "GET"):
        sent = now()
        stamp = http_date(url, method, timeout)
        if stamp is not None:
            # Date is truncated to the second: the server's time was on average half a second later
            return ClockReading(stamp + 0.5 - (sent + now()) / 2, url, "http-date")
    return None


def http_date(url: str, method: str, timeout: float) -> float | None:
    """The Date header of any answer, error pages and redirects included."""
    import http.client
    import urllib.error
    import urllib.request

    try:
        with http_opener(url).open(urllib.request.Request(url, method=method), timeout=timeout) as answer:
            header = answer.headers.get("Date")
    except urllib.error.HTTPError as exc:
        header = exc.headers.get("Date")
        exc.close()
    except (OSError, http.client.HTTPException, ValueError):
        return None
    return parse_http_date(header)


def parse_http_date(header: str | None) -> float | None:
    from email.utils import parsedate_to_datetime

    if not header:
        return None
    try:
        stamp = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if stamp.tzinfo is None:  # "-0000" means UTC without a claim about the zone
        stamp = stamp.replace(tzinfo=dt.timezone.utc)
    return stamp.timestamp()


def http_opener(url: str):
    """No redirects (the first answer's Date is enough, and https may fail on a wrong clock);
    no proxy for a loopback address, which a proxy could not reach."""
    import urllib.request
    from urllib.parse import urlsplit

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # the 3xx then surfaces as an HTTPError that carries its headers

    handlers: list[Any] = [NoRedirect()]
    if is_loopback(urlsplit(url).hostname or ""):
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"

