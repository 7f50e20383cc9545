"""Output of `kfield lan speed` / `kfield net speed`: lines a person reads, or JSON."""

from __future__ import annotations

from kfield.core.i18n import text

SCHEMA_VERSION = 1
EFFECTS = {"lag": "speed.load.lag", "stutter": "speed.load.stutter"}
DURING = {("down",): "speed.load.while.down", ("up",): "speed.load.while.up",
          ("down", "up"): "speed.load.while.both"}
STOPPED = {"budget": "speed.stopped.budget", "time": "speed.stopped.time"}


def render(result, fmt: str, lang: str) -> str:
    if fmt == "json":
        from kfield.formats.json import envelope

        return envelope(SCHEMA_VERSION, result.to_dict())
    data = result.to_dict()
    lines = [text("speed.line.server", lang, server=data["server"])] if data.get("server") else []
    lines += [text("speed.line.down", lang, mbps=data["down_mbps"]), text("speed.line.up", lang, mbps=data["up_mbps"])]
    if data.get("idle_latency_ms") is not None:
        lines += _latency(data, lang)
    megabytes = round((data["bytes_down"] + data["bytes_up"]) / 1e6, 1)
    lines.append(text("speed.line.bytes", lang, mb=megabytes, seconds=data["duration_s"]))
    lines += [text(STOPPED[why], lang) for why in data.get("stopped_by") or ()]
    return "\n".join(lines) + "\n"


def _latency(data: dict, lang: str) -> list[str]:
    """Idle latency and jitter, latency under download and under upload, and what the increase means
    for a call, in words (`kfield.net.wire.load_effect`); `lan speed` has no upload figure."""
    lines = [text("speed.line.latency", lang, idle=data["idle_latency_ms"], loaded=data.get("loaded_latency_ms") or "—",
                  jitter=data.get("jitter_ms") or "—")]
    if "upload_latency_ms" not in data:
        return lines
    lines[0] = text("speed.line.latency_both", lang, idle=data["idle_latency_ms"], jitter=data.get("jitter_ms") or "—",
                    down=data.get("loaded_latency_ms") or "—", up=data.get("upload_latency_ms") or "—")
    effects = data.get("load_effect") or {}
    worst = next((effect for effect in ("stutter", "lag") if effect in effects.values()), None)
    if worst is None:
        return lines + ([text("speed.load.fine", lang)] if "fine" in effects.values() else [])
    ways = tuple(way for way in ("down", "up") if effects.get(way) == worst)
    increase = max(data["latency_increase_ms"][way] for way in ways)
    return lines + [text(EFFECTS[worst], lang, during=text(DURING[ways], lang), ms=increase)]
