"""Whatever bytes a profile holds, loading it raises only the domain error."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfield.core import profile
from kfield.core.errors import ProfileError

GOOD = (
    "version: 1\nid: fuzz\ntitle: {vi: a, en: b}\nselect:\n  ids: [PC001]\n"
    "params:\n  os_eos_warn_days: 30\n"
)
yaml_chars = st.sampled_from(list(string.printable) + ["đ", "ế", "\t", "{", "}", "[", "]", ":", "-", "&", "*", "!", "%", "@", "`"])


def _load(tmp_path, text):
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        profile.load_profile(path)
    except ProfileError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(yaml_chars, max_size=200))
def test_random_text_only_raises_profile_error(tmp_path, text):
    _load(tmp_path, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(GOOD)), st.integers(0, 20), st.text(yaml_chars, max_size=12))
def test_mutated_good_profile_only_raises_profile_error(tmp_path, at, cut, insert):
    _load(tmp_path, GOOD[:at] + insert + GOOD[at + cut:])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=120))
def test_random_bytes_only_raise_profile_error(tmp_path, raw):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        profile.load_profile(path)
    except ProfileError:
        pass
