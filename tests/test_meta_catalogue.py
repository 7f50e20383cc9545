"""Meta-tests over the catalogue and the registry: nothing missing, nothing unused."""

import ast
import string
from pathlib import Path

import pytest

from kfield.core import registry
from kfield.core.i18n import catalogue
from kfield.core.result import Status

PACKAGE = Path(__file__).resolve().parent.parent / "kfield"


def _literals_and_measures():
    literals, measured = set(), set()

    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "locale":      # the catalogue itself names every key: it proves no use
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "measure":
                if node.args and isinstance(node.args[0], ast.Constant):
                    measured.add(node.args[0].value)
                if len(node.args) > 2 and isinstance(node.args[2], ast.Constant):
                    UNITS.add(node.args[2].value)
    return literals, measured


UNITS: set = set()
LITERALS, MEASURED = _literals_and_measures()


def _fields(template):
    return sorted({name for _, name, _, _ in string.Formatter().parse(template) if name})


def test_every_entry_has_both_languages_with_the_same_parameters():
    for key, pair in catalogue().items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        vi, en = pair
        assert vi.strip() and en.strip(), f"{key}: empty text"
        assert _fields(vi) == _fields(en), f"{key}: parameters differ {_fields(vi)} vs {_fields(en)}"


def _dynamic_keys():
    checks = registry.load_all()
    keys = {f"status.{s.value}" for s in Status}
    keys |= {f"area.{a}" for a in registry.areas()}
    keys |= {k for spec in checks.values() for k in (spec.title_key, spec.desc_key)}
    keys |= {p.doc_key for p in registry.PARAMS.values()}
    keys |= {f"ev.{name}" for name in MEASURED}
    keys |= {f"unit.{unit}" for unit in UNITS}
    return keys | _families()


def _families():
    """Keys built from a value at run time (f"visit.outcome.{outcome}"), from the values' own declarations."""
    from kfield.aggregate import importer, readiness, reports, sources
    from kfield.checks import net
    from kfield.cli import logs
    from kfield.core.errors import SOURCE_REASONS
    from kfield.diagnose import rules
    from kfield.formats import dashboard
    from kfield.visit import export, model

    keys = {f"diag.place.{p}" for p in (*rules.PLACES, "healthy", "unknown")}   # the last two: engine.decide
    keys |= {k for k in catalogue() if k.endswith(".linux") and k.removesuffix(".linux") in LITERALS}  # runner.for_platform
    keys |= {r.reason for r in rules.load().rules}
    keys |= {f"visit.outcome.{o}" for o in model.OUTCOMES} | {f"export.table.{t}" for t in export.TABLES}
    keys |= {f"platform.source.{r}" for r in SOURCE_REASONS}                               # core/errors.py
    keys |= {f"visit.diff.{g}" for g in ("fixed", "broken", "still_broken")}              # formats/visit.py
    keys |= {f"visit.kind.{k}" for k in ("note", "task", "problem", "train")}             # cli/visit.py
    keys |= {f"system.{s}" for s in model.SYSTEMS} | {f"visit.task.{t}" for t in model.TASKS}
    keys |= {f"export.col.{c}" for columns in export.TABLES.values() for c in columns}
    from kfield.cli import clicktext

    keys |= {f"click.msg.{m}" for m in clicktext.MSGIDS} | {f"click.type.{t}" for t in clicktext.TYPES}
    keys |= {f"click.pyd.{p}" for p in clicktext.PYDANTIC}
    from kfield.core import oserrors

    keys |= {f"os.{name}" for name in oserrors.KNOWN} | {f"report.fault.{k}" for k in reports.FAULT_KINDS}
    keys |= {f"click.err.missing_{k}" for k in ("option", "argument", "parameter")}
    keys |= {f"visit.list.head.{c}" for c in ("id", "commune", "started", "ended", "problems", "trained")}
    keys |= {f"scan.method.{m}" for m in ("arp", "neighbour")} | {f"scan.phase.{p}" for p in ("names", "ports")}
    keys |= {f"scan.role.{r}" for r in ("gateway", "printer", "self")}                    # formats/scan.py
    keys |= {f"report.title.{n}" for n in reports.NAMES} | {f"report.tile.{k}" for k in dashboard.TILES}
    keys |= {f"report.col.{c}" for columns in reports.COLUMNS.values() for c in columns}
    keys |= {f"report.answer.{a.value}" for a in readiness.Answer}
    keys |= {f"agg.refused.{r}" for r in sources.REASONS} | {f"agg.damage.{d}" for d in logs.DAMAGE}
    keys |= {k for word in net.PROBLEM_WORDS for k in (f"net.web.{word}", f"ev.portal_{word}")}   # checks/net.py
    from kfield.checks import sign
    from kfield.core import settings

    keys |= {f"ready.link.{link}" for link in readiness.LINKS}                               # aggregate/readiness.py
    keys |= {f"ev.sign_{r}" for r in sign.REASONS} | {s.title_key for s in settings.SETTINGS.values()}  # checks/sign.py
    return keys | {f"agg.issue.{k}" for k in importer.ISSUE_KINDS}


def test_no_unused_keys():
    used = _dynamic_keys() | LITERALS
    unused = sorted(k for k in catalogue() if k not in used)
    assert not unused, f"catalogue keys no code uses: {unused}"


def test_every_area_has_a_name():
    missing = [f"area.{area}" for area in registry.areas() if f"area.{area}" not in catalogue()]
    assert not missing, missing


def test_every_check_has_title_and_description_in_both_languages():
    for spec in registry.load_all().values():
        for key in (spec.title_key, spec.desc_key):
            assert key in catalogue(), f"missing {key}"


def test_every_param_and_measure_has_a_label():
    registry.load_all()
    missing = [p.doc_key for p in registry.PARAMS.values() if p.doc_key not in catalogue()]
    missing += [f"ev.{name}" for name in sorted(MEASURED) if f"ev.{name}" not in catalogue()]
    assert not missing, missing


def test_literal_catalogue_keys_in_code_exist():
    prefixes = ("core.", "schema.", "profile.", "platform.", "cli.", "help.", "fmt.", "pc.", "sign.", "sec.", "lan.", "net.", "pb.")
    candidates = {s for s in LITERALS if s.startswith(prefixes) and " " not in s and not s.endswith(".")}
    missing = sorted(k for k in candidates if k not in catalogue() and not k.endswith((".py", ".yaml", ".json")))
    assert not missing, f"keys used in code but absent from the catalogue: {missing}"


def test_check_ids_are_unique_stable_and_prefixed_by_their_area():
    checks = registry.load_all()
    for check_id, spec in checks.items():
        assert spec.id == check_id
        assert spec.area in registry.AREA_MODULES, check_id


def test_every_check_input_is_a_provider_or_a_param():
    import inspect

    checks = registry.load_all()
    for spec in checks.values():
        for name, p in inspect.signature(spec.func).parameters.items():
            known = name in registry.PROVIDERS or name in registry.PARAMS
            assert known or p.default is not inspect.Parameter.empty, f"{spec.id}: input {name} cannot be injected"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_vietnamese_text_has_diacritics(lang):
    vi_letters = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    texts = [pair[0] for key, pair in catalogue().items() if key.startswith("check.") and key.endswith(".title")]
    assert all(any(ch in vi_letters for ch in t.lower()) for t in texts) or lang == "en"
