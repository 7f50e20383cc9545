"""`kfield net speed`: Internet speed with a byte budget (links are metered)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


class Backend(str, common.Enum):
    cloudflare = "cloudflare"
    ookla = "ookla"
    http = "http"


@app.command("speed", help=h("help.net.speed"))
@common.output_options(*common.TEXT_OR_JSON)
def speed(
    backend: Annotated[Optional[Backend], typer.Option("--backend", help=h("help.net.backend"))] = None,
    server: Annotated[Optional[str], typer.Option("--server", parser=values.host_port, help=h("help.net.server"))] = None,
    token: Annotated[Optional[str], typer.Option("--token", parser=values.name, help=h("help.lan.speed_token"))] = None,
    down_url: Annotated[Optional[str], typer.Option("--down-url", parser=values.name, help=h("help.net.down_url"))] = None,
    up_url: Annotated[Optional[str], typer.Option("--up-url", parser=values.name, help=h("help.net.up_url"))] = None,
    max_mb: Annotated[float, typer.Option("--max-mb", min=1, max=10000, help=h("help.net.max_mb"))] = 10,
    seconds: Annotated[float, typer.Option("--seconds", min=1, max=60, help=h("help.lan.speed_seconds"))] = 6,
    streams: Annotated[Optional[int], typer.Option("--streams", min=1, max=16,
                                                   help=h("help.net.streams"))] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", parser=values.identifier, help=h("help.net.profile"))] = None,
    fmt: common.Format = common.Format.console,
    output: Path | None = None,
) -> int:
    language = common.lang()
    from kfield.core.i18n import text
    from kfield.formats import speed as render

    options = {"max_bytes": int(max_mb * 1e6), "seconds": seconds, "streams": streams}
    if not (backend or server or down_url or up_url):
        places = _profile_places(profile)
        if places:
            from kfield.net import abroad

            errors.say(text("speed.net.budget_places", language, mb=max_mb, seconds=seconds))
            contrast = abroad.measure(places, lambda s, cap, share: _measure_server(s, options, cap, share),
                                      options["max_bytes"])
            common.emit(render.render_contrast(contrast, fmt.value, language), output)
            return 0
        down_url, up_url = _profile_pair(profile)
    chosen = backend or (Backend.http if server or down_url or up_url else Backend.cloudflare)
    measure = _http(server, token, down_url, up_url, options) if chosen is Backend.http else \
        _public(chosen, server, down_url or up_url, options)
    errors.say(text("speed.net.budget", language, mb=max_mb, seconds=seconds))
    common.emit(render.render(measure(), fmt.value, language), output)
    return 0


def _profile_pair(profile: str | None) -> tuple[str | None, str | None]:
    """The download/upload pair the profile names (speed_down_url, speed_up_url), or none: Cloudflare."""
    from kfield.core.profile import load_profile

    params = load_profile(profile).params
    return (params.get("speed_down_url") or None), (params.get("speed_up_url") or None)


def _profile_places(profile: str | None) -> tuple:
    """The profile's speed servers when it names both kinds (in Vietnam and abroad), or none."""
    from kfield.core.profile import load_profile

    servers = load_profile(profile).speed_servers
    return servers if {s.domestic for s in servers} == {True, False} else ()


def _measure_server(server, options: dict, max_bytes: int, goal_share: float):
    """One profile speed server (`kfield.core.profile.SpeedServer`) within ``max_bytes``."""
    from urllib.parse import urlsplit

    from kfield.net import ookla, wire

    chosen = {**options, "max_bytes": max_bytes, "goal_share": goal_share}
    if server.ookla:
        return wire.measure(ookla.named(server.ookla), backend="ookla", **chosen)
    return wire.measure(wire.Target(urlsplit(server.down).hostname, server.down, server.up, server.down),
                        backend="http", **chosen)


def _public(backend: Backend, server: str | None, url: str | None, options: dict):
    """Cloudflare's endpoints, or a Speedtest.net server (the nearest, or the one named): the
    measurement to run, once the options are known to be right."""
    from kfield.core.errors import UsageError
    from kfield.net import cloudflare, ookla, wire

    if url or (server and backend is Backend.cloudflare):
        raise UsageError("speed.net.public_target", backend=backend.value)
    if backend is Backend.cloudflare:
        return lambda: wire.measure(cloudflare.target(), backend=backend.value, **options)
    named = "%s:%d" % _split(server, 8080) if server else None
    if named:
        return lambda: wire.measure(ookla.named(named), backend=backend.value, **options)
    return lambda: ookla.measure(backend=backend.value, **options)


def _http(server, token, down_url, up_url, options: dict):
    """A `kfield serve` peer or a URL pair: the measurement to run."""
    from kfield.core.errors import UsageError
    from kfield.net import throughput, wire

    if server and (down_url or up_url):
        raise UsageError("speed.net.one_target")
    if server:
        if not token:
            raise UsageError("speed.net.needs_token")
        host, port = _split(server, throughput.DEFAULT_PORT)
        endpoints = throughput.Endpoints.peer(host, port, token)
        return lambda: throughput.measure_endpoints(endpoints, seconds=options["seconds"],
                                                    streams=options["streams"] or 4, max_bytes=int(options["max_bytes"] * wire.SHARES[False][0]))
    if not (down_url and up_url):
        raise UsageError("speed.net.no_target")
    from urllib.parse import urlsplit

    down, up = _url(down_url), _url(up_url)
    return lambda: wire.measure(wire.Target(urlsplit(down).hostname, down, up, down), backend="http", **options)


def _split(server: str, default_port: int) -> tuple[str, int]:
    from kfield.core.errors import UsageError

    host, _, port = server.strip().rpartition(":") if ":" in server else (server.strip(), "", str(default_port))
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError("speed.bad_host", host=server)
    return host, int(port)


def _url(value: str) -> str:
    from urllib.parse import urlsplit

    from kfield.core.errors import UsageError

    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError("speed.net.bad_url", url=value)
    return value.strip()
