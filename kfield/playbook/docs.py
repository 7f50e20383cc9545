"""Generate docs/playbooks.md from the bundled playbooks (title, purpose, counts, graph).

Run ``python -m kfield.playbook.docs`` after changing a playbook; a test fails when the
committed file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kfield.core.i18n import display_shown_as
from kfield.playbook import loader
from kfield.playbook.graph import mermaid
from kfield.playbook.paths import all_paths

HEADER = """# Playbook library / Thư viện sổ tay xử lý sự cố

Generated from `playbooks/*.yaml` by `python -m kfield.playbook.docs` — do not edit by hand.
Tạo tự động từ `playbooks/*.yaml` bằng `python -m kfield.playbook.docs` — không sửa tay.
Run one with `kfield playbook run ID --lang vi`. Windows menus (`{menu[NAME]}`, docs/playbooks-format.md)
are named as the PC's Windows shows them; the graphs below give the English Windows names.

| id | system | steps | paths | vi | en |
|---|---|---|---|---|---|
"""


def library_markdown() -> str:
    """The same on every machine: the graphs are in English, so Windows menus are named as an English
    Windows shows them (a student's run names them as the PC does)."""
    playbooks = [loader.load(path) for path in loader.bundled()]
    with display_shown_as("en-US"):
        rows = [_row(p) for p in playbooks]
        return HEADER + "".join(rows) + "\n" + "".join(_section(p) for p in playbooks)


def _counts(playbook) -> tuple[int, str]:
    paths, truncated = all_paths(playbook)
    return len(playbook.steps), f"{len(paths)}{'+' if truncated else ''}"


def _row(playbook) -> str:
    steps, paths = _counts(playbook)
    return (f"| [`{playbook.id}`](#{playbook.id}) | {playbook.system} | {steps} | {paths} | "
            f"{playbook.title.vi} | {playbook.title.en} |\n")


def _section(playbook) -> str:
    steps, paths = _counts(playbook)
    return (
        f"## {playbook.id}\n\n**{playbook.title.vi}** — {playbook.title.en}\n\n"
        f"- {playbook.summary.vi}\n- {playbook.summary.en}\n"
        f"- system `{playbook.system}`, version {playbook.version}, {steps} steps, {paths} paths\n\n"
        f"```mermaid\n{mermaid(playbook, 'en')}```\n\n"
    )


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "docs" / "playbooks.md"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    target.write_text(library_markdown(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
