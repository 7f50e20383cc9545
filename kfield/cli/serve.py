"""`kfield serve`: a throughput endpoint for `kfield lan speed` on another laptop."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kfield.cli import common, errors, values
from kfield.cli.help import h


def serve(
    bind: Annotated[str, typer.Option("--bind", parser=values.host_port, help=h("help.serve.bind"))] = "0.0.0.0",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, parser=values.number(1, 65535), help=h("help.serve.port"))] = 8737,
    token: Annotated[Optional[str], typer.Option("--token", parser=values.name, help=h("help.serve.token"))] = None,
) -> int:
    language = common.lang()
    server = _start(bind, port, token)
    _announce(server, language)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        errors.say(errors.text("speed.serve.stopped", language))
    finally:
        server.server_close()
    return 0


def _start(bind: str, port: int, token: str | None):
    import errno
    import secrets

    from kfield.core.errors import UsageError
    from kfield.net.throughput import ThroughputServer

    try:
        return ThroughputServer(bind, port, token or secrets.token_urlsafe(9))
    except OSError as exc:
        key = "speed.serve.port_busy" if exc.errno == errno.EADDRINUSE else "speed.serve.cannot_bind"
        from kfield.core.oserrors import reason

        raise UsageError(key, bind=bind, port=port, reason=reason(exc)) from None


def _announce(server, language: str) -> None:
    from kfield.core.i18n import text

    bind, port = server.server_address[:2]
    addresses = _addresses() if bind == "0.0.0.0" else [bind]
    errors.say(text("speed.serve.ready", language, bind=bind, port=port, token=server.token))
    for address in addresses:
        errors.say(f"  kfield lan speed {address} --port {port} --token {server.token}")


def _addresses() -> list[str]:
    from kfield.machine import current_host

    try:
        interfaces = current_host().interfaces()
    except Exception:  # the command to copy is a convenience; serving must not depend on it
        return ["<IP>"]
    found = [ip for i in interfaces if i.up and not i.loopback for ip, _ in i.ipv4]
    return found or ["<IP>"]
