"""The layering the folders show holds in the code: every import of kfield, at the top of a module or
inside a function, read with ast (a lazy import is a dependency all the same)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each package may import of kfield besides itself ("kfield" = the root package's version).
ALLOWED = {
    "locale": set(),
    "core": {"kfield", "locale"},
    "platform": {"core"},
    "net": {"core", "platform"},
    "checks": {"core", "locale", "net", "platform"},
    "formats": {"kfield", "core", "locale", "visit"},     # visit: the data an export renders
    "visit": {"kfield", "core", "locale", "playbook"},    # gathers data; formats renders it
}
# Known and named: the remedies name Windows menus as this PC shows them, a Host fact asked lazily.
EXCEPTIONS = {("kfield.core.i18n", "kfield.platform")}


def imports(package: Path) -> set[tuple[str, str]]:
    """(importing module, imported module) for every absolute kfield import under ``package``."""
    found = set()
    for path in package.rglob("*.py"):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {(module, name) for name in names if name.split(".")[0] == package.name}
    return found


def violations(package: Path, allowed: dict[str, set[str]], exceptions=frozenset()) -> list[str]:
    def area(module: str) -> str:
        parts = module.split(".")
        return parts[1] if len(parts) > 1 else parts[0]

    bad = []
    for importer, imported in sorted(imports(package)):
        mine, theirs = area(importer), area(imported)
        if mine in allowed and theirs != mine and theirs not in allowed[mine] \
                and (importer, imported) not in exceptions:
            bad.append(f"{importer} imports {imported}")
    return bad


def test_the_layers_hold():
    assert violations(ROOT / "kfield", ALLOWED, EXCEPTIONS) == []


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_every_layer_exists(name):
    assert (ROOT / "kfield" / name).is_dir()


def test_the_exceptions_are_still_needed():
    assert EXCEPTIONS <= imports(ROOT / "kfield"), "an exception no longer occurs: remove it"


def test_a_violation_is_found(tmp_path):
    """The reader sees a lazy import inside a function and a `from … import` alike."""
    package = tmp_path / "kfield"
    (package / "core").mkdir(parents=True)
    (package / "cli").mkdir()
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("def f():\n    from kfield.cli import app\n")
    (package / "core" / "b.py").write_text("import kfield.cli.main\nfrom kfield.core import a\n")
    assert violations(package, {"core": set()}) == ["kfield.core.a imports kfield.cli",
                                                     "kfield.core.b imports kfield.cli.main"]


def _calls(path: Path, names: set[str], root: Path = ROOT) -> list[str]:
    """`json.dumps(…)` and the like called in a module: (module.attribute) names found."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and f"{node.func.value.id}.{node.func.attr}" in names:
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


# The dashboard's data block is a script's input inside the page, not a JSON document.
JSON_ELSEWHERE = {"kfield/formats/json.py", "kfield/formats/dashboard.py"}


def test_every_json_output_goes_through_the_one_writer():
    modules = [*(ROOT / "kfield" / "cli").rglob("*.py"), *(ROOT / "kfield" / "formats").rglob("*.py")]
    stray = [hit for path in modules if str(path.relative_to(ROOT)) not in JSON_ELSEWHERE
             for hit in _calls(path, {"json.dumps", "json.dump", "json.JSONEncoder"})]
    assert stray == [], "write JSON output with kfield.formats.json.document / envelope / pieces"


def test_html_is_escaped_in_one_place():
    modules = (ROOT / "kfield").rglob("*.py")
    stray = [hit for path in modules if path.name != "cells.py" for hit in _calls(path, {"html.escape"})]
    assert stray == [], "escape HTML with kfield.formats.cells.html_text"


def test_files_are_replaced_by_the_one_atomic_writer():
    """os.replace / os.rename appear only in kfield/core/atomic.py (and the stick's verify.py, which
    runs alone on the stick with the standard library only)."""
    alone = {"kfield/core/atomic.py", "kfield/usb/manifest.py"}
    stray = [hit for path in (ROOT / "kfield").rglob("*.py") if str(path.relative_to(ROOT)) not in alone
             for hit in _calls(path, {"os.replace", "os.rename"})]
    assert stray == [], "write files with kfield.core.atomic"


def test_the_call_finder_sees_a_stray_call(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import json, os\ndef f(x):\n    os.replace('a', 'b')\n    return json.dumps(x)\n")
    assert _calls(module, {"json.dumps"}, tmp_path) == ["m.py:4"]


def test_the_readme_map_is_the_one_the_docstrings_make():
    from kfield.docsgen import architecture_markdown, readme_map

    committed = readme_map((ROOT / "README.md").read_text(encoding="utf-8"))
    assert committed == architecture_markdown(), "the README's architecture map is stale: run python -m kfield.docsgen"


def test_every_package_has_a_place_on_the_map():
    from kfield.docsgen import architecture_markdown

    shown = architecture_markdown()
    packages = sorted(p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "kfield").rglob("__init__.py"))
    missing = [p for p in packages if p != "kfield" and f"`{p}/" not in shown]
    assert missing == [], "give the package's __init__.py docstring a 'Map:' paragraph"


def test_a_map_paragraph_becomes_a_row(tmp_path):
    from kfield.docsgen import architecture_markdown

    (tmp_path / "kfield" / "core").mkdir(parents=True)
    (tmp_path / "tests").mkdir()
    (tmp_path / "kfield" / "core" / "__init__.py").write_text('"""The core.\n\nMap: the core\nof it all\n"""\n')
    (tmp_path / "kfield" / "core" / "a.py").write_text('"""A.\n\nNot a map paragraph.\n\nMap `x/`, `y/`: two\n"""\n')
    rows = [line for line in architecture_markdown(tmp_path).splitlines() if line.startswith("| `")]
    assert rows == ["| `kfield/core/` | the core of it all |", "| `x/`, `y/` | two |"]
