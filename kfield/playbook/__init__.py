"""Playbooks: YAML decision trees where kfield checks answer questions.

model (schema + frozen types) → loader → lint / paths / graph / render;
engine is a pure state machine; session drives it with a console, answers,
saved progress (store) and a transcript. Nothing here imports typer or rich.

Map: playbook engine: `model.py` (schema), `loader.py`, `lint.py`, `paths.py`, `graph.py`, `engine.py` (pure
state machine), `session.py`, `transcript.py`, `store.py`, `docs.py` (generates docs/playbooks.md)
"""
