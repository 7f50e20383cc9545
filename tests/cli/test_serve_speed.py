"""The real `kfield serve` and `kfield lan speed` commands, on loopback only."""

import json
import os
import signal
import socket
import subprocess
import sys

import pytest

from tests.lab.netns import wait_for

pytestmark = pytest.mark.timeout(120)
TOKEN = "cli-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def start_serve(port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kfield", "serve", "--bind", "127.0.0.1", "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, "KFIELD_NO_PROGRESS": "1"})


def stop(proc: subprocess.Popen) -> tuple[int, str]:
    """Ctrl-C as a terminal sends it; returns the exit code and what went to stderr."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return proc.returncode, err


@pytest.fixture(scope="module")
def served():
    port = free_port()
    proc = start_serve(port, "--token", TOKEN)
    try:
        assert wait_for(lambda: accepts(port) or proc.poll() is not None, timeout=20) and proc.poll() is None
        yield port, proc
    finally:
        stop(proc)


def test_json_result_both_ways(served, kfield_cmd):
    port, _ = served
    done = kfield_cmd("lan", "speed", "127.0.0.1", "--port", str(port), "--token", TOKEN,
                      "--seconds", "1", "--streams", "2", "--format", "json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["bytes_down"] > 0 and result["bytes_up"] > 0
    assert result["down_mbps"] > 0 and result["up_mbps"] > 0 and result["streams"] == 2


@pytest.mark.parametrize("lang, words", [("en", ("Download:", "Upload:", "Latency:")),
                                         ("vi", ("Tải xuống:", "Tải lên:", "Độ trễ:"))])
def test_console_lines_in_each_language(served, kfield_cmd, lang, words):
    port, _ = served
    done = kfield_cmd("lan", "speed", "127.0.0.1", "--port", str(port), "--token", TOKEN,
                      "--seconds", "1", "--lang", lang)
    assert done.returncode == 0, done.stderr
    assert all(word in done.stdout for word in words)


@pytest.mark.parametrize("lang, words", [("en", "refused the token"), ("vi", "từ chối mã")])
def test_wrong_token_is_one_line_exit_2(served, kfield_cmd, lang, words):
    port, _ = served
    done = kfield_cmd("lan", "speed", "127.0.0.1", "--port", str(port), "--token", "guess",
                      "--seconds", "1", "--lang", lang)
    assert done.returncode == 2 and done.stdout == ""
    last = done.stderr.strip().splitlines()[-1]
    assert words in last and "Traceback" not in done.stderr


@pytest.mark.parametrize("host, words", [("127.0.0.1", "refused the connection"),
                                         ("a..b", "Cannot make sense of the address")])
def test_nobody_listening_or_a_bad_host_is_one_line_exit_2(kfield_cmd, host, words):
    # "a..b" fails IDNA encoding before any lookup, so no DNS query leaves the machine
    done = kfield_cmd("lan", "speed", host, "--port", str(free_port()), "--token", "t", "--seconds", "1",
                      "--lang", "en")
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr


def test_serve_announces_the_command_and_stops_on_ctrl_c():
    port = free_port()
    proc = start_serve(port, "--lang", "en")
    assert wait_for(lambda: accepts(port) or proc.poll() is not None, timeout=20)
    code, err = stop(proc)
    assert code == 0 and "Traceback" not in err
    assert f"kfield lan speed 127.0.0.1 --port {port} --token " in err
    assert err.strip().splitlines()[-1] == "Throughput endpoint stopped."


@pytest.mark.parametrize("lang, words", [("en", "is in use"), ("vi", "đang bị chương trình khác dùng")])
def test_serve_on_a_busy_port_is_one_line_exit_2(kfield_cmd, lang, words):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = kfield_cmd("serve", "--bind", "127.0.0.1", "--port", str(port), "--lang", lang)
    assert done.returncode == 2 and words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
