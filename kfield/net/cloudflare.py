"""Cloudflare's speed-test endpoints (the ones speed.cloudflare.com's own page uses): any number of
bytes from ``GET /__down?bytes=N``, an upload sink at ``POST /__up``; ``/__down?bytes=0`` is the
ping. Cloudflare answers from its nearest data centre (Hà Nội and Hồ Chí Minh City for Vietnam).
"""

from __future__ import annotations

from kfield.net.wire import Target

HOST = "speed.cloudflare.com"


def target(host: str = HOST) -> Target:
    base = f"https://{host}"
    return Target(host, f"{base}/__down?bytes={{size}}", f"{base}/__up", f"{base}/__down?bytes=0")
