"""`kfield playbook list|show|graph|lint|paths|run|schema` (see issue: playbook engine)."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
