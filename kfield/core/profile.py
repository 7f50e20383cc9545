"""Check profiles: YAML files that select checks and set their parameters.

The schema is declared once (``profile_schema``); the same declaration validates
files with ``file:line:column`` errors and exports JSON Schema.

Map: check profiles: schema, loading, selecting checks; labelled `portals` (`Profile.portal(url)` gives a
portal's words, contact and `domestic` flag); `speed_servers` (`domestic` flag, for `net speed`)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from kfield.core import registry
from kfield.core import files
from kfield.core.errors import ProfileError, UsageError
from kfield.core.paths import bundled_dir
from kfield.core.registry import CheckSpec
from kfield.core.schema import Bool, Field, List, Map, Num, Str, Text, find, json_schema, validate

DEFAULT_PROFILE = "khanh-hoa"
PORTAL_URL = r"https?://[A-Za-z0-9.\-]+(:\d{1,5})?(/\S*)?"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Profile:
    id: str
    title: dict[str, str]
    path: Path
    check_ids: tuple[str, ...]
    params: dict[str, Any]
    deadline_s: float = 120.0
    description: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, dict[str, str]] = field(default_factory=dict)
    portals: tuple[Portal, ...] = ()
    speed_servers: tuple[SpeedServer, ...] = ()

    def portal(self, url: str) -> Portal | None:
        """The labelled portal with this address (its `domestic` flag, its words, whom to tell)."""
        return next((p for p in self.portals if p.url == url), None)


@dataclass(frozen=True)
class Portal:
    """A service the office uses, as the profile labels it: what it is and whom to tell, in words;
    ``domestic`` = hosted in Vietnam (an international link cut leaves it reachable)."""

    id: str
    url: str
    title: dict[str, str]
    contact: str = ""
    domestic: bool | None = None
    local: bool = False          # set on this PC with `kfield profile set`, not in the YAML


@dataclass(frozen=True)
class SpeedServer:
    """A speed-test server the profile names for `kfield net speed`: a Speedtest.net server
    (``ookla``: host:port) or a download/upload URL pair; ``domestic`` = in Vietnam. With servers of
    both kinds, `net speed` measures one of each and says whether the international link is the slow
    part (a damaged submarine cable: domestic fast, international slow)."""

    id: str
    title: dict[str, str]
    domestic: bool
    ookla: str = ""
    down: str = ""
    up: str = ""


HOST_PORT = r"[A-Za-z0-9][A-Za-z0-9.\-]*:\d{1,5}"


def speed_server_schema() -> Map:
    return Map({
        "title": Field(Text("Whose server and where, in words"), True),
        "domestic": Field(Bool("In Vietnam (true), or abroad (false): the international link is measured there"), True),
        "ookla": Field(Str(pattern=HOST_PORT, doc="A Speedtest.net server's host:port")),
        "down": Field(Str(pattern=PORTAL_URL, doc="A download URL (with {size} for the bytes wanted, or a file)")),
        "up": Field(Str(pattern=PORTAL_URL, doc="An upload URL that accepts POST")),
    }, doc="A speed-test server for kfield net speed: ookla, or the down/up pair")


def portal_schema() -> Map:
    return Map({
        "url": Field(Str(pattern=PORTAL_URL), True),
        "title": Field(Text("What it is, in words"), True),
        "contact": Field(Str(pattern=r"[a-z][a-z0-9_-]*", doc="A role under contacts: whom to tell")),
        "domestic": Field(Bool("Hosted in Vietnam: reachable when the international links are cut")),
    }, doc="A service the office uses; its address is checked with the NET checks")


def profile_schema() -> Map:
    checks = registry.load_all()
    ids = Str(choices=lambda: checks.keys(), doc="A check id, e.g. PC003")
    tags = Str(choices=registry.all_tags, doc="A check tag or area, e.g. signing, pc")
    params = {name: Field(p.schema) for name, p in sorted(registry.PARAMS.items())}
    return Map({
        "version": Field(Num(integer=True, minimum=1, maximum=SCHEMA_VERSION), True),
        "id": Field(Str(pattern=r"[a-z0-9][a-z0-9-]*"), True),
        "title": Field(Text(), True),
        "description": Field(Text()),
        "select": Field(Map({
            "tags": Field(List(tags)),
            "ids": Field(List(ids)),
            "exclude": Field(List(ids)),
        }), True),
        "params": Field(Map(params)),
        "deadline_s": Field(Num(minimum=1, maximum=3600)),
        "contacts": Field(Map(values=Text("Who to escalate to (a role, never a phone number)"),
                              key_pattern=r"[a-z][a-z0-9_-]*")),
        "portals": Field(Map(values=portal_schema(), key_pattern=r"[a-z0-9][a-z0-9-]*")),
        "speed_servers": Field(Map(values=speed_server_schema(), key_pattern=r"[a-z0-9][a-z0-9-]*")),
    })


def export_schema() -> dict[str, Any]:
    return json_schema(profile_schema(), "kfield check profile", "https://kfield.invalid/profile.schema.json")


def load_profile(name_or_path: str | Path | None, local: bool = True) -> Profile:
    """The profile, with this PC's own settings (`kfield profile set`) laid over it unless
    ``local`` is False (validating a file)."""
    path = locate(name_or_path or DEFAULT_PROFILE)
    value, root = validate(path, profile_schema(), extra=_semantic_checks, kind="profile")
    built = _build(path, value)
    if not local:
        return built
    from kfield.core import settings

    return settings.apply(built, settings.load(strict=False))


def _semantic_checks(value, root, add) -> None:
    select = value.get("select", {})
    if not (select.get("tags") or select.get("ids")):
        add(find(root, "select"), "profile.empty_select")
    roles = set(value.get("contacts") or ())
    for key, portal in (value.get("portals") or {}).items():
        if portal and portal.get("contact") and portal["contact"] not in roles:
            add(find(root, "portals", key, "contact"), "profile.unknown_contact", role=portal["contact"],
                known=", ".join(sorted(roles)) or "—")
    for key, server in (value.get("speed_servers") or {}).items():
        pair = bool(server.get("down")) + bool(server.get("up"))
        if server and (bool(server.get("ookla")) == bool(pair) or pair == 1):
            add(find(root, "speed_servers", key), "profile.speed_server_target", server=key)


def locate(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or files.exists(candidate):
        if not files.exists(candidate):
            raise ProfileError("schema.no_file", path=files.shown(candidate))
        return candidate                    # what is there is judged when it is read (kfield.core.files)
    bundled = bundled_dir("checks") / f"{name_or_path}.yaml"
    if not files.exists(bundled):
        known = ", ".join(p.stem for p in bundled_profiles())
        raise ProfileError("profile.unknown", name=str(name_or_path), known=known)
    return bundled


def bundled_profiles() -> list[Path]:
    return sorted(bundled_dir("checks").glob("*.yaml"))


def _build(path: Path, value: dict[str, Any]) -> Profile:
    params = {name: p.default for name, p in registry.PARAMS.items()}
    params.update(value.get("params") or {})
    for spec in registry.PARAMS.values():
        if spec.adapt is not None:
            params = spec.adapt(params)
    portals = tuple(Portal(key, raw["url"], raw["title"], raw.get("contact", ""), raw.get("domestic"))
                    for key, raw in (value.get("portals") or {}).items())
    params["portals"] = _joined(params.get("portals") or [], [p.url for p in portals])
    marks = {urlsplit(p.url).hostname: p.domestic for p in portals if p.domestic is not None}
    params["portal_domestic"] = {**marks, **(params.get("portal_domestic") or {})}
    speed = tuple(SpeedServer(key, raw["title"], raw["domestic"], raw.get("ookla", ""), raw.get("down", ""),
                              raw.get("up", "")) for key, raw in (value.get("speed_servers") or {}).items())
    return Profile(
        id=value["id"],
        title=value["title"],
        path=path,
        check_ids=tuple(selected_ids(value["select"])),
        params=params,
        deadline_s=float(value.get("deadline_s", 120)),
        description=value.get("description") or {},
        contacts=value.get("contacts") or {},
        portals=portals,
        speed_servers=speed,
    )


def _joined(*lists: list[str]) -> list[str]:
    """The URLs of several lists, each once, in order."""
    return list(dict.fromkeys(url for urls in lists for url in urls))


def selected_ids(select: dict[str, list[str]]) -> list[str]:
    tags, ids = set(select.get("tags") or ()), set(select.get("ids") or ())
    excluded = set(select.get("exclude") or ())
    chosen = [s.id for s in registry.load_all().values() if s.id in ids or tags & set(s.all_tags)]
    return sorted(i for i in chosen if i not in excluded)


def plan(profile: Profile, areas: Iterable[str] = (), only: Iterable[str] = ()) -> list[CheckSpec]:
    """The checks to run: the profile's (narrowed by area or --only) plus prerequisites."""
    checks = registry.load_all()
    ids = list(only) or list(profile.check_ids)
    for check_id in ids:
        if check_id not in checks:
            raise UsageError("profile.unknown_check", check=check_id)
    wanted = {a.upper() for a in areas}
    for area in wanted - set(registry.areas()):
        raise UsageError("profile.unknown_area", area=area, known=", ".join(registry.areas()))
    if wanted:
        ids = [i for i in ids if checks[i].area in wanted]
    return registry.with_prerequisites(ids)
