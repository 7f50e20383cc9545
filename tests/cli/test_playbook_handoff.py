"""A playbook that hands over: `net-no-internet`, answered "Wi-Fi", continues in `net-wifi-weak`
(it used to end "not fixed", exit 1). Run for real in an empty network namespace, where
`kfield diagnose` finds no link (cable or Wi-Fi) — nothing leaves the namespace."""

from __future__ import annotations

import json
import sys

import pytest

from tests.lab.netns import Lab, lab_unavailable


@pytest.fixture
def empty_space():
    reason = lab_unavailable()
    if reason:
        pytest.skip(reason)
    lab = Lab()
    try:
        yield lab.ns("pb")
    finally:
        lab.close()


def test_choosing_wifi_hands_over_to_the_wifi_playbook(empty_space, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("connection: wifi\nnetwork-name: other\nreconnect: done\nbars: strong\nband: done\n"
                       "band-result: fine\n", encoding="utf-8")
    data = tmp_path / "data"
    done = empty_space.run("env", f"KFIELD_DATA_DIR={data}", "KFIELD_NO_PROGRESS=1", sys.executable, "-m", "kfield",
                           "playbook", "run", "net-no-internet", "--answers", str(answers), "--lang", "vi",
                           check=False, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Chuyển sang sổ tay «Wi-Fi yếu hoặc hay rớt» (net-wifi-weak)" in done.stderr
    assert "== Kết quả: Chuyển sang sổ tay khác ==" in done.stdout and "== Kết quả: Đã khắc phục ==" in done.stdout
    transcripts = {json.loads(p.read_text(encoding="utf-8"))["playbook"]["id"]: json.loads(p.read_text(encoding="utf-8"))
                   for p in (data / "transcripts").glob("*.json")}
    assert transcripts["net-no-internet"]["outcome"]["kind"] == "handoff"
    assert transcripts["net-wifi-weak"]["outcome"]["kind"] == "fixed"


def test_an_answers_file_naming_a_step_of_no_playbook_on_the_way_is_refused(tmp_path, kfield_cmd):
    answers = tmp_path / "answers.yaml"
    answers.write_text("connection: wifi\nno-such-step: x\n", encoding="utf-8")
    done = kfield_cmd("playbook", "run", "net-no-internet", "--answers", str(answers), "--lang", "en",
                      env={"KFIELD_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 2 and "no-such-step" in done.stderr


def test_show_names_roles_and_the_next_playbook(kfield_cmd):
    shown = kfield_cmd("playbook", "show", "net-no-internet", "--lang", "vi").stdout
    assert "(Bộ phận hỗ trợ kỹ thuật cấp tỉnh)" in shown and "(provincial_it)" not in shown
    assert "Chuyển sang sổ tay khác → net-wifi-weak" in shown
