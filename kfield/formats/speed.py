"""Output of `kfield lan speed` / `kfield net speed`: lines a person reads, or JSON."""

from __future__ import annotations

from kfield.core.i18n import text

SCHEMA_VERSION = 1


def render(result, fmt: str, lang: str) -> str:
    if fmt == "json":
        from kfield.formats.json import envelope

        return envelope(SCHEMA_VERSION, result.to_dict())
    data = result.to_dict()
    lines = [text("speed.line.server", lang, server=data["server"])] if data.get("server") else []
    lines += [text("speed.line.down", lang, mbps=data["down_mbps"]), text("speed.line.up", lang, mbps=data["up_mbps"])]
    if data.get("idle_latency_ms") is not None:
        lines.append(text("speed.line.latency", lang, idle=data["idle_latency_ms"],
                          loaded=data.get("loaded_latency_ms") or "—", jitter=data.get("jitter_ms") or "—"))
    megabytes = round((data["bytes_down"] + data["bytes_up"]) / 1e6, 1)
    lines.append(text("speed.line.bytes", lang, mb=megabytes, seconds=data["duration_s"]))
    return "\n".join(lines) + "\n"
