"""PC009 clock drift against real time sources on loopback: an SNTP responder and an HTTP server.

Every packet stays on 127.0.0.1; the servers listen on ephemeral ports and skew their time.
"""

import email.utils
import http.server
import socket
import struct
import threading
import time

import pytest

from kfield.checks.pc import bounded, parse_http_date, split_server
from kfield.core.i18n import render
from kfield.core.result import Status
from kfield.testing import compute_check
from tests.fakes import FakeHost

NTP_EPOCH = 2208988800  # seconds from 1900-01-01 to 1970-01-01
FAST = {"ntp_timeout_s": 0.3}


def ntp_stamp(seconds: float) -> bytes:
    ntp = seconds + NTP_EPOCH
    return struct.pack("!II", int(ntp), int((ntp % 1) * 2 ** 32))


class SntpResponder:
    """A UDP server answering NTP client requests with its clock moved by ``skew`` seconds."""

    def __init__(self, skew=0.0, stratum=2, leap=0, silent=False):
        self.skew, self.stratum, self.leap, self.silent = skew, stratum, leap, silent
        self.requests = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.address = f"127.0.0.1:{self.sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                data, peer = self.sock.recvfrom(512)
            except socket.timeout:
                continue
            self.requests += 1
            if not self.silent and len(data) >= 48:
                self.sock.sendto(self.reply(data), peer)

    def reply(self, request: bytes) -> bytes:
        version = (request[0] >> 3) & 7
        received = ntp_stamp(time.time() + self.skew)
        header = struct.pack("!BBbbII4s", (self.leap << 6) | (version << 3) | 4, self.stratum, 6, -20, 0, 0, b"LOCL")
        # reference, originate (the client's transmit time echoed back), receive, transmit
        return header + received + request[40:48] + received + ntp_stamp(time.time() + self.skew)

    def close(self):
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def sntp():
    made = []

    def start(**kwargs):
        made.append(SntpResponder(**kwargs))
        return made[-1]

    yield start
    for server in made:
        server.close()


class DateHandler(http.server.BaseHTTPRequestHandler):
    """Answers with a skewed Date header; ``mode`` picks how (see the tests)."""

    skew = 0.0
    mode = "ok"
    seen: list

    def date_time_string(self, timestamp=None):
        return email.utils.formatdate(time.time() + self.skew, usegmt=True)

    def do_HEAD(self):
        self.seen.append("HEAD")
        if self.mode == "no-head":           # no do_HEAD: answer 501, which still carries a Date
            self.send_error(501)
        elif self.mode == "redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.end_headers()
        elif self.mode == "date-on-get-only":
            self.send_response_only(200)
            self.end_headers()
        else:
            self.send_response(200)
            self.end_headers()

    def do_GET(self):
        self.seen.append("GET")
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def date_server():
    made = []

    def start(skew=0.0, mode="ok"):
        handler = type("Handler", (DateHandler,), {"skew": skew, "mode": mode, "seen": []})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        made.append(server)
        server.url = f"http://127.0.0.1:{server.server_address[1]}/tsa"
        server.seen = handler.seen
        return server

    yield start
    for server in made:
        server.shutdown()
        server.server_close()


@pytest.fixture
def closed_url():
    """A loopback port nothing listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"


def evidence(res):
    return {m.name: m.value for m in res.evidence}


def clock(servers, url="", host=None, **params):
    return compute_check("PC009", host=host or FakeHost(), ntp_servers=servers, time_http_url=url,
                         **{**FAST, **params})


# --- SNTP --------------------------------------------------------------------

@pytest.mark.parametrize(("skew", "status", "key"), [
    (120, Status.WARN, "pc.clock.slow"),
    (10, Status.OK, "pc.clock.ok"),
    (-400, Status.FAIL, "pc.clock.fast"),
    (0, Status.OK, "pc.clock.ok"),
])
def test_sntp_offset_sets_the_status(sntp, skew, status, key):
    server = sntp(skew=skew)
    res = clock([server.address])
    assert (res.status, res.summary.key) == (status, key)
    found = evidence(res)
    assert abs(found["clock_offset"] - skew) <= 2
    assert found["time_source"] == server.address and found["time_method"] == "sntp"
    assert (res.remedy is not None) == (status is not Status.OK)


def test_the_local_time_comes_from_the_host(sntp):
    server = sntp(skew=0)
    res = clock([server.address], host=FakeHost(now=lambda: time.time() + 90))
    assert res.status is Status.WARN and res.summary.key == "pc.clock.fast"
    assert abs(evidence(res)["clock_offset"] + 90) <= 2
    assert render(res.summary, "vi").startswith("Đồng hồ máy nhanh 9")


def test_thresholds_are_params(sntp):
    server = sntp(skew=120)
    assert clock([server.address], clock_drift_warn_s=200).status is Status.OK
    assert clock([server.address], clock_drift_fail_s=100).status is Status.FAIL


def test_first_server_that_answers_wins(sntp):
    silent, first, second = sntp(silent=True), sntp(skew=120), sntp(skew=-400)
    res = clock([silent.address, first.address, second.address])
    assert evidence(res)["time_source"] == first.address and res.status is Status.WARN
    assert silent.requests == 1 and second.requests == 0


@pytest.mark.parametrize("bad", [{"stratum": 0}, {"stratum": 16}, {"leap": 3}])
def test_unsynchronised_or_kiss_of_death_replies_are_not_trusted(sntp, bad):
    untrusted, good = sntp(skew=-400, **bad), sntp(skew=10)
    res = clock([untrusted.address, good.address])
    assert untrusted.requests == 1
    assert evidence(res)["time_source"] == good.address and res.status is Status.OK


# --- HTTP Date fallback ------------------------------------------------------

def test_http_date_is_used_when_no_ntp_server_answers(sntp, date_server):
    silent, web = sntp(silent=True), date_server(skew=120)
    res = clock([silent.address], web.url)
    assert res.status is Status.WARN and silent.requests == 1
    found = evidence(res)
    assert found["time_method"] == "http-date" and found["time_source"] == web.url
    assert abs(found["clock_offset"] - 120) <= 2
    assert web.seen == ["HEAD"]


def test_http_error_page_dates_count(date_server):
    web = date_server(skew=-400, mode="no-head")
    res = clock([], web.url)
    assert res.status is Status.FAIL and abs(evidence(res)["clock_offset"] + 400) <= 2


def test_redirects_are_not_followed_their_date_is_enough(date_server):
    web = date_server(skew=10, mode="redirect")
    res = clock([], web.url)
    assert res.status is Status.OK and evidence(res)["time_source"] == web.url
    assert web.seen == ["HEAD"]


def test_get_is_tried_when_head_has_no_date(date_server):
    web = date_server(skew=-120, mode="date-on-get-only")
    res = clock([], web.url)
    assert web.seen == ["HEAD", "GET"]
    assert res.status is Status.WARN and abs(evidence(res)["clock_offset"] + 120) <= 2


# --- nothing answers -----------------------------------------------------------

def test_nothing_answers_is_a_skip_not_an_alarm(sntp, closed_url):
    silent = sntp(silent=True)
    res = clock([silent.address, "127.0.0.1:9"], closed_url)
    assert res.status is Status.SKIP and res.summary.key == "pc.clock.no_source"
    assert render(res.summary, "en") == "No time source reachable (offline?)"
    assert silent.requests == 1


def test_empty_url_turns_the_http_fallback_off(sntp, date_server):
    silent, web = sntp(silent=True), date_server(skew=120)
    assert clock([silent.address], "").status is Status.SKIP
    assert web.seen == []


def test_no_source_configured_is_a_skip():
    assert clock([], "").status is Status.SKIP


# --- helpers -------------------------------------------------------------------

@pytest.mark.parametrize(("entry", "expected"), [
    ("pool.ntp.org", ("pool.ntp.org", 123)), ("127.0.0.1:1230", ("127.0.0.1", 1230)),
    ("[::1]:5123", ("::1", 5123)), ("[::1]", ("::1", 123)),
])
def test_split_server(entry, expected):
    assert split_server(entry) == expected


@pytest.mark.parametrize(("header", "expected"), [
    ("Sun, 06 Nov 1994 08:49:37 GMT", 784111777.0),
    ("Sun, 06 Nov 1994 08:49:37 -0000", 784111777.0),
    ("Sun, 06 Nov 1994 15:49:37 +0700", 784111777.0),
    ("yesterday", None), ("", None), (None, None),
])
def test_parse_http_date(header, expected):
    assert parse_http_date(header) == expected


def test_bounded_abandons_a_task_that_hangs():
    release = threading.Event()
    try:
        assert bounded(lambda: release.wait(30) and "late", 0.05) is None
    finally:
        release.set()


def test_bounded_returns_values_and_reraises_bugs():
    assert bounded(lambda: 42, 5) == 42
    with pytest.raises(ZeroDivisionError):
        bounded(lambda: 1 / 0, 5)


def test_a_port_out_of_range_is_a_server_that_does_not_answer():
    assert clock(["127.0.0.1:99999"], "").status is Status.SKIP
