"""`kfield net speed`: Internet speed with a byte budget (links are metered)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kfield.cli import common, errors
from kfield.cli.help import h

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


class Backend(str, common.Enum):
    http = "http"
    ookla = "ookla"



@app.command("speed", help=h("help.net.speed"))
def speed(
    backend: Annotated[Backend, typer.Option("--backend", help=h("help.net.backend"))] = Backend.http,
    server: Annotated[Optional[str], typer.Option("--server", help=h("help.net.server"))] = None,
    token: Annotated[Optional[str], typer.Option("--token", help=h("help.lan.speed_token"))] = None,
    down_url: Annotated[Optional[str], typer.Option("--down-url", help=h("help.net.down_url"))] = None,
    up_url: Annotated[Optional[str], typer.Option("--up-url", help=h("help.net.up_url"))] = None,
    mini: Annotated[Optional[str], typer.Option("--mini", help=h("help.net.mini"))] = None,
    max_mb: Annotated[float, typer.Option("--max-mb", min=1, max=10000, help=h("help.net.max_mb"))] = 20,
    seconds: Annotated[float, typer.Option("--seconds", min=1, max=60, help=h("help.lan.speed_seconds"))] = 8,
    streams: common.StreamsOpt = 4,
    fmt: common.TextOrJsonOpt = common.TextOrJson.console,
    output: common.OutputOpt = None,
    lang: common.LangOpt = None,
) -> None:
    language = common.use_lang(lang)
    with errors.funnel():
        from kfield.formats import speed as render

        if backend is Backend.ookla:
            result = _ookla(mini, language)
        else:
            result = _http(server, token, down_url, up_url, max_mb, seconds, streams, language)
        common.emit(render.render(result, fmt.value, language), output)


def _http(server, token, down_url, up_url, max_mb, seconds, streams, language):
    from kfield.core.errors import UsageError
    from kfield.core.i18n import text
    from kfield.net import throughput

    if server and (down_url or up_url):
        raise UsageError("speed.net.one_target")
    if server:
        if not token:
            raise UsageError("speed.net.needs_token")
        endpoints = throughput.Endpoints.peer(*_host_port(server), token)
    elif down_url and up_url:
        endpoints = throughput.Endpoints.urls(_url(down_url), _url(up_url))
    else:
        raise UsageError("speed.net.no_target")
    errors.say(text("speed.net.budget", language, mb=max_mb, seconds=seconds))
    per_direction = int(max_mb * 1e6 / 2)
    return throughput.measure_endpoints(endpoints, seconds=seconds, streams=streams, max_bytes=per_direction)


def _ookla(mini, language):
    from kfield.core.i18n import text
    from kfield.net import ookla

    errors.say(text("speed.ookla.start", language))
    return ookla.measure(mini=mini)


def _host_port(server: str) -> tuple[str, int]:
    from kfield.core.errors import UsageError
    from kfield.net.throughput import DEFAULT_PORT

    host, _, port = server.strip().rpartition(":") if ":" in server else (server.strip(), "", str(DEFAULT_PORT))
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
