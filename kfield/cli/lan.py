"""`kfield lan scan` (and `kfield lan speed`, registered below): LAN diagnostics."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


class Method(str, common.Enum):
    auto = "auto"
    arp = "arp"
    neighbour = "neighbour"


SCAN_FORMATS = (common.Format.console, common.Format.json, common.Format.csv)


@app.command("scan", help=h("help.lan.scan"))
@common.output_options(*SCAN_FORMATS)
def scan(
    cidr: Annotated[Optional[str], typer.Argument(metavar="[CIDR]", parser=values.name, help=h("help.lan.cidr"), show_default=False)] = None,
    iface: Annotated[Optional[str], typer.Option("--iface", "-i", parser=values.name, help=h("help.lan.iface"))] = None,
    ports: Annotated[Optional[str], typer.Option("--ports", parser=values.name, help=h("help.lan.ports"))] = None,
    method: Annotated[Method, typer.Option("--method", help=h("help.lan.method"))] = Method.auto,
    force: Annotated[bool, typer.Option("--force", help=h("help.lan.force"))] = False,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", parser=values.identifier, help=h("help.profile_opt"))] = None,
    fmt: common.Format = common.Format.console,
    output: Path | None = None,
) -> int:
    language = common.lang()
    report = _run_scan(cidr, iface, _ports(ports), method.value, force, profile, language)
    from kfield.formats import scan as render

    color = fmt is common.Format.console and common.wants_color(output)
    common.emit(render.render(report, fmt.value, language, color=color, width=common.terminal_width()), output)
    return 0


def _ports(spec: str | None) -> tuple[int, ...]:
    from kfield.net.scan import DEFAULT_PORTS

    if spec is None:
        return DEFAULT_PORTS
    if spec.strip() in ("", "none", "0"):
        return ()
    try:
        values = tuple(sorted({int(p) for p in spec.split(",") if p.strip()}))
    except ValueError:
        values = (0,)
    if not values or not all(1 <= p <= 65535 for p in values):
        from kfield.core.errors import UsageError

        raise UsageError("lan.scan.bad_ports", ports=spec)
    return values


def _run_scan(cidr, iface, ports, method, force, profile_name, language):
    from kfield.core import profile as profiles
    from kfield.core.errors import PrivilegeError
    from kfield.core.i18n import text
    from kfield.core.privilege import is_admin
    from kfield.net import scan as core
    from kfield.machine import current_host

    params = profiles.load_profile(profile_name).params
    host, admin = current_host(), is_admin()
    if method == "arp" and not admin:
        raise PrivilegeError("lan.scan.needs_admin")
    target = core.plan(host, cidr, iface, force)
    errors.say(text("scan.start", language, network=str(target.network), interface=target.interface,
                    count=len(target.addresses)))
    with _progress_bar(language) as progress:
        report = core.scan(host, target, method=method, privileged=admin, ports=ports, progress=progress,
                           devices=params.get("lan_devices") or {}, printers=tuple(params.get("printers") or ()))
    return report


def _progress_bar(language: str):
    """A bar on stderr when it is a terminal (one per phase); a silent callback otherwise."""
    from kfield.cli.progress import shown

    if not shown():
        return contextlib.nullcontext(None)
    return _rich_bar(language)


@contextlib.contextmanager
def _rich_bar(language: str):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kfield.core.i18n import text

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(text("scan.phase.discover", language), total=1)

        def update(phase: str, done: int, total: int) -> None:
            bar.update(task, description=text(f"scan.phase.{phase}", language), completed=done, total=max(total, 1))

        yield update


def _spinner(label: str):
    """A spinner on stderr when it is a terminal; nothing otherwise (scripts, pipes)."""
    from kfield.cli.progress import shown

    if not shown():
        return contextlib.nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(label)



@app.command("speed", help=h("help.lan.speed"))
@common.output_options(*common.TEXT_OR_JSON)
def speed(
    host: Annotated[str, typer.Argument(metavar="HOST", parser=values.host_port, help=h("help.lan.speed_host"), show_default=False)],
    token: Annotated[str, typer.Option("--token", parser=values.name, help=h("help.lan.speed_token"))],
    port: Annotated[int, typer.Option("--port", min=1, max=65535, parser=values.number(1, 65535), help=h("help.serve.port"))] = 8737,
    seconds: Annotated[float, typer.Option("--seconds", min=1, max=60, help=h("help.lan.speed_seconds"))] = 5.0,
    streams: common.StreamsOpt = 4,
    fmt: common.Format = common.Format.console,
    output: Path | None = None,
) -> int:
    language = common.lang()
    from kfield.core.i18n import text
    from kfield.formats import speed as render
    from kfield.net.throughput import measure

    errors.say(text("speed.measuring", language, host=host, port=port, seconds=seconds))
    with _spinner(text("speed.measuring_short", language)):
        result = measure(_host(host), port, token, seconds=seconds, streams=streams)
    common.emit(render.render(result, fmt.value, language), output)
    return 0


def _host(name: str) -> str:
    import socket

    from kfield.core.errors import UsageError

    try:
        return socket.getaddrinfo(name.strip(), None, socket.AF_INET)[0][4][0]
    except (socket.gaierror, UnicodeError, ValueError):
        raise UsageError("speed.bad_host", host=name) from None
