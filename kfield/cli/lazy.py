"""Command groups imported only when used, so `kfield --help` stays fast.

The top-level help lists every group with its short help from the catalogue without
importing the group's module; running `kfield playbook …` imports kfield.cli.playbook.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from kfield.cli.help import h

# group name → (module holding a Typer `app`, catalogue key of its help)
LAZY_GROUPS = {
    "checks": ("kfield.cli.checks", "help.checks"),
    "profile": ("kfield.cli.profile", "help.profile"),
    "playbook": ("kfield.cli.playbook", "help.playbook"),
    "lan": ("kfield.cli.lan", "help.lan"),
    "net": ("kfield.cli.net", "help.net"),
    "member": ("kfield.cli.member", "help.member"),
    "visit": ("kfield.cli.visit", "help.visit"),
    "logs": ("kfield.cli.logs", "help.logs"),
    "usb": ("kfield.cli.usb", "help.usb"),
    "hub": ("kfield.cli.hub", "help.hub"),
}


# command name → (module, function, catalogue key of its help): single commands loaded on first use
LAZY_COMMANDS = {
    "diagnose": ("kfield.cli.diagnose", "diagnose", "help.diagnose"),
    "serve": ("kfield.cli.serve", "serve", "help.serve"),
    "export": ("kfield.cli.export", "export", "help.export"),
    "run": ("kfield.cli.scripted", "run", "help.run"),
    "report": ("kfield.cli.report", "report", "help.report"),
}


def load_command(name: str):
    module, function, help_key = LAZY_COMMANDS[name]
    parent = typer.Typer(rich_markup_mode=None)
    parent.command(name, help=h(help_key), epilog=h("help.exit_codes"))(getattr(importlib.import_module(module), function))
    return typer.main.get_command(parent)


def load_group(name: str):
    """The click command for a lazy group, built exactly as add_typer would build it."""
    module, help_key = LAZY_GROUPS[name]
    parent = typer.Typer(rich_markup_mode=None)
    parent.add_typer(importlib.import_module(module).app, name=name, help=h(help_key))
    return typer.main.get_command(parent).commands[name]


class LazyGroup(TyperGroup):
    def list_commands(self, ctx) -> list[str]:
        lazy = [*LAZY_COMMANDS, *LAZY_GROUPS]
        return [*self.commands, *(n for n in lazy if n not in self.commands)]

    def get_command(self, ctx, cmd_name: str):
        if cmd_name in LAZY_GROUPS and cmd_name not in self.commands:
            self.commands[cmd_name] = load_group(cmd_name)
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx, formatter) -> None:
        rows = [(name, self._short_help(name, formatter.width)) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(h("help.commands")):
                formatter.write_dl(rows)

    def _short_help(self, name: str, width: int) -> str:
        if name in self.commands and name not in LAZY_GROUPS and name not in LAZY_COMMANDS and name != "check":
            return self.commands[name].get_short_help_str(width - 16)
        text = h("help.check") if name == "check" else h(LAZY_GROUPS[name][1] if name in LAZY_GROUPS else LAZY_COMMANDS[name][2])
        return shorten(text, width - 16)


def shorten(text: str, limit: int) -> str:
    """The first sentence if it fits, else whole words up to the limit and "…" (never cut mid-word)."""
    first = text.split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—- ")
    return cut + "…"
