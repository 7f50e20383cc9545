"""The one opener: a named file is read only when it is a regular file, bounded, never blocking."""

import os
import socket
import threading

import pytest

from kfield.core import files
from kfield.core.files import FilesError


def _refusal(path, **options) -> str:
    with pytest.raises(FilesError) as caught:
        files.read(path, **options)
    message = caught.value.message
    return message.params["what"].key if message.key == "files.refused" else message.key


def test_a_regular_file_and_a_link_to_one_the_person_named(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"x: 1\n")
    os.symlink(tmp_path / "a.yaml", tmp_path / "link.yaml")
    assert files.read(tmp_path / "a.yaml") == b"x: 1\n"
    assert files.read(tmp_path / "link.yaml") == b"x: 1\n"


def test_a_link_found_inside_a_folder_is_not_followed(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"x: 1\n")
    os.symlink(tmp_path / "a.yaml", tmp_path / "link.yaml")
    assert _refusal(tmp_path / "link.yaml", follow=False) == "files.is_link"


@pytest.mark.timeout(20)
def test_a_fifo_and_a_link_to_one_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", tmp_path / "pipe.yaml")
    assert _refusal(tmp_path / "pipe") == "files.is_fifo"
    assert _refusal(tmp_path / "pipe.yaml") == "files.is_fifo"
    assert files.open_regular(tmp_path / "pipe") is None


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_and_links_to_them_are_refused(tmp_path, device):
    os.symlink(device, tmp_path / "dev.yaml")
    assert _refusal(device) == "files.is_device"
    assert _refusal(tmp_path / "dev.yaml") == "files.is_device"


def test_a_folder_and_a_socket_are_refused(tmp_path):
    assert _refusal(tmp_path) == "files.is_folder"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.yaml"))
        assert _refusal(tmp_path / "s.yaml") == "files.is_socket"
    finally:
        server.close()


def test_missing_too_long_and_unusable_names(tmp_path):
    assert _refusal(tmp_path / "none.yaml") == "schema.no_file"
    with pytest.raises(FilesError) as caught:
        files.read(tmp_path / ("a" * 5000))
    assert caught.value.message.params["reason"].key == "os.ENAMETOOLONG"
    assert _refusal(str(tmp_path / "a\0b")) == "files.bad_name"
    assert _refusal(str(tmp_path / "\ud800.yaml")) == "files.bad_name"


def test_undecodable_bytes_in_a_name_are_shown_as_replacement_characters(tmp_path):
    name = os.fsdecode(b"caf\xe9.yaml")          # what argv holds for a Latin-1 name
    with pytest.raises(FilesError) as caught:
        files.read(tmp_path / name)
    shown = caught.value.message.params["path"]
    assert shown.endswith("caf\ufffd.yaml")
    shown.encode("utf-8")                         # printable in any UTF-8 console


def test_a_loop_of_links_is_a_line_not_a_crash(tmp_path):
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    with pytest.raises(FilesError) as caught:
        files.read(tmp_path / "a")
    assert caught.value.message.params["reason"].key == "os.ELOOP"


def test_a_file_above_its_kind_cap_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setitem(files.CAPS, "answers", 1000)
    (tmp_path / "big.yaml").write_bytes(b"#" * 1001)
    assert _refusal(tmp_path / "big.yaml", kind="answers") == "files.too_big"
    (tmp_path / "ok.yaml").write_bytes(b"#" * 1000)
    assert len(files.read(tmp_path / "ok.yaml", kind="answers")) == 1000


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_no_permission(tmp_path):
    (tmp_path / "secret.yaml").write_bytes(b"x: 1\n")
    (tmp_path / "secret.yaml").chmod(0)
    with pytest.raises(FilesError) as caught:
        files.read(tmp_path / "secret.yaml")
    assert caught.value.message.params["reason"].key == "os.EACCES"


def test_every_refusal_renders_in_both_languages_without_errno_text(tmp_path):
    from kfield.core.i18n import render

    os.mkfifo(tmp_path / "pipe")
    for path in (tmp_path / "pipe", "/dev/zero", tmp_path, tmp_path / ("a" * 5000)):
        with pytest.raises(FilesError) as caught:
            files.read(path)
        for lang in ("vi", "en"):
            line = render(caught.value.message, lang)
            assert "Errno" not in line and "files." not in line and "os." not in line
