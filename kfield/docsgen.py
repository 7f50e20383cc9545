"""Generate docs/checks.md from the registry and the catalogue (both languages).

Run ``python -m kfield.docsgen`` after adding or changing a check; a test fails when
the committed file is stale.
"""

from __future__ import annotations

import json
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


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "checks.md"
    target.write_text(checks_markdown(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
