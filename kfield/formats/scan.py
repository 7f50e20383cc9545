"""Output of `kfield lan scan`: a table (Rich on a terminal, plain otherwise), JSON or CSV."""

from __future__ import annotations

from kfield.core.i18n import text
from kfield.formats.cells import csv_text

COLUMNS = ("scan.col.ip", "scan.col.mac", "scan.col.vendor", "scan.col.name", "scan.col.ports", "scan.col.roles")
SCHEMA_VERSION = 1


def render(report, fmt: str, lang: str, *, color: bool = False, width: int = 100) -> str:
    if fmt == "json":
        from kfield.formats.json import envelope

        return envelope(SCHEMA_VERSION, report.to_dict())
    if fmt == "csv":
        return _csv(report, lang)
    return _rich(report, lang, width) if color else _plain(report, lang)


def headline(report, lang: str) -> str:
    return text("scan.headline", lang, network=report.network, interface=report.interface,
                method=text(f"scan.method.{report.method}", lang), count=len(report.devices),
                seconds=report.duration_s)


def cells(device, lang: str) -> list[str]:
    roles = ", ".join(_role(r, lang) for r in device.roles)
    if not device.fresh:
        roles = ", ".join(filter(None, (roles, text("scan.role.cached", lang))))
    return [device.ip, device.mac, device.vendor, device.name, " ".join(map(str, device.ports)), roles]


def _role(role: str, lang: str) -> str:
    kind, _, label = role.partition(":")
    return label if kind == "profile" else text(f"scan.role.{kind}", lang)


def _plain(report, lang: str) -> str:
    from kfield.formats.tables import aligned

    rows = [[text(c, lang) for c in COLUMNS]] + [cells(d, lang) for d in report.devices]
    return "\n".join([headline(report, lang), *aligned(rows)]) + "\n"


def _rich(report, lang: str, width: int) -> str:
    from rich.table import Table

    from kfield.formats.tables import on_terminal

    table = Table(title=headline(report, lang), title_justify="left", expand=True)
    fixed = {"scan.col.ip", "scan.col.mac", "scan.col.ports"}   # never wrapped: people copy these
    for column in COLUMNS:
        if column in fixed:
            table.add_column(text(column, lang), no_wrap=True, min_width=17 if column == "scan.col.mac" else None)
        else:
            table.add_column(text(column, lang), no_wrap=True, overflow="ellipsis", max_width=24)
    for device in report.devices:
        table.add_row(*cells(device, lang), style="bold" if device.roles else None)
    return on_terminal(lambda console: console.print(table), width)


def _csv(report, lang: str) -> str:
    return csv_text((text(c, lang) for c in COLUMNS), (cells(d, lang) for d in report.devices))
