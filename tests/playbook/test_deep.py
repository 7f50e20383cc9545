"""No recursion on user-sized playbooks: chains of 1,200, 5,000 and 10,000 steps, long hand-over chains,
answers that are digits only in Unicode, and a FIFO in a folder given to lint."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kfield.core.schema import SchemaError
from kfield.playbook import graph, lint, loader, paths
from kfield.playbook import model as m
from tests.fuzz import harness

HEAD = ("id: {id}\nversion: 1\ntitle: {{vi: Chuỗi dài, en: A long chain}}\nsummary: {{vi: Thử, en: Test}}\n"
        "system: other\nstart: s0\nsteps:\n")


def chain_text(steps: int, pid: str = "chain", end: str = "outcome: fixed") -> str:
    body = [f"  s{n}: {{kind: info, text: {{vi: Bước {n}, en: Step {n}}}, next: s{n + 1}}}\n" for n in range(steps - 1)]
    body.append(f"  s{steps - 1}: {{kind: end, {end}, text: {{vi: Xong, en: Done}}}}\n")
    return HEAD.format(id=pid) + "".join(body)


def chain_model(steps: int) -> m.Playbook:
    """A playbook built directly (past the loader's limit), for the walks alone."""
    text = m.Bilingual("x", "x")
    built = {f"s{n}": m.Info(f"s{n}", text, m.Where(n + 1, 3), next=f"s{n + 1}") for n in range(steps - 1)}
    built[f"s{steps - 1}"] = m.End(f"s{steps - 1}", text, m.Where(steps, 3), outcome="fixed")
    return m.Playbook("chain", 1, text, text, "other", (), "s0", m.frozen(None), m.frozen(built), Path("chain.yaml"), "")


def test_a_chain_of_1200_steps_loads_and_every_walk_finishes(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_text(chain_text(1200), encoding="utf-8")
    playbook = loader.load(path)
    found, truncated = paths.all_paths(playbook)
    assert len(found) == 1 and len(found[0].steps()) == 1200 and not truncated
    assert lint.lint_playbook(playbook, set(), "p") == []
    assert graph.mermaid(playbook, "en").count("-->") == 1199


@pytest.mark.parametrize("steps", [5000, 10000])
def test_a_playbook_past_the_step_limit_is_one_issue(tmp_path, steps):
    path = tmp_path / "chain.yaml"
    path.write_text(chain_text(steps), encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        loader.load(path)
    assert [i.message.key for i in caught.value.issues] == ["pb.too_many_steps"]
    assert caught.value.issues[0].line == 8


@pytest.mark.parametrize("steps", [5000, 10000])
def test_the_walks_themselves_need_no_recursion(steps):
    playbook = chain_model(steps)
    found, _ = paths.all_paths(playbook)
    assert len(found[0].steps()) == steps
    assert lint.lint_playbook(playbook, set(), "p") == []


def test_a_long_trapped_cycle_is_one_finding():
    text = m.Bilingual("x", "x")
    steps = {f"s{n}": m.Info(f"s{n}", text, m.Where(n + 1, 3), next=f"s{(n + 1) % 3000}") for n in range(3000)}
    steps["end"] = m.End("end", text, m.Where(3001, 3), outcome="fixed")
    playbook = m.Playbook("loop", 1, text, text, "other", (), "s0", m.frozen(None), m.frozen(steps), Path("loop.yaml"), "")
    found = [f.message.key for f in lint.lint_playbook(playbook, set(), "p")]
    assert found.count("pb.lint.trapped_cycle") == 1 and found.count("pb.lint.unreachable") == 1


@pytest.mark.parametrize("answer", ["²", "٣", "１", "3²", "1" * 10, "", " ", "-1", "+1", "1e3"])
def test_only_ascii_digits_are_a_count(answer):
    step = m.Count("n", None, m.Where(), var="n", minimum=0, maximum=10**12)
    assert not step.accepts(answer)
    assert step.accepts(" 42 ") and m.whole_number("007") == 7


@pytest.mark.timeout(60)
def test_lint_of_a_folder_with_a_fifo_a_device_link_and_a_link_refuses_each_and_never_hangs(tmp_path):
    good = Path(__file__).resolve().parent.parent / "fixtures" / "playbooks" / "good" / "sample-short.yaml"
    (tmp_path / "sample-short.yaml").write_bytes(good.read_bytes())
    os.mkfifo(tmp_path / "pipe.yaml")
    os.symlink("/dev/zero", tmp_path / "zero.yaml")
    os.symlink(tmp_path / "sample-short.yaml", tmp_path / "again.yaml")
    with harness.environment(tmp_path):
        code, shown = harness.kfield("playbook", "lint", str(tmp_path), "--lang", "vi")
    assert code == 1, shown
    assert "pipe.yaml: đây là một ống (FIFO)" in shown
    assert shown.count("liên kết trong thư mục") == 2 and "Traceback" not in shown


@pytest.mark.timeout(60)
@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "/dev/urandom"])
def test_answers_and_rules_that_are_not_files_are_refused_without_hanging(tmp_path, target):
    if target == "fifo":
        os.mkfifo(tmp_path / "named")
    else:
        os.symlink(target, tmp_path / "named")
    with harness.environment(tmp_path):
        code, shown = harness.kfield("playbook", "run", "net-slow", "--answers", str(tmp_path / "named"), "--lang", "en")
        assert code == 2 and "not a regular file" in shown, shown
        code, shown = harness.kfield("report", "readiness", "--rules", str(tmp_path / "named"), "--lang", "en",
                                     "--db", str(tmp_path / "none.sqlite3"))
        assert code == 2 and "not a regular file" in shown and "Traceback" not in shown, shown


def _handoff_library(folder: Path, count: int) -> None:
    for n in range(count):
        end = f"outcome: handoff, handoff: hop-{n + 1}" if n + 1 < count else "outcome: fixed"
        (folder / f"hop-{n}.yaml").write_text(chain_text(3, f"hop-{n}", end), encoding="utf-8")


@pytest.mark.parametrize("count, code, words", [(5, 0, None), (40, 1, "Handed over 20 times")])
def test_a_long_hand_over_chain_ends_in_a_line(tmp_path, monkeypatch, count, code, words):
    library = tmp_path / "library"
    library.mkdir()
    _handoff_library(library, count)
    monkeypatch.setattr(loader, "bundled_dir", lambda kind: library)
    with harness.environment(tmp_path):
        done, shown = harness.kfield("playbook", "run", "hop-0", "--non-interactive", "--lang", "en")
    assert done == code, shown
    assert "Traceback" not in shown and (words is None or words in shown)


@pytest.mark.timeout(60)
def test_saved_progress_that_is_a_fifo_or_a_link_is_refused_not_followed(tmp_path, monkeypatch):
    from kfield.core.errors import UsageError
    from kfield.playbook import store

    monkeypatch.setenv("KFIELD_DATA_DIR", str(tmp_path))
    path = store.progress_path("sample-short")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    with pytest.raises(UsageError) as caught:
        store.load_progress("sample-short")
    assert caught.value.message.key == "pb.resume.unreadable"
    path.unlink()
    (tmp_path / "elsewhere.json").write_text('{"progress_version": 1}', encoding="utf-8")
    os.symlink(tmp_path / "elsewhere.json", path)
    with pytest.raises(UsageError) as caught:
        store.load_progress("sample-short")
    assert caught.value.message.params["reason"].key == "files.is_link"
