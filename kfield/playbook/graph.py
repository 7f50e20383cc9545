"""A playbook as a Mermaid flowchart (paste into Markdown, GitLab, GitHub or mermaid.live).

Node ids are generated (n1, n2, …) because step ids may be Mermaid keywords such as
``end``; each label starts with the step id so the chart maps back to the file.
Shapes: question {rhombus}, check [[subroutine]], do [/parallelogram/], info [box],
switch {{hexagon}}, end ([stadium]).
"""

from __future__ import annotations

from kfield.core.i18n import text
from kfield.playbook import model as m
from kfield.playbook.render import OUTCOME_KEYS, edge_labels, step_summary

SHAPES = {"count": ("[\\", "\\]"), "ask": ("{", "}"), "check": ("[[", "]]"), "do": ("[/", "/]"), "info": ("[", "]"),
          "switch": ("{{", "}}"), "end": ("([", "])"), "diagnose": ("[(", ")]")}
LABEL_MAX = 70


def mermaid(playbook: m.Playbook, lang: str) -> str:
    ids = {step_id: f"n{n}" for n, step_id in enumerate(playbook.steps, 1)}
    lines = ["flowchart TD", f"  %% {playbook.id} v{playbook.version}: {_quote(playbook.title.get(lang))}"]
    for step in playbook.steps.values():
        opening, closing = SHAPES[step.kind]
        lines.append(f'  {ids[step.id]}{opening}"{_label(step, lang)}"{closing}')
    for step in playbook.steps.values():
        for label, target in edge_labels(step, lang):
            lines.append(f'  {ids[step.id]} -->|"{_quote(_short(label))}"| {ids[target]}')
    lines += [f"  class {ids[s.id]} {s.outcome}" for s in playbook.steps.values() if isinstance(s, m.End)]
    lines.append(f"  class {ids[playbook.start]} start")
    lines += _styles(lang)
    return "\n".join(lines) + "\n"


def _label(step: m.Step, lang: str) -> str:
    return _quote(f"{step.id}: {_short(step_summary(step, lang))}")


def _short(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= LABEL_MAX else words[: LABEL_MAX - 1] + "…"


def _quote(words: str) -> str:
    """Mermaid labels in double quotes: quotes and angle brackets become entities."""
    return words.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def _styles(lang: str) -> list[str]:
    colours = {"fixed": "#d4edda", "escalate": "#fff3cd", "not_fixed": "#f8d7da", "handoff": "#d6e4f5"}
    lines = [f"  classDef {kind} fill:{colour}" for kind, colour in colours.items()]
    lines.append("  classDef start stroke-width:3px")
    legend = ", ".join(f"{kind} = {text(OUTCOME_KEYS[kind], lang)}" for kind in colours)
    return lines + [f"  %% {legend}"]
