"""`kfield hub serve`: the Starlette app on uvicorn, over TLS with the hub's own certificate.

Plain HTTP is allowed only on a loopback address (a reverse proxy on the same machine, or tests).
uvicorn's own limits cut idle keep-alive connections (`timeout_keep_alive`) and cap open
connections (`limit_concurrency`: beyond it new requests get 503 at once); uvicorn has no limit on
the time a request's head takes, so the protocol below closes a connection whose next request head
has not arrived within HEAD_SECONDS (a client trickling headers holds no connection for long); the
app cuts a body that does not arrive in time (Limits.body_seconds).
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path

from kfield.core.errors import UsageError
from kfield.hub.app import Limits


@dataclass(frozen=True)
class Plan:
    bind: str
    port: int
    db: str | None
    folder: Path
    plain: bool = False
    limits: Limits = Limits()
    connections: int = 500


def folder() -> Path:
    from kfield.core.paths import data_dir

    return data_dir() / "hub"


def prepare(plan: Plan) -> tuple[str, str, tuple[Path, Path] | None]:
    """(the URL students use, the certificate's fingerprint or "", certificate and key)."""
    from kfield.hub import client, tls

    if plan.plain and not client._loopback(plan.bind):
        raise UsageError("hub.plain_http", url=f"http://{plan.bind}:{plan.port}")
    host = plan.bind if plan.bind not in ("0.0.0.0", "::") else _address()
    if plan.plain:
        return f"http://{_bracket(host)}:{plan.port}", "", None
    pair = tls.ensure(plan.folder, ["localhost", "127.0.0.1", socket.gethostname(), host])
    url, print_ = f"https://{_bracket(host)}:{plan.port}", tls.fingerprint(pair[0])
    from kfield.core import atomic                 # whole or not at all; a link planted there is never written through

    atomic.replace(plan.folder / "address.json", json.dumps({"url": url, "fingerprint": print_}))
    return url, print_, pair


def known_address() -> dict:
    try:
        return json.loads((folder() / "address.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _address() -> str:
    """This machine's first LAN address (what students type), else the loopback one."""
    from kfield.machine import current_host

    try:
        interfaces = current_host().interfaces()
    except Exception:  # the address to show is a convenience; serving must not depend on it
        return "127.0.0.1"
    found = [ip for i in interfaces if i.up and not i.loopback for ip, _ in i.ipv4]
    return found[0] if found else "127.0.0.1"


HEAD_SECONDS = 10.0


def _head_timeout_protocol():
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeadTimeout(H11Protocol):
        """Closes the connection when no new request head arrived within HEAD_SECONDS of it being awaited."""

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._await_head()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._await_head()

        def _await_head(self) -> None:
            self.loop.call_later(HEAD_SECONDS, self._no_head, self.cycle)

        def _no_head(self, cycle) -> None:
            if self.cycle is cycle and not self.transport.is_closing():
                self.transport.close()
    return HeadTimeout


def config(plan: Plan, pair):
    import uvicorn

    from kfield.hub.app import create_app

    options = dict(host=plan.bind, port=plan.port, log_level="warning", access_log=False, lifespan="on",
                   timeout_keep_alive=5, limit_concurrency=plan.connections, timeout_graceful_shutdown=5,
                   server_header=False, proxy_headers=False, http=_head_timeout_protocol())
    if pair:
        options.update(ssl_certfile=str(pair[0]), ssl_keyfile=str(pair[1]))
    return uvicorn.Config(create_app(plan.db, plan.limits), **options)


def serve(plan: Plan, pair) -> None:
    import uvicorn

    server = uvicorn.Server(config(plan, pair))
    server.run()
    if not server.started:
        raise UsageError("hub.cannot_start", bind=plan.bind, port=plan.port)
