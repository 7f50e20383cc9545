"""Fuzzing within a CI budget (about a minute here): seeded mutations of visit logs, zips and
databases, and hostile YAML files, paths and command-line values (tests/fuzz/hostile.py), through
the real commands, asserting no internal error, no traceback, no hang, only documented exit codes,
and that every good record survives. benchmarks/fuzz.py runs 10,000 of each kind.

KFIELD_FUZZ_SEED shifts the seeds (CI can explore new cases each run; a failure names its seed,
and `corpus.log_case(seed)` / `zip_case` / `db_case` / `hostile.case(kind, seed)` rebuild it exactly)."""

import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfield.visit import store
from tests.fuzz import corpus, harness, hostile

SHIFT = int(os.environ.get("KFIELD_FUZZ_SEED", "0"))
CHUNKS, PER_CHUNK = 5, {"log": 60, "zip": 50, "db": 40}


def _assert_clean(total: harness.Outcome):
    assert (total.internal, total.tracebacks, total.lost, total.unexpected_codes) == (0, 0, 0, 0), total.failures


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_visit_logs(chunk):
    total = harness.Outcome()
    first = SHIFT + chunk * PER_CHUNK["log"]
    for seed in range(first, first + PER_CHUNK["log"]):
        commands = ("show", "list", "md", "csv", "xlsx", "diff", "redact", "json") if seed % 10 == 0 else ("show", "list", "md")
        total.add(harness.run_case(corpus.log_case(seed), commands=commands))
    assert total.runs >= PER_CHUNK["log"] * 3
    _assert_clean(total)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_and_hostile_zips(chunk):
    total = harness.Outcome()
    first = SHIFT + chunk * PER_CHUNK["zip"]
    for seed in range(first, first + PER_CHUNK["zip"]):
        total.add(harness.run_case(corpus.zip_case(seed), also_report=seed % 5 == 0))
    _assert_clean(total)


@pytest.fixture(scope="module")
def base_db():
    with tempfile.TemporaryDirectory() as folder:
        yield corpus.base_database(Path(folder))


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_damaged_databases(chunk, base_db):
    total = harness.Outcome()
    first = SHIFT + chunk * PER_CHUNK["db"]
    for seed in range(first, first + PER_CHUNK["db"]):
        total.add(harness.run_case(corpus.db_case(seed, base_db)))
    _assert_clean(total)


@pytest.mark.parametrize("seed", [1432, 6801, 6804, 8240, 8748])
def test_databases_whose_stored_values_are_damaged(seed, base_db):
    """Seeds the 10,000-database benchmark found (2026-12-01): a flipped byte inside a stored value
    (members JSON, a visit's day) or in the header (the journal mode read back is not text) ended in an
    internal error from `report` and `logs import`; now one line, exit 2, nothing lost."""
    outcome = harness.run_case(corpus.db_case(seed, base_db))
    _assert_clean(outcome)


def test_the_corpus_reaches_every_mutation():
    """The oracle is not vacuous: every mutation kind occurs, and most logs keep lines to check."""
    logs = [corpus.log_case(s) for s in range(SHIFT, SHIFT + CHUNKS * PER_CHUNK["log"])]
    seen = {part for case in logs for part in case.mutation.split("+")}
    assert seen == set(corpus._LOG_MUTATIONS)
    assert sum(bool(c.must_keep) for c in logs) > len(logs) // 2
    zips = {corpus.zip_case(s).mutation for s in range(SHIFT, SHIFT + CHUNKS * PER_CHUNK["zip"])}
    assert {m.split(":")[1] for m in zips} == set(corpus._ADDED) | set(corpus._DAMAGE)


def test_the_harness_sees_a_lost_record():
    """A case that claims a line the reader cannot have kept is counted as lost (the oracle can fail)."""
    case = corpus.log_case(SHIFT + 1)
    case.must_keep = case.must_keep | {"never-written"}
    assert harness.run_case(case, commands=("show",)).lost == 1


_json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                            max_leaves=20)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(corpus.good_visit(random.Random(0))[1:2][0].keys())), value=_json_values,
       where=st.sampled_from(["data", "envelope"]))
def test_any_value_in_any_field_with_a_valid_checksum_is_an_event_or_a_damaged_line(kind, value, where):
    event = corpus.good_visit(random.Random(1), events=3)[1]
    target = event["data"] if where == "data" and isinstance(event.get("data"), dict) else event
    target[kind if where == "envelope" else next(iter(target), "x")] = value
    event["sha256"] = corpus.checksum(event)
    raw = corpus.line(event) if "\ud800" not in repr(value) else __import__("json").dumps(event).encode()
    parsed, reason = store.parse_line(raw)
    assert (parsed is None) == bool(reason)
    if parsed is not None:
        from kfield.visit import model

        model.replay([corpus.good_visit(random.Random(1), events=3)[0], parsed])


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_any_bytes_are_read_without_an_exception(raw):
    log = store.parse(raw)
    assert all(d.reason in ("json", "checksum", "fields", "torn") for d in log.damage)


# --- hostile YAML files, paths and command-line values (tests/fuzz/hostile.py) -----------------------

HOSTILE = {"profile": 60, "playbook": 60, "answers": 60, "rules": 40,
           "paths": len(hostile.PATH_KINDS) * len(hostile.PATH_COMMANDS),     # every path kind with every command
           "outputs": len(hostile.OUTPUT_KINDS) * len(hostile.OUTPUT_COMMANDS),
           "args": 4 * len(hostile.ARG_COMMANDS)}


def _assert_no_fault(total: harness.Outcome):
    assert (total.internal, total.tracebacks, total.hangs, total.unexpected_codes, total.outside) == (0, 0, 0, 0, 0), \
        total.failures


@pytest.mark.timeout(600)
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_files_paths_and_values(kind):
    total = hostile.fuzz(kind, range(SHIFT, SHIFT + HOSTILE[kind]))
    assert total.runs >= HOSTILE[kind]
    _assert_no_fault(total)
