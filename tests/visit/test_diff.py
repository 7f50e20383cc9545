from kfield.visit import diff


def run(started, **statuses):
    return {"started": started, "results": [{"check_id": k, "status": v} for k, v in statuses.items()]}


def test_fixed_broken_unchanged_and_incomparable():
    before = run("08:00", PC001="ok", SIGN001="fail", SIGN002="fail", LAN003="ok", PC005="skip", NET001="ok")
    after = run("10:00", PC001="ok", SIGN001="ok", SIGN002="fail", LAN003="error", PC005="ok")
    result = diff.compare(before, after)
    assert [c.check_id for c in result.fixed] == ["SIGN001"]
    assert [c.check_id for c in result.broken] == ["LAN003"]
    assert [c.check_id for c in result.still_broken] == ["SIGN002"]
    assert [c.check_id for c in result.still_ok] == ["PC001"]   # PC005 was skipped, NET001 did not run again
    assert (result.before, result.after) == ("08:00", "10:00")
