"""The pseudonymous PC id: stable, separate for renamed clones, never the machine id itself."""

from __future__ import annotations

import re

from kfield.core import pcid

GUID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"


def test_same_machine_and_name_give_the_same_id_whatever_the_case():
    assert pcid.pc_id(GUID, "UBND-01") == pcid.pc_id(GUID.upper(), "ubnd-01 ")
    assert re.fullmatch(r"pc-[0-9a-f]{16}", pcid.pc_id(GUID, "ubnd-01"))


def test_a_cloned_image_renamed_is_another_pc():
    assert pcid.pc_id(GUID, "ubnd-01") != pcid.pc_id(GUID, "ubnd-02")


def test_without_a_machine_id_the_host_name_alone_is_used_and_marked():
    assert re.fullmatch(r"h-[0-9a-f]{16}", pcid.pc_id(None, "ubnd-01"))
    assert pcid.pc_id(None, "ubnd-01") != pcid.pc_id(GUID, "ubnd-01")


def test_the_id_does_not_contain_the_machine_id():
    value = pcid.pc_id("0123456789abcdef0123456789abcdef", "x")
    assert "0123456789abcdef" not in value


def test_linux_machine_id_is_read_from_the_first_valid_file(tmp_path):
    empty, good = tmp_path / "empty", tmp_path / "machine-id"
    empty.write_text("\n")
    good.write_text("0123456789ABCDEF0123456789abcdef\n")
    assert pcid._linux_machine_id((tmp_path / "missing", empty, good)) == "0123456789ABCDEF0123456789abcdef"


def test_an_unreadable_or_malformed_machine_id_is_none_not_a_guess(tmp_path):
    bad = tmp_path / "machine-id"
    bad.write_text("not-a-machine-id")
    assert pcid._linux_machine_id((bad, tmp_path / "missing")) is None


def test_every_report_carries_this_pcs_id():
    from kfield.core.report import Report, now

    report = Report((), "quick", now(), now(), admin=False)
    assert report.to_dict()["pc_id"] == pcid.current()
