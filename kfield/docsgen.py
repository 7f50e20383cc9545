"""Generate docs/checks.md from the registry and the catalogue (both languages), and the README's
architecture map from the modules' docstrings.

Run ``python -m kfield.docsgen`` after adding or changing a check, or a module's ``Map:`` paragraph;
a test fails when either committed text is stale.

Map: generates `docs/checks.md` from the registry and the catalogue, and the README's architecture map from the
`Map:` paragraphs of the modules' docstrings (`python -m kfield.docsgen`; a test fails when either is stale)
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

from kfield.core import registry
from kfield.core.i18n import text

HEADER = """# kfield checks / Danh mục bước kiểm tra

Generated from the registry by `python -m kfield.docsgen` — do not edit by hand.
Tạo tự động từ danh mục bằng `python -m kfield.docsgen` — không sửa tay.

"""


def checks_markdown() -> str:
    checks = registry.load_all()
    parts = [HEADER]
    for area in registry.areas():
        specs = sorted((s for s in checks.values() if s.area == area), key=lambda s: s.id)
        if specs:
            parts.append(f"## {area} — {text(f'area.{area}', 'en')} / {text(f'area.{area}', 'vi')}\n\n")
            parts.extend(_check(spec) for spec in specs)
    parts.append(_params())
    return "".join(parts)


def _check(spec) -> str:
    facts = [f"tags: {', '.join(spec.all_tags)}", f"timeout: {spec.timeout:g} s"]
    if spec.requires:
        facts.append(f"requires: {', '.join(spec.requires)}")
    if spec.admin:
        facts.append("needs administrator rights")
    if spec.platforms:
        facts.append(f"platforms: {', '.join(spec.platforms)}")
    params = [n for n in spec.inputs if n in registry.PARAMS]
    if params:
        facts.append("params: " + ", ".join(f"`{n}`" for n in params))
    return (
        f"### {spec.id} — {text(spec.title_key, 'en')} / {text(spec.title_key, 'vi')}\n\n"
        f"- {text(spec.desc_key, 'en')}\n- {text(spec.desc_key, 'vi')}\n- {'; '.join(facts)}\n\n"
    )


def _params() -> str:
    rows = ["## Profile parameters / Tham số hồ sơ\n\n", "| name | default | en | vi |\n|---|---|---|---|\n"]
    for name, p in sorted(registry.PARAMS.items()):
        default = json.dumps(p.default, default=str, ensure_ascii=False).replace("|", "\\|")
        rows.append(f"| `{name}` | `{default}` | {text(p.doc_key, 'en')} | {text(p.doc_key, 'vi')} |\n")
    return "".join(rows)


# --- the architecture map -------------------------------------------------------------------------
# A docstring paragraph "Map: what" is the row of its own module (a package's, in __init__.py, is the
# folder's); "Map `where`, `where`: what" names what the row is about when it is not that one file.
ROOT = Path(__file__).resolve().parent.parent
MAP_START = "<!-- The architecture map is made from the modules' docstrings by `python -m kfield.docsgen`. -->"
MAP_END = "<!-- End of the architecture map. -->"
LAYERS = ("core", "locale", "platform", "net", "machine", "checks", "diagnose", "playbook", "visit", "aggregate",
          "hub", "formats", "cli", "usb", "docsgen", "testing", "__init__")
_MAP = re.compile(r"Map(?: (?P<where>`[^:]+`))?: (?P<what>.+)", re.S)


def architecture_markdown(root: Path = ROOT) -> str:
    """The map as the README holds it, between its two markers: one row per `Map:` paragraph."""
    rows = [f"| {where} | {what} |\n" for *_, where, what in sorted(_map_rows(root))]
    return f"{MAP_START}\n\n| where | what |\n|---|---|\n{''.join(rows)}\n{MAP_END}"


def _map_rows(root: Path):
    paths = [*(root / "kfield").rglob("*.py"), *(root / "tests").rglob("__init__.py")]
    for path in paths:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        for index, paragraph in enumerate(doc.split("\n\n")):
            found = _MAP.fullmatch(paragraph.strip())
            if found:
                where = " ".join(found["where"].split()) if found["where"] else f"`{_shown(path.relative_to(root))}`"
                yield _rank(path.relative_to(root)), index, where, " ".join(found["what"].split())


def _shown(relative: Path) -> str:
    return f"{relative.parent.as_posix()}/" if relative.name == "__init__.py" else relative.as_posix()


def _rank(relative: Path) -> tuple:
    """Core first, then each layer above it, then the tests; in a layer, the folder before its files."""
    parts = relative.with_suffix("").parts
    layer = parts[1] if parts[0] == "kfield" and len(parts) > 1 else ""
    order = LAYERS.index(layer) if layer in LAYERS else len(LAYERS) + (parts[0] == "tests")
    return order, tuple(p for p in parts if p != "__init__")


def readme_map(readme: str) -> str:
    """The map as a README holds it (markers included); "" when the README has none."""
    start, end = readme.find(MAP_START), readme.find(MAP_END)
    return readme[start:end + len(MAP_END)] if start >= 0 and end > start else ""


def write_readme_map(readme: Path = ROOT / "README.md") -> None:
    body = readme.read_text(encoding="utf-8")
    old = readme_map(body)
    if not old:
        raise SystemExit(f"{readme}: no architecture map markers")
    readme.write_text(body.replace(old, architecture_markdown(), 1), encoding="utf-8")
    print(f"wrote the architecture map in {readme}")


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "checks.md"
    target.write_text(checks_markdown(), encoding="utf-8")
    print(f"wrote {target}")
    if len(sys.argv) == 1:
        write_readme_map()


if __name__ == "__main__":
    main()
