"""MANIFEST.sha256: written like sha256sum, a changed or missing file refuses, extra files are allowed."""

import hashlib
import subprocess
import sys

import pytest

from kfield.usb import manifest


@pytest.fixture
def kit(tmp_path):
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "usb.yaml").write_text("id: usb\n", encoding="utf-8")
    (tmp_path / "kfield.pyz").write_bytes(b"zip")
    (tmp_path / "results" / "pc-1").mkdir(parents=True)
    (tmp_path / "results" / "pc-1" / "report.json").write_text("{}", encoding="utf-8")
    manifest.write(tmp_path)
    return tmp_path


def test_written_like_sha256sum_without_itself_and_results(kit):
    lines = (kit / manifest.NAME).read_text(encoding="utf-8").splitlines()
    yaml_digest = hashlib.sha256("id: usb\n".encode()).hexdigest()
    assert lines == [f"{yaml_digest}  checks/usb.yaml",
                     f"{hashlib.sha256(b'zip').hexdigest()}  kfield.pyz"]


def test_returns_the_manifest_hash(kit):
    assert manifest.write(kit) == hashlib.sha256((kit / manifest.NAME).read_bytes()).hexdigest()


def test_untouched_kit_is_ok_and_new_results_do_not_matter(kit):
    (kit / "results" / "pc-2").mkdir()
    assert manifest.verify(kit).ok


def test_changed_file_refused(kit):
    (kit / "checks" / "usb.yaml").write_text("id: evil\n", encoding="utf-8")
    verdict = manifest.verify(kit)
    assert not verdict.ok and verdict.changed == ["checks/usb.yaml"]
    assert manifest.refusal(verdict) == ["kfield: USB bị từ chối: tệp đã bị thay đổi: checks/usb.yaml.",
                                         "kfield: kit refused: file changed: checks/usb.yaml."]


def test_missing_file_refused(kit):
    (kit / "kfield.pyz").unlink()
    verdict = manifest.verify(kit)
    assert not verdict.ok and verdict.missing == ["kfield.pyz"]
    assert "missing file kfield.pyz" in manifest.refusal(verdict)[1]


def test_extra_file_allowed_and_reported(kit):
    (kit / "notes.txt").write_text("mine", encoding="utf-8")
    verdict = manifest.verify(kit)
    assert verdict.ok and verdict.extra == ["notes.txt"]


def test_no_manifest_refused(kit):
    (kit / manifest.NAME).unlink()
    verdict = manifest.verify(kit)
    assert not verdict.ok and manifest.NAME in manifest.refusal(verdict)[1]


def test_a_forged_path_outside_the_kit_counts_as_missing(kit, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "x"
    outside.write_bytes(b"x")
    with (kit / manifest.NAME).open("a", encoding="utf-8") as stream:
        stream.write(f"{hashlib.sha256(b'x').hexdigest()}  ../{outside.parent.name}/x\n")
    assert manifest.verify(kit).missing == [f"../{outside.parent.name}/x"]


def test_many_names_are_shortened(kit):
    verdict = manifest.Verdict(changed=[f"f{i}" for i in range(5)])
    assert manifest.refusal(verdict)[1].endswith("f0, f1, f2 (+2).")


def test_as_a_script_it_checks_its_own_folder(kit):
    (kit / "verify.py").write_bytes(open(manifest.__file__, "rb").read())
    manifest.write(kit)
    ok = subprocess.run([sys.executable, "-I", str(kit / "verify.py")], capture_output=True, text=True)
    (kit / "kfield.pyz").write_bytes(b"other")
    bad = subprocess.run([sys.executable, "-I", str(kit / "verify.py")], capture_output=True, text=True)
    assert (ok.returncode, ok.stderr) == (0, "")
    assert bad.returncode == 2 and bad.stderr.splitlines() == [
        "kfield: USB bị từ chối: tệp đã bị thay đổi: kfield.pyz.", "kfield: kit refused: file changed: kfield.pyz."]
