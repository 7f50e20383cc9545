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
