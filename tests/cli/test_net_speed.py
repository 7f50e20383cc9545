"""`kfield net speed`: the http backend within its byte budget (kfield serve peer and a URL
pair, on loopback); the default (Cloudflare) and ookla backends offline, in an empty network
namespace (nothing leaves the machine); the refusals. The public backends against servers that
answer like the real ones: tests/net/test_speed_public_lab.py."""

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import uuid

import pytest

from kfield.net import throughput


@pytest.fixture(scope="module")
def peer():
    server = throughput.ThroughputServer("127.0.0.1", 0, "tok")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


class FileAndSink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    BODY = os.urandom(3_000_000)

    def do_GET(self):  # noqa: N802
        """A static file, honouring "Range: bytes=0-N" as nginx and Apache do."""
        asked = self.headers.get("Range", "")
        end = int(asked.rpartition("-")[2]) + 1 if asked.startswith("bytes=0-") else len(self.BODY)
        self.send_response(206 if asked else 200)
        self.send_header("Content-Length", str(min(end, len(self.BODY))))
        self.end_headers()
        self.wfile.write(self.BODY[:end])

    def do_HEAD(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_peer_within_the_byte_budget(kfield_cmd, peer):
    done = kfield_cmd("net", "speed", "--server", f"127.0.0.1:{peer}", "--token", "tok", "--max-mb", "4",
                      "--seconds", "3", "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert 0 < result["bytes_down"] <= 2_000_000 and 0 < result["bytes_up"] <= 2_000_000
    assert "4 MB" in done.stderr


def test_url_pair(kfield_cmd):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FileAndSink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        done = kfield_cmd("net", "speed", "--down-url", f"{base}/file.bin", "--up-url", f"{base}/upload",
                          "--max-mb", "6", "--seconds", "2", "--lang", "vi")
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr
    assert "Tải xuống:" in done.stdout and "Đã dùng" in done.stdout
    assert "speed.cloudflare.com" not in done.stdout   # the URL pair was measured, not the default


def test_a_profile_names_the_endpoints_measured_with_no_options(kfield_cmd, tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FileAndSink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    profile = tmp_path / "tinh.yaml"
    profile.write_text(f"version: 1\nid: tinh\ntitle: {{vi: Tỉnh, en: Province}}\nselect: {{tags: [pc]}}\n"
                       f"params:\n  speed_down_url: {base}/file.bin\n  speed_up_url: {base}/upload\n", encoding="utf-8")
    try:
        done = kfield_cmd("net", "speed", "--profile", str(profile), "--max-mb", "2", "--seconds", "2",
                          "--format", "json")
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["backend"] == "http" and result["bytes_down"] > 0 and result["bytes_up"] > 0


def test_url_pair_reads_only_its_share_of_a_bigger_file(kfield_cmd):
    """The file (3 MB) is bigger than a 1 MB budget allows: a Range request, cut at the share."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FileAndSink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        done = kfield_cmd("net", "speed", "--down-url", f"{base}/file.bin", "--up-url", f"{base}/upload",
                          "--max-mb", "1", "--seconds", "2", "--format", "json")
    finally:
        server.shutdown()
        server.server_close()
    result = json.loads(done.stdout)
    assert done.returncode == 0 and result["backend"] == "http"
    # 420 kB of payload each way (84 % of the budget, halved), plus a few hundred bytes of response headers
    assert 0 < result["bytes_down"] <= 425_000 and 0 < result["bytes_up"] <= 425_000


@pytest.mark.parametrize("args, words", [
    (("--backend", "http"), "--server"),
    (("--backend", "cloudflare", "--down-url", "http://a/"), "--down-url"),
    (("--server", "127.0.0.1", "--down-url", "http://a/", "--up-url", "http://b/"), "--server"),
    (("--server", "127.0.0.1"), "--token"),
    (("--down-url", "ftp://a/", "--up-url", "http://b/"), "ftp://a/"),
])
def test_refusals(kfield_cmd, args, words):
    for lang in ("vi", "en"):
        done = kfield_cmd("net", "speed", *args, "--lang", lang)
        assert done.returncode == 2 and words in done.stderr and len(done.stderr.strip().splitlines()) == 1


def _offline(*args: str) -> dict[str, subprocess.CompletedProcess]:
    """`kfield net speed ARGS` in both languages inside an empty network namespace (the offline office)."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("needs root and iproute2 for an empty network namespace")
    name = f"kfsp{uuid.uuid4().hex[:8]}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        return {lang: subprocess.run(["ip", "netns", "exec", name, sys.executable, "-m", "kfield", "net", "speed",
                                      *args, "--lang", lang], capture_output=True, text=True, timeout=60)
                for lang in ("vi", "en")}
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


def test_default_profile_offline_is_one_clear_line():
    """The default profile names speed servers in Vietnam and abroad: offline, the first one in Vietnam
    is the reason given (each was tried)."""
    done = _offline()
    assert done["en"].returncode == 2 and "Cannot look up speedtest1.vtn.com.vn" in done["en"].stderr
    assert done["vi"].returncode == 2 and "Không tra được địa chỉ của speedtest1.vtn.com.vn" in done["vi"].stderr
    for lang in ("vi", "en"):   # the "Measuring…" line, then the reason
        assert len(done[lang].stderr.strip().splitlines()) == 2 and "Traceback" not in done[lang].stderr


def test_cloudflare_offline_is_one_clear_line():
    done = _offline("--backend", "cloudflare")
    assert done["en"].returncode == 2 and "Cannot look up speed.cloudflare.com" in done["en"].stderr
    assert done["vi"].returncode == 2 and "Không tra được địa chỉ của speed.cloudflare.com" in done["vi"].stderr
    for lang in ("vi", "en"):   # the "Measuring…" line, then the reason
        assert len(done[lang].stderr.strip().splitlines()) == 2 and "Traceback" not in done[lang].stderr


def test_ookla_offline_is_one_clear_line():
    done = _offline("--backend", "ookla")
    assert done["en"].returncode == 2 and "Cannot fetch the Speedtest.net configuration" in done["en"].stderr
    assert done["vi"].returncode == 2 and "Không lấy được cấu hình" in done["vi"].stderr
    assert "Traceback" not in done["en"].stderr + done["vi"].stderr
