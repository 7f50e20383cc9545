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


VERDICTS = {"international": "speed.places.international", "alike": "speed.places.alike",
            "domestic": "speed.places.domestic", "abroad_silent": "speed.places.abroad_silent"}
PLACES = {"domestic": "speed.places.domestic_line", "international": "speed.places.international_line"}


def render_contrast(contrast, fmt: str, lang: str) -> str:
    """`kfield net speed` against a server in Vietnam and one abroad (`kfield.net.abroad`): each one's
    figures (the domestic one's latency under load in words, as `render` says it), then what their
    contrast says."""
    from kfield.core.i18n import render as said

    data = contrast.to_dict()
    if fmt == "json":
        from kfield.formats.json import envelope

        return envelope(SCHEMA_VERSION, data)
    lines, moved, seconds = [], 0, 0.0
    for kind, place in (("domestic", contrast.domestic), ("international", contrast.international)):
        where = text(PLACES[kind], lang, title=place.title[lang])
        if place.result is None:
            lines.append(text("speed.places.unmeasured", lang, where=where, reason=said(place.failure, lang)))
            continue
        result = place.result.to_dict()
        lines.append(text("speed.places.figures", lang, where=where, down=result["down_mbps"], up=result["up_mbps"],
                          idle=result["idle_latency_ms"] if result["idle_latency_ms"] is not None else "—"))
        if kind == "domestic" and result["idle_latency_ms"] is not None:   # the line's own queue under load
            lines += ["  " + line for line in _latency(result, lang)]
        lines += ["  " + text(STOPPED[why], lang) for why in result.get("stopped_by") or ()]
        moved += result["bytes_down"] + result["bytes_up"]
        seconds += result["duration_s"]
    ratios = [r for r in (data["ratio_down"], data["ratio_up"]) if r]
    # international: the slower way abroad as a share of at home; domestic: home as a share of abroad
    percent = (round(100 / max(ratios)) if contrast.verdict == "domestic" else round(min(ratios) * 100)) if ratios else 0
    lines.append(text(VERDICTS[contrast.verdict], lang, percent=percent))
    lines.append(text("speed.line.bytes", lang, mb=round(moved / 1e6, 1), seconds=round(seconds, 2)))
    return "\n".join(lines) + "\n"
