import pytest

from kfield.visit import model, store


def events(*items):
    return [store.make_event(kind, "v1", data) for kind, data in items]


START = ("start", {"commune_code": 22366, "commune": "Phường Nha Trang", "members": ["An"], "school": "NTU"})


def test_replay_folds_in_order_and_a_problem_can_change_outcome():
    evs = events(START, ("problem", {"problem": "p1", "text": "Máy in", "system": "printer", "outcome": "pending"}),
                 ("problem", {"problem": "p1", "outcome": "fixed"}), ("train", {"topic": "ATTT", "officials": 9}),
                 ("train", {"topic": "Kỹ năng số", "officials": 3}), ("end", {}))
    visit = model.replay(evs)
    assert visit.problems == (model.Problem("p1", "Máy in", "printer", "fixed"),)
    assert visit.officials_trained == 12 and not visit.open and visit.systems == ("printer",)


def test_unknown_event_types_from_a_newer_kfield_are_ignored():
    visit = model.replay(events(START, ("hologram", {"x": 1})))
    assert visit.commune == "Phường Nha Trang" and visit.open


def test_outline_counts_what_replay_keeps_and_keeps_the_first_and_last_run():
    run = lambda n: ("check_run", {"schema_version": 1, "started": f"2026-11-24T0{n}:00:00+00:00", "results": []})  # noqa: E731
    evs = events(START, ("note", {"text": "một"}), run(1), ("problem", {"text": "Mạng", "system": "network",
                 "outcome": "pending"}), run(2), ("note", {"text": "hai"}), run(3), ("task", {"task": "lan"}),
                 ("transcript", {"playbook": "x", "steps": []}), ("train", {"topic": "ATTT", "officials": 4}),
                 ("cancel", {"reason": "thử"}))
    full, folded = model.replay(evs), model.outline(evs)
    assert (folded.notes, folded.checks, folded.transcripts) == (2, 3, 1)
    assert folded.first_check == full.checks[0] and folded.last_check == full.checks[-1]
    assert folded.visit == model.Visit(**{**full.__dict__, "notes": (), "checks": (), "transcripts": ()})


def test_outline_of_a_visit_without_runs():
    folded = model.outline(events(START, ("note", {"text": "một"})))
    assert folded.first_check is None and folded.last_check is None and folded.checks == 0


def test_outline_first_run_is_the_first_even_when_empty():
    folded = model.outline(events(START, ("check_run", {}), ("check_run", {"results": []})))
    assert folded.first_check == {} and folded.last_check == {"results": []} and folded.checks == 2


@pytest.mark.parametrize("word, system", [("máy in", "printer"), ("may in", "printer"), ("MÁY IN ", "printer"),
                                          ("ký số", "signing"), ("ky so", "signing"), ("printers", "printer"),
                                          ("Mạng LAN", "network"), ("duong truyen internet", "network"),
                                          ("de an 06", "vneid"), ("máy quét", "scan"), ("khac", "other"),
                                          ("printer", "printer"), ("internet", "network"), ("public services", "dvc")])
def test_systems_are_typed_in_the_readers_words(word, system):
    assert model.system_of(word) == system


@pytest.mark.parametrize("word, task", [("mạng LAN", "lan"), ("mang lan", "lan"), ("tự học MOOC", "mooc"),
                                        ("so hoa ho so", "digitisation"), ("lan", "lan"), ("máy in", "printer")])
def test_tasks_are_typed_in_the_readers_words(word, task):
    assert model.task_of(word) == task


@pytest.mark.parametrize("word, outcome", [("đã xử lý", "fixed"), ("da xu ly", "fixed"), ("Chuyển cấp trên", "escalated"),
                                           ("con cho", "pending"), ("pending", "pending")])
def test_outcomes_are_typed_in_the_readers_words(word, outcome):
    assert model.outcome_of(word) == outcome


def test_unknown_words_name_nothing():
    assert (model.system_of("wifi"), model.task_of("máy"), model.outcome_of("xong")) == (None, None, None)


def test_no_word_of_a_vocabulary_names_two_things():
    """Folded, a label of one code is never a label (or code) of another: «máy tính» names one system."""
    for kind, codes in (("system", model.SYSTEMS), ("task", model.TASKS), ("outcome", model.OUTCOMES)):
        seen: dict[str, str] = {}
        for code in codes:
            for word in (code, *model.labels(kind, code)):
                folded = model.fold(word)
                assert seen.setdefault(folded, code) == code, (kind, word, seen[folded], code)
