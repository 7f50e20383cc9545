import threading
import time

from kfield.core import result as r
from kfield.core.registry import CheckSpec
from kfield.core.runner import run
from kfield.platform.base import NotSupported
from kfield.core.errors import CommandFailed


def spec(check_id, func, **kw):
    return CheckSpec(check_id, func, **kw)


def by_id(results):
    return {x.check_id: x for x in results}


def test_independent_checks_run_concurrently():
    barrier = threading.Barrier(3, timeout=5)

    def waits():
        barrier.wait()  # only passes if all three run at the same time
        return r.ok("x")

    out = by_id(run([spec(f"T00{i}", waits) for i in range(3)], {}))
    assert {x.status for x in out.values()} == {r.Status.OK}


def test_timeout_becomes_error_and_others_still_report():
    def hangs():
        time.sleep(30)

    out = by_id(run([spec("T001", hangs, timeout=0.3), spec("T002", lambda: r.ok("fine"))], {}))
    assert out["T001"].status is r.Status.ERROR
    assert out["T001"].summary.key == "core.error.timeout"
    assert out["T001"].summary.params["seconds"] == "0.3"
    assert out["T002"].status is r.Status.OK


def test_overall_deadline_errors_running_and_skips_waiting():
    def slow():
        time.sleep(30)

    checks = [spec("T001", slow, timeout=60), spec("T002", lambda: r.ok("x"), requires=("T001",))]
    started = time.monotonic()
    out = by_id(run(checks, {}, deadline_s=0.3))
    assert time.monotonic() - started < 5
    assert out["T001"].status is r.Status.ERROR
    assert out["T002"].status is r.Status.SKIP and out["T002"].summary.key == "core.skip.deadline"


def test_failed_prerequisite_skips_with_its_name():
    checks = [spec("T001", lambda: r.fail("down")), spec("T002", lambda: r.ok("x"), requires=("T001",))]
    out = by_id(run(checks, {}))
    assert out["T002"].status is r.Status.SKIP
    assert dict(out["T002"].summary.params) == {"check": "T001", "status": "fail"}


def test_warn_prerequisite_does_not_block():
    checks = [spec("T001", lambda: r.warn("meh")), spec("T002", lambda: r.ok("x"), requires=("T001",))]
    assert by_id(run(checks, {}))["T002"].status is r.Status.OK


def test_prerequisite_runs_first():
    order = []

    def first():
        time.sleep(0.1)
        order.append("T001")
        return r.ok("a")

    def second():
        order.append("T002")
        return r.ok("b")

    list(run([spec("T002", second, requires=("T001",)), spec("T001", first)], {}))
    assert order == ["T001", "T002"]


def test_platform_and_admin_skips():
    checks = [spec("T001", lambda: r.ok("x"), platforms=("windows",)), spec("T002", lambda: r.ok("x"), admin=True)]
    out = by_id(run(checks, {}, platform="linux", admin=False))
    assert out["T001"].summary.key == "core.skip.platform"
    assert out["T002"].summary.key == "core.skip.admin"


def test_exceptions_become_results():
    def crash():
        raise ValueError("boom")

    def unsupported():
        raise NotSupported("platform.windows_only")

    def command():
        raise CommandFailed(["netsh"], "exit 1")

    out = by_id(run([spec("T001", crash), spec("T002", unsupported), spec("T003", command),
                     spec("T004", lambda: "not a result")], {}))
    assert out["T001"].status is r.Status.ERROR and "boom" in out["T001"].summary.params["error"]
    assert out["T002"].status is r.Status.SKIP and out["T002"].summary.key == "platform.windows_only"
    assert out["T003"].summary.key == "platform.command_failed"
    assert out["T004"].summary.key == "core.error.bad_return"


def test_inputs_are_injected_by_name_and_results_stamped():
    def needs(host, limit):
        return r.ok("x", evidence=(r.measure("limit", limit),), host=host)

    [res] = run([spec("T001", needs)], {"host": "H", "limit": 5, "unused": 1}, admin=True)
    assert res.check_id == "T001" and res.admin is True and res.duration_s >= 0
    assert res.summary.params["host"] == "H" and res.evidence[0].value == 5


def test_observer_sees_every_check():
    seen = {"planned": 0, "started": [], "finished": []}

    class Obs:
        def planned(self, specs):
            seen["planned"] = len(specs)

        def started(self, s):
            seen["started"].append(s.id)

        def finished(self, res):
            seen["finished"].append(res.check_id)

    checks = [spec("T001", lambda: r.fail("x")), spec("T002", lambda: r.ok("y"), requires=("T001",))]
    list(run(checks, {}, observer=Obs()))
    assert seen["planned"] == 2 and seen["started"] == ["T001"]
    assert sorted(seen["finished"]) == ["T001", "T002"]


def test_max_workers_bounds_concurrency():
    live, peak, lock = [0], [0], threading.Lock()

    def counted():
        with lock:
            live[0] += 1
            peak[0] = max(peak[0], live[0])
        time.sleep(0.05)
        with lock:
            live[0] -= 1
        return r.ok("x")

    list(run([spec(f"T{i:03d}", counted) for i in range(8)], {}, max_workers=2))
    assert peak[0] <= 2


def test_the_runner_gives_each_remedy_in_the_words_of_its_platform():
    """A check run through the runner on Linux gets the `.linux` wording of its remedy, where there
    is one; a remedy without one, and every remedy on Windows, stays as it is."""
    from kfield.core import registry
    from kfield.core.runner import for_platform
    from tests.fakes import FakeHost

    tz = r.Result("PC008", r.Status.WARN, r.Message("pc.tz.wrong", {"actual": "+00:00", "expected": "+07:00"}),
                  remedy=r.Message("pc.tz.remedy", {"expected": "+07:00"}))
    assert for_platform(tz, "linux").remedy == r.Message("pc.tz.remedy.linux", {"expected": "+07:00"})
    assert for_platform(tz, "windows") is tz
    plain = r.Result("SIGN001", r.Status.FAIL, r.Message("sign.port.none"), remedy=r.Message("sign.port.remedy"))
    assert for_platform(plain, "linux") is plain
    host = FakeHost(utc_offset_minutes=0, timezone_name="UTC")
    inputs = {"host": host, "expected_utc_offset": "+07:00"}
    for platform, key in (("linux", "pc.tz.remedy.linux"), ("windows", "pc.tz.remedy")):
        results = list(run([registry.load_all()["PC008"]], inputs, platform=platform))
        assert results[0].remedy.key == key
