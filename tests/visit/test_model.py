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
