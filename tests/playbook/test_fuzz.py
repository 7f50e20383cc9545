"""Whatever a playbook file holds, loading it raises only the domain error; what loads
can be linted, walked and drawn without crashing."""

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfield.core.errors import ProfileError
from kfield.playbook import loader
from kfield.playbook.graph import mermaid
from kfield.playbook.lint import lint_playbook
from kfield.playbook.paths import all_paths
from tests.playbook.conftest import SHORT, SIGNING

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
yaml_chars = st.sampled_from(list(string.printable) + ["đ", "ế", "\t", "{", "}", "[", "]", ":", "-", "&", "*",
                                                       "!", "%", "@", "`", "?", "|", ">"])
GOOD_TEXTS = [SHORT.read_text(encoding="utf-8"), SIGNING.read_text(encoding="utf-8")]
WORDS = ["id", "version", "title", "summary", "system", "start", "steps", "vars", "kind", "text", "choices",
         "label", "next", "set", "check", "params", "branches", "done", "not_done", "var", "cases", "default",
         "outcome", "contact", "vi", "en", "ask", "info", "do", "end", "switch", "PC001", "fixed", "escalate",
         "other", "ok", "a", "b", "2020-13-45", "!!binary x", "os_eos_warn_days", "tags"]


def _try(tmp_path, text=None, raw=None):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw if raw is not None else text.encode("utf-8", "surrogatepass"))
    try:
        playbook = loader.load(path)
    except ProfileError:
        return
    lint_playbook(playbook, set(), "p")
    all_paths(playbook, max_paths=50)
    mermaid(playbook, "vi")


@FUZZ
@given(st.text(yaml_chars, max_size=200))
def test_random_text(tmp_path, text):
    _try(tmp_path, text)


@FUZZ
@given(st.sampled_from(GOOD_TEXTS), st.integers(0, 4000), st.integers(0, 30), st.text(yaml_chars, max_size=12))
def test_mutated_good_playbooks(tmp_path, good, at, cut, insert):
    at %= len(good) + 1
    _try(tmp_path, good[:at] + insert + good[at + cut:])


scalars = st.one_of(st.sampled_from(WORDS), st.integers(-2, 3), st.booleans(), st.none(), st.floats(allow_nan=True))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(WORDS), inner, max_size=6)), max_leaves=40)


@FUZZ
@given(st.dictionaries(st.sampled_from(WORDS), trees, max_size=10))
def test_random_structures_built_from_the_format_s_words(tmp_path, tree):
    _try(tmp_path, yaml.safe_dump(tree, allow_unicode=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=120))
def test_random_bytes(tmp_path, raw):
    _try(tmp_path, raw=raw)


def test_cyclic_aliases_and_unknown_tags_are_domain_errors(tmp_path):
    for text in ("a: &x [*x]\n", "id: !foo bar\n", "steps: {s: !!python/object:os.system x}\n",
                 "id: 2020-13-45\n", "? [a, b]\n: c\n"):
        _try(tmp_path, text)
