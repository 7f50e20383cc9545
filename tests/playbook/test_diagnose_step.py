"""The diagnose step: branches on the verdict's place; loads, lints and runs for real."""

import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest

from kfield.core.schema import SchemaError
from kfield.playbook import loader
from kfield.playbook import model as m
from kfield.playbook.engine import Engine
from kfield.playbook.paths import all_paths
from tests.playbook.conftest import FakeChecks

STEPS = """format: 1
id: tiny-net
version: 1
title: {vi: Thử chẩn đoán, en: Diagnosis try}
summary: {vi: Một bước chẩn đoán mạng., en: One diagnosis step.}
system: network
start: verdict
steps:
  verdict:
    kind: diagnose
    branches:
      gateway: router
%s
  router:
    kind: end
    outcome: not_fixed
    text: {vi: Khởi động lại router., en: Restart the router.}
  done:
    kind: end
    outcome: fixed
    text: {vi: Xong., en: Done.}
"""


def write(tmp_path, other="      other: done"):
    path = tmp_path / "tiny-net.yaml"
    path.write_text(STEPS % other, encoding="utf-8")
    return path


def test_branches_on_the_place_and_records_it(tmp_path):
    playbook = loader.load(write(tmp_path))
    engine = Engine(playbook, FakeChecks("gateway"))
    state, event = engine.advance(engine.start())
    assert (state.step, event.kind, event.answer) == ("router", "diagnose", "gateway")
    state, event = Engine(playbook, FakeChecks("healthy")).advance(engine.start())
    assert state.step == "done"


def test_every_place_has_an_edge_and_paths_walk_them(tmp_path):
    playbook = loader.load(write(tmp_path))
    labels = {p for e in playbook.steps["verdict"].edges() for p in e.label.split("|")}
    assert labels == set(m.VERDICT_PLACES)
    assert sorted({p.end for p in all_paths(playbook)[0]}) == ["done", "router"]


def test_a_place_without_a_branch_and_no_other_is_an_error(tmp_path):
    with pytest.raises(SchemaError) as caught:
        loader.load(write(tmp_path, other=""))
    assert caught.value.issues[0].message.key == "pb.branches_missing"


def test_net_no_internet_offline_starts_at_the_cable(tmp_path):
    """The real diagnosis inside an empty network namespace (the offline office):
    no link → cable/Wi-Fi → the playbook asks cable or Wi-Fi."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("needs root and iproute2 for an empty network namespace")
    name = f"kfpb{uuid.uuid4().hex[:8]}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        answers = tmp_path / "answers.yaml"
        answers.write_text("- cable\n- dark\n- not_done\n", encoding="utf-8")
        transcript = tmp_path / "t.json"
        env = {**os.environ, "KFIELD_DATA_DIR": str(tmp_path / "data"), "KFIELD_NO_PROGRESS": "1"}
        done = subprocess.run(["ip", "netns", "exec", name, sys.executable, "-m", "kfield", "playbook", "run",
                               "net-no-internet", "--answers", str(answers), "--transcript", str(transcript),
                               "--lang", "vi"], capture_output=True, text=True, env=env, timeout=120)
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)
    assert done.returncode == 1, done.stderr            # escalated: cabling
    assert "CÁP MẠNG / WI-FI" in done.stdout and "Đang chạy chẩn đoán mạng" in done.stdout
    events = json.loads(transcript.read_text())["steps"]
    assert events[0]["kind"] == "diagnose" and events[0]["answer"] == "cable_wifi"
    assert [e["step"] for e in events][:3] == ["verdict", "connection", "cable"]
