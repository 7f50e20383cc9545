from kfield.playbook import loader
from kfield.playbook.paths import all_paths
from tests.playbook.conftest import BAD, SHORT, SIGNING


def test_short_playbook_has_exactly_its_three_paths():
    found, truncated = all_paths(loader.load(SHORT))
    assert not truncated
    assert [(p.steps(), p.outcome) for p in found] == [
        (["power", "cable", "fixed"], "fixed"),
        (["power", "cable", "not-fixed"], "not_fixed"),
        (["power", "not-fixed"], "not_fixed"),
    ]
    assert found[0].answers() == ["on", "done"]


def test_switch_follows_the_variables_set_on_the_path():
    found, _ = all_paths(loader.load(SIGNING))
    for path in found:
        steps = path.steps()
        if "use-chromium" in steps:
            assert path.hops[0].label == "other"  # only "other" leaves browser without a case
        if "lna-branch" in steps:
            switch = next(h for h in path.hops if h.step == "lna-branch")
            assert switch.label in ("browser=Chrome", "browser=Edge", "browser=Firefox")


def test_every_path_ends_and_every_step_and_edge_is_covered():
    playbook = loader.load(SIGNING)
    found, truncated = all_paths(playbook)
    assert not truncated and len(found) == 33
    assert {s for p in found for s in p.steps()} == set(playbook.steps)
    taken = {(h.step, h.label) for p in found for h in p.hops if h.kind != "switch"}
    edges = {(s.id, e.label) for s in playbook.steps.values() if s.kind != "switch" for e in s.edges()}
    assert taken == edges  # the retry loop included, once
    assert {p.outcome for p in found} == {"fixed", "escalate", "not_fixed"}


def test_the_bound_cuts_and_says_so():
    found, truncated = all_paths(loader.load(SIGNING), max_paths=5)
    assert len(found) == 5 and truncated


def test_a_trapped_cycle_yields_only_the_real_paths_and_terminates():
    found, truncated = all_paths(loader.load(BAD / "trapped-cycle.yaml"))
    assert [p.steps() for p in found] == [["first", "done-ok"]] and not truncated


def test_statuses_and_json_form():
    found, _ = all_paths(loader.load(SIGNING))
    escalated = [p for p in found if p.end == "os-unsupported"]
    assert {tuple(p.statuses()) for p in escalated} == {("fail",)}
    data = escalated[0].to_dict()
    assert data["outcome"] == "escalate" and data["contact"] == "provincial_it" and data["answers"] == ["chrome"]
