"""docs/playbooks-format.md stays true: its YAML parses, its whole example loads and lints."""

import re
from pathlib import Path

import pytest
import yaml

from kfield.playbook import loader
from kfield.playbook.lint import lint_playbook
from tests.playbook.conftest import ROLES

DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "playbooks-format.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.split("\n")[0][:30])
def test_every_yaml_block_parses_with_both_yaml_parsers(block):
    assert yaml.load(block, Loader=yaml.SafeLoader) == yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_the_whole_example_loads_and_is_clean(tmp_path):
    [whole] = [b for b in BLOCKS if b.startswith("id: ")]
    path = tmp_path / "printer-no-print.yaml"
    path.write_text(whole, encoding="utf-8")
    assert lint_playbook(loader.load(path), ROLES, "playbook-tests") == []


def test_every_step_kind_is_documented():
    from kfield.playbook.model import KINDS

    text = DOC.read_text(encoding="utf-8")
    assert all(f"### `{kind}`" in text for kind in KINDS)
