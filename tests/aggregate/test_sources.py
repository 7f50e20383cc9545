"""Folders and zips: what is read, what is refused and why (no database)."""

from __future__ import annotations

import io
import zipfile

import pytest

from kfield.aggregate import sources


def found(*paths, limits=sources.Limits()):
    items = list(sources.walk(paths, limits))
    return ([i.origin for i in items if isinstance(i, sources.LogFile)],
            [(i.reason, i.origin) for i in items if isinstance(i, sources.Refused)])


def zipped(entries: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_folders_are_walked_for_logs_and_zips_only(tmp_path):
    (tmp_path / "a" / "visits").mkdir(parents=True)
    (tmp_path / "a" / "visits" / "x.jsonl").write_text("{}\n")
    (tmp_path / "a" / "visits" / "current").write_text("x")
    (tmp_path / "a" / "notes.txt").write_text("hi")
    (tmp_path / "a" / "more.zip").write_bytes(zipped({"v/y.jsonl": b"{}\n", "readme.md": b"#"}))
    logs, refused = found(tmp_path / "a")
    assert [o.replace(str(tmp_path), "") for o in logs] == ["/a/more.zip!v/y.jsonl", "/a/visits/x.jsonl"]
    assert refused == []


@pytest.mark.parametrize("name", ["../up.jsonl", "/etc/x.jsonl", "C:/Windows/x.jsonl", "a/../../b.jsonl",
                                  "..\\win.jsonl"])
def test_names_that_climb_out_are_refused(tmp_path, name):
    (tmp_path / "t.zip").write_bytes(zipped({name: b"{}\n", "ok.jsonl": b"{}\n"}))
    logs, refused = found(tmp_path / "t.zip")
    assert [r for r, _ in refused] == ["traversal"] and len(logs) == 1


def test_a_link_inside_a_zip_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link.jsonl")
        info.external_attr = (0o120777 << 16)
        archive.writestr(info, "/etc/passwd")
    (tmp_path / "l.zip").write_bytes(buffer.getvalue())
    assert found(tmp_path / "l.zip")[1][0][0] == "link"


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path):
    (tmp_path / "bomb.zip").write_bytes(zipped({"big.jsonl": b"\0" * (20 * 2**20)}))
    logs, refused = found(tmp_path / "bomb.zip")
    assert logs == [] and refused[0][0] == "bomb"


def test_an_archive_that_inflates_past_its_budget_is_refused(tmp_path):
    data = zipped({f"{i}.jsonl": bytes(range(256)) * 400 for i in range(5)}, zipfile.ZIP_STORED)
    (tmp_path / "many.zip").write_bytes(data)
    logs, refused = found(tmp_path / "many.zip", limits=sources.Limits(archive_bytes=250_000))
    assert len(logs) == 2 and {r for r, _ in refused} == {"bomb"}


def test_a_header_that_lies_about_the_size_is_caught_while_reading(tmp_path):
    raw = bytearray(zipped({"x.jsonl": b"A" * 500_000}))
    for at in (raw.find(b"PK\x03\x04") + 22, raw.find(b"PK\x01\x02") + 24):     # the sizes both headers give
        raw[at:at + 4] = (10).to_bytes(4, "little")
    (tmp_path / "liar.zip").write_bytes(bytes(raw))
    logs, refused = found(tmp_path / "liar.zip")      # only 10 bytes are inflated, then the CRC fails
    assert logs == [] and [r for r, _ in refused] == ["zip"]


def test_zip_in_zip_is_read_to_the_depth_limit(tmp_path):
    inner = zipped({"deep.jsonl": b"{}\n"})
    middle = zipped({"inner.zip": inner})
    (tmp_path / "outer.zip").write_bytes(zipped({"middle.zip": middle, "top.jsonl": b"{}\n"}))
    logs, refused = found(tmp_path / "outer.zip", limits=sources.Limits(depth=2))
    assert [o.split("!", 1)[1] for o in logs] == ["top.jsonl"]
    assert refused[0][0] == "bomb"
    logs, _ = found(tmp_path / "outer.zip", limits=sources.Limits(depth=3))
    assert any(o.endswith("inner.zip!deep.jsonl") for o in logs)


def test_a_damaged_zip_is_refused_not_fatal(tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "ok.jsonl").write_text("{}\n")
    logs, refused = found(tmp_path / "broken.zip", tmp_path / "ok.jsonl")
    assert refused[0][0] == "zip" and len(logs) == 1


def test_total_weight_counts_candidate_files(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"x" * 10)
    (tmp_path / "b.txt").write_bytes(b"x" * 99)
    assert sources.total_weight([tmp_path]) == 10


def test_links_inside_a_named_folder_are_refused_never_followed(tmp_path):
    secret, stick = tmp_path / "secret", tmp_path / "stick"
    secret.mkdir()
    (secret / "shadow.jsonl").write_text("root:$6$hash\n")
    (stick / "visits").mkdir(parents=True)
    (stick / "visits" / "good.jsonl").write_text("{}\n")
    (stick / "visits" / "evil.jsonl").symlink_to(secret / "shadow.jsonl")
    (stick / "outside").symlink_to(secret, target_is_directory=True)
    logs, refused = found(stick)
    assert logs == [str(stick / "visits" / "good.jsonl")]
    assert sorted(refused) == [("link", str(stick / "outside")), ("link", str(stick / "visits" / "evil.jsonl"))]
    assert sources.total_weight([stick]) == 3


def test_a_fifo_or_a_device_is_refused_without_blocking(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.jsonl")                  # opening it for reading would wait for a writer
    if os.geteuid() == 0:
        os.mknod(tmp_path / "zero.jsonl", 0o600 | __import__("stat").S_IFCHR, os.makedev(1, 5))
    logs, refused = found(tmp_path)
    assert logs == [] and {r for r, _ in refused} == {"special"}
    assert sources.Refused(str(tmp_path / "pipe.jsonl"), "special") in list(sources.walk([tmp_path / "pipe.jsonl"]))


def test_one_inflation_budget_covers_every_nesting_level(tmp_path):
    inner = zipped({f"{i}.jsonl": bytes(range(256)) * 400 for i in range(2)}, zipfile.ZIP_STORED)   # 204,800 B
    (tmp_path / "outer.zip").write_bytes(zipped({f"copy{i}.zip": inner for i in range(3)}, zipfile.ZIP_STORED))
    logs, refused = found(tmp_path / "outer.zip", limits=sources.Limits(archive_bytes=700_000))
    # each copy costs its own 205 KB as a member and 205 KB inflated inside: the budget ends in copy 2
    assert 2 <= len(logs) < 6 and {r for r, _ in refused} == {"bomb"}
    logs, refused = found(tmp_path / "outer.zip", limits=sources.Limits(archive_bytes=10**7))
    assert len(logs) == 6 and refused == []


def test_overlapping_entries_are_refused(tmp_path):
    """One member, and a central directory with 400 names pointing at its bytes."""
    raw = zipped({"a.jsonl": b'{"x": 1}\n' * 1000})
    directory_at = raw.find(b"PK\x01\x02")
    end_at = raw.find(b"PK\x05\x06")
    entry = raw[directory_at:end_at]
    entries = entry * 400
    end = bytearray(raw[end_at:])
    end[8:10] = end[10:12] = (400).to_bytes(2, "little")
    end[12:16] = len(entries).to_bytes(4, "little")
    (tmp_path / "overlap.zip").write_bytes(raw[:directory_at] + entries + bytes(end))
    logs, refused = found(tmp_path / "overlap.zip")
    assert logs == [] and refused[0][0] == "bomb" and "overlapping" in list(sources.walk([tmp_path / "overlap.zip"]))[0].detail


def test_an_implausible_entry_count_is_refused_before_the_directory_is_read(tmp_path, monkeypatch):
    (tmp_path / "many.zip").write_bytes(zipped({f"{i}.jsonl": b"" for i in range(1001)}, zipfile.ZIP_STORED))
    monkeypatch.setattr(zipfile, "ZipFile", None)        # reaching zipfile would raise: the end record decides
    refused = list(sources.walk([tmp_path / "many.zip"], sources.Limits(members=1000)))
    assert refused == [sources.Refused(str(tmp_path / "many.zip"), "bomb", "1001 members")]
    big = sources.Limits(directory_bytes=10_000)
    assert list(sources.walk([tmp_path / "many.zip"], big))[0].detail.startswith("central directory of")


def test_a_tree_thousands_of_folders_deep_is_walked(tmp_path):
    import os

    here = str(tmp_path)
    fd = os.open(here, os.O_RDONLY)
    try:
        for _ in range(1100):                              # deeper than Python's recursion limit
            os.mkdir("d", dir_fd=fd)
            fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
            os.close(old)
        os.close(os.open("x.jsonl", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd))
    finally:
        os.close(fd)
    try:
        items = list(sources.walk([tmp_path]))
        assert [i.origin for i in items] == [str(tmp_path) + "/d" * 1100 + "/x.jsonl"]
    finally:
        _remove_deep(tmp_path)


def _remove_deep(root):
    """shutil.rmtree recurses (and so would pytest's clean-up): pull each level up and remove it."""
    import os

    top = root / "d"
    while top.exists():
        if (top / "d").exists():
            os.rename(top / "d", root / "next")
        for name in os.listdir(top):
            os.unlink(top / name)
        os.rmdir(top)
        if (root / "next").exists():
            os.rename(root / "next", top)


def test_what_the_system_refused_is_said_in_the_readers_words_not_its_english():
    from kfield.aggregate import sources
    from kfield.aggregate.importer import Issue
    from kfield.cli.logs import _issue

    assert sources._why(PermissionError(13, "Permission denied")) == "os.EACCES"
    assert sources._why(OSError(255, "Weird")) == "errno 255"
    refused = Issue("refused", "E:/nhat-ky", "unreadable: os.EACCES")
    shown = _issue(refused, "vi")
    assert "không có quyền truy cập" in shown and "os.EACCES" not in shown and "Permission" not in shown
    assert "permission denied" in _issue(refused, "en")
