"""MANIFEST.sha256 and verify.py: written like sha256sum after a header; a changed, missing or
unlisted file refuses; so does a manifest that is empty, malformed or does not list what the
launchers run, and anything in the kit that is not a regular file (never followed, never a hang);
the stamp spares the hashing while the files are as they were, and a change is still refused."""

import hashlib
import os
import subprocess
import sys

import pytest

from kfield.usb import manifest

LAUNCHED = manifest.LAUNCHED["linux"]


@pytest.fixture
def kit(tmp_path):
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "usb.yaml").write_text("id: usb\n", encoding="utf-8")
    for name in LAUNCHED:
        (tmp_path / name).write_bytes(name.encode())
    (tmp_path / "verify.py").write_bytes(open(manifest.__file__, "rb").read())
    (tmp_path / "results" / "pc-1").mkdir(parents=True)
    (tmp_path / "results" / "pc-1" / "report.json").write_text("{}", encoding="utf-8")
    manifest.write(tmp_path, version="1.0", built="2026-12-07")
    return tmp_path


def _manifest(kit, body: bytes) -> None:
    (kit / manifest.NAME).write_bytes(body)


def test_written_like_sha256sum_after_a_header_without_itself_and_results(kit):
    lines = (kit / manifest.NAME).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# kfield-kit 1.0 2026-12-07"
    assert f"{hashlib.sha256(b'id: usb' + bytes([10])).hexdigest()}  checks/usb.yaml" in lines
    assert f"{hashlib.sha256(b'kfield.pyz').hexdigest()}  kfield.pyz" in lines
    assert not any("results/" in line or manifest.NAME in line for line in lines)


def test_returns_the_manifest_hash_and_reads_the_build_date(kit):
    digest = manifest.write(kit, version="1.0", built="2026-12-07")
    found = manifest.load(kit)
    assert digest == hashlib.sha256((kit / manifest.NAME).read_bytes()).hexdigest() == found.digest
    assert (found.built, found.short) == ("2026-12-07", digest[:12])


def test_untouched_kit_is_ok_and_results_and_data_do_not_matter(kit):
    (kit / "results" / "pc-2").mkdir()
    (kit / "kfield-data" / "visits").mkdir(parents=True)
    (kit / "kfield-data" / "visits" / "v.jsonl").write_text("{}", encoding="utf-8")
    assert manifest.verify(kit).ok


def test_changed_file_refused_with_what_to_do(kit):
    (kit / "checks" / "usb.yaml").write_text("id: evil\n", encoding="utf-8")
    verdict = manifest.verify(kit)
    assert not verdict.ok and verdict.changed == ["checks/usb.yaml"]
    assert manifest.refusal(verdict) == ["kfield: USB bị từ chối: tệp đã bị thay đổi: checks/usb.yaml.",
                                         "kfield: kit refused: file changed: checks/usb.yaml.", *manifest.NEXT_STEP]
    assert "máy tin cậy" in manifest.NEXT_STEP[0] and "trusted team laptop" in manifest.NEXT_STEP[1]


def test_missing_file_refused(kit):
    (kit / "checks" / "usb.yaml").unlink()
    verdict = manifest.verify(kit)
    assert not verdict.ok and verdict.missing == ["checks/usb.yaml"]
    assert "missing file checks/usb.yaml" in manifest.refusal(verdict)[1]


def test_a_file_not_in_the_manifest_is_refused(kit):
    (kit / "checks" / "hashlib.py").write_text("evil", encoding="utf-8")
    verdict = manifest.verify(kit)
    assert not verdict.ok and verdict.extra == ["checks/hashlib.py"]
    assert manifest.refusal(verdict)[1] == f"kfield: kit refused: file not in {manifest.NAME}: checks/hashlib.py."


def test_no_manifest_refused(kit):
    (kit / manifest.NAME).unlink()
    verdict = manifest.verify(kit)
    assert not verdict.ok and manifest.NAME in manifest.refusal(verdict)[1]


@pytest.mark.parametrize(("body", "reason"), [
    (b"", "empty"),
    (b"# only a comment\n\n# another\n", "empty"),
    (b"\xff\xfe not utf-8\n", "encoding"),
    (b"0" * 64 + b"  kfield.pyz\x00\n", "nul"),
    (b"# " + b"x" * 10_000_000 + b"\n", "too_big"),
    (b"# " + b"x" * 5000 + b"\n", "line"),
    (b"not a hash  kfield.pyz\n", "entry"),
    (b"0" * 64 + b"  ../outside\n", "entry"),
    (b"0" * 64 + b"  /etc/passwd\n", "entry"),
    (b"0" * 64 + b"  C:x\n", "entry"),
    (b"0" * 64 + b"  a\n" + b"1" * 64 + b"  a\n", "entry"),
])
def test_a_malformed_manifest_is_refused_never_a_traceback(kit, body, reason):
    _manifest(kit, body)
    verdict = manifest.verify(kit)
    assert not verdict.ok and verdict.malformed == reason
    assert len(manifest.refusal(verdict)) == 4


def test_a_manifest_that_does_not_list_what_the_launchers_run_is_refused(kit):
    manifest.write(kit, [n for n in manifest.kit_files(kit) if n != "kfield.pyz"])
    (kit / "kfield.pyz").unlink()
    verdict = manifest.verify(kit)
    assert verdict.malformed == "launched" and verdict.detail == "kfield.pyz"
    assert "does not list files the launchers run: kfield.pyz" in manifest.refusal(verdict)[1]


@pytest.mark.parametrize("make", ["fifo", "device_link", "file_link", "folder_link", "manifest_fifo",
                                  "manifest_link", "results_link"])
def test_anything_but_a_regular_file_is_refused_never_followed(kit, tmp_path_factory, make):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "usb.yaml").write_text("id: usb\n", encoding="utf-8")          # identical to the listed one
    if make == "fifo":
        os.mkfifo(kit / "checks" / "pipe")
    elif make == "device_link":
        (kit / "checks" / "random").symlink_to("/dev/urandom")
    elif make == "file_link":
        (kit / "checks" / "usb.yaml").unlink()
        (kit / "checks" / "usb.yaml").symlink_to(outside / "usb.yaml")
    elif make == "folder_link":
        os.rename(kit / "checks", outside / "checks")
        (kit / "checks").symlink_to(outside / "checks")
    elif make == "manifest_fifo":
        (kit / manifest.NAME).unlink()
        os.mkfifo(kit / manifest.NAME)
    elif make == "manifest_link":
        os.rename(kit / manifest.NAME, outside / manifest.NAME)
        (kit / manifest.NAME).symlink_to(outside / manifest.NAME)
    else:
        (kit / "results").rename(outside / "results")
        (kit / "results").symlink_to(outside / "results")
    verdict = manifest.verify(kit)                                   # a FIFO would block an open: it returns
    assert not verdict.ok and (verdict.special or verdict.malformed == "special"), verdict


def test_the_stamp_spares_hashing_and_a_change_is_still_refused(kit, monkeypatch):
    first = manifest.verify(kit)
    assert first.ok and not first.stamped and (kit / "kfield-data" / manifest.STAMP).is_file()
    hashed = []
    monkeypatch.setattr(manifest, "_hash_all", lambda root, entries: hashed.append(1) or ([], []))
    assert manifest.verify(kit).stamped and hashed == []
    monkeypatch.undo()
    (kit / "checks" / "usb.yaml").write_text("id: usc\n", encoding="utf-8")   # same size, a new time
    verdict = manifest.verify(kit)
    assert verdict.changed == ["checks/usb.yaml"] and not verdict.stamped


def test_a_forged_stamp_for_other_times_does_not_pass(kit):
    assert manifest.verify(kit).ok
    (kit / "kfield.pyz").write_bytes(b"kfield.pyX")
    (kit / "kfield-data" / manifest.STAMP).write_text("0" * 64 + "\n", encoding="ascii")
    assert manifest.verify(kit).changed == ["kfield.pyz"]


def test_a_stamp_that_cannot_be_written_is_no_refusal(kit, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "read-only")

    monkeypatch.setattr(manifest.os, "replace", refuse)               # a write-protected stick
    assert manifest.verify(kit).ok and not (kit / "kfield-data" / manifest.STAMP).exists()
    assert [p.name for p in (kit / "kfield-data").iterdir()] == []     # no temporary file left


def test_many_names_are_shortened(kit):
    verdict = manifest.Verdict(changed=[f"f{i}" for i in range(5)])
    assert manifest.refusal(verdict)[1].endswith("f0, f1, f2 (+2).")


def test_as_a_script_it_checks_its_own_folder_and_shows_hash_and_date(kit):
    digest = manifest.write(kit, version="1.0", built="2026-12-07")
    ok = subprocess.run([sys.executable, "-I", str(kit / "verify.py")], capture_output=True, text=True)
    (kit / "kfield.pyz").write_bytes(b"other")
    bad = subprocess.run([sys.executable, "-I", str(kit / "verify.py")], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stderr == manifest.banner(manifest.load(kit)) + "\n"
    assert f"{digest[:12]}, tạo ngày 2026-12-07" in ok.stderr and f"manifest {digest[:12]}, built 2026-12-07" in ok.stderr
    assert bad.returncode == 2 and bad.stderr.splitlines() == [
        "kfield: USB bị từ chối: tệp đã bị thay đổi: kfield.pyz.", "kfield: kit refused: file changed: kfield.pyz.",
        *manifest.NEXT_STEP]


def test_run_runs_kfield_in_the_same_process_after_the_check(kit, tmp_path_factory):
    """--run: what the Windows launchers use (one Python start); kfield is found on sys.path."""
    tmp_path = tmp_path_factory.mktemp("elsewhere")
    package = tmp_path / "site" / "kfield"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "__main__.py").write_text("import os, sys\nprint(sys.argv[1:], os.environ['KFIELD_KIT'])\n"
                                         "sys.exit(7)\n", encoding="utf-8")
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); import runpy; sys.argv[0] = sys.argv[1]; "
            "del sys.argv[1]; runpy.run_path(sys.argv[0], run_name='__main__')")
    done = subprocess.run([sys.executable, "-I", "-c", code, str(tmp_path / "site"), str(kit / "verify.py"), "--run",
                           "check", "--lang", "vi"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 7 and done.stdout.strip() == f"['check', '--lang', 'vi'] {kit}", done.stderr
    (kit / "checks" / "usb.yaml").write_text("changed", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-I", "-c", code, str(tmp_path / "site"), str(kit / "verify.py"),
                              "--run", "check"], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and refused.stdout == ""             # kfield never ran
