"""The `ookla` backend of `kfield net speed`: speedtest-cli against Speedtest.net servers
(or a Speedtest "mini" server), in secure mode, with its failures turned into messages."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from kfield.core.errors import KfieldError


@dataclass(frozen=True)
class OoklaResult:
    server: str
    down_mbps: float
    up_mbps: float
    idle_latency_ms: float | None
    bytes_down: int
    bytes_up: int

    def to_dict(self) -> dict:
        return asdict(self)


def measure(mini: str | None = None, timeout: float = 10.0, secure: bool = True) -> OoklaResult:
    try:
        import speedtest
    except ImportError:
        raise KfieldError("speed.ookla.missing") from None
    try:
        tester = speedtest.Speedtest(timeout=timeout, secure=secure)
        tester.get_best_server(tester.set_mini_server(mini) if mini else None)
        tester.download()
        tester.upload(pre_allocate=False)
    except speedtest.ConfigRetrievalError:
        raise KfieldError("speed.ookla.no_config") from None
    except (speedtest.NoMatchedServers, speedtest.ServersRetrievalError, speedtest.SpeedtestBestServerFailure):
        raise KfieldError("speed.ookla.no_server") from None
    except speedtest.SpeedtestMiniConnectFailure:
        raise KfieldError("speed.ookla.mini_failed", url=mini or "") from None
    except (speedtest.SpeedtestException, OSError) as exc:
        raise KfieldError("speed.ookla.failed", reason=str(exc)[:120] or type(exc).__name__) from None
    return _result(tester.results)


def _result(results) -> OoklaResult:
    server = results.server or {}
    name = ", ".join(x for x in (server.get("sponsor"), server.get("name")) if x) or server.get("host", "")
    return OoklaResult(name, round(results.download / 1e6, 2), round(results.upload / 1e6, 2),
                       round(results.ping, 2) if results.ping else None,
                       int(results.bytes_received), int(results.bytes_sent))
