"""This PC's own settings: addresses a team learns on site (the province's E-Office, the KPI
software, another portal), kept in the data folder and laid over every profile — nobody in the
field edits YAML. `kfield profile set|unset|show` write and read them.

The file (``settings.json`` in `kfield.core.paths.data_dir()`, the stick's on a USB kit) holds
``{"version": 1, "values": {name: [url, ...]}}``; it is validated when read as when written.

Map: this PC's own addresses (`kfield profile set`): validated, kept in the data folder, laid over the profile
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from kfield.core.errors import UsageError
from kfield.core.paths import data_dir

FILE_NAME = "settings.json"
VERSION = 1
MAX_URLS = 20
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*")


@dataclass(frozen=True)
class Setting:
    """A setting: the words people read (catalogue keys), the parameter it fills, and the labelled
    portal its addresses become (so NET002 checks them and the verdict can name them)."""

    name: str
    param: str            # the profile parameter the addresses are added to ("" = portals only)
    contact: str          # whom to tell about that service (a role under contacts)
    domestic: bool | None = True

    @property
    def title_key(self) -> str:
        return f"settings.{self.name}.title"


SETTINGS = {s.name: s for s in (
    Setting("eoffice_url", "eoffice_urls", "eoffice_admin"),
    Setting("kpi_url", "", "kpi_admin"),
    Setting("portal", "", "provincial_it", None),
)}


def path(env: Mapping[str, str] | None = None) -> Path:
    return data_dir(env) / FILE_NAME


def known(name: str) -> Setting:
    if name not in SETTINGS:
        raise UsageError("settings.unknown", name=name, known=", ".join(SETTINGS))
    return SETTINGS[name]


def validated_url(text: str) -> str:
    """An http(s) address with a host name, no spaces, no user or password; the form kept."""
    url = text.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — a port that is not a number raises here
    except ValueError:
        raise UsageError("settings.bad_url", url=text[:200]) from None
    bad = (parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc
           or not _HOST.fullmatch(parts.hostname) or re.search(r"\s", url) or len(url) > 2000)
    if bad:
        raise UsageError("settings.bad_url", url=text[:200])
    return url if parts.path else url + "/"


def load(env: Mapping[str, str] | None = None, strict: bool = True) -> dict[str, list[str]]:
    """The settings kept on this PC ({} when none). A damaged file is an error that names it; so is
    one that cannot be read, unless ``strict`` is False (a check run by a user whose data folder is
    not theirs to read runs with the profile alone, as it would with no settings)."""
    where = path(env)
    try:
        raw = _read(where)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        if not strict:
            return {}
        raise UsageError("settings.unreadable", path=str(where), reason=exc.strerror or "") from None
    try:
        data = json.loads(raw)
        values = data["values"]
        assert data["version"] == VERSION and isinstance(values, dict)
        return {name: [validated_url(u) for u in urls] for name, urls in values.items()
                if known(name) and isinstance(urls, list) and all(isinstance(u, str) for u in urls)}
    except (ValueError, KeyError, TypeError, AssertionError, UsageError):
        raise UsageError("settings.damaged", path=str(where)) from None


def _read(where: Path) -> str:
    """The file's text; a link in its place is refused (never followed)."""
    fd = os.open(where, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read(1 << 20).decode("utf-8")


def store(values: dict[str, list[str]], env: Mapping[str, str] | None = None) -> Path:
    """Write every setting at once (kfield.core.atomic: a temporary file renamed over the old one)."""
    from kfield.core import atomic

    where = path(env)
    where.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"version": VERSION, "values": values}, ensure_ascii=False, indent=1)
    atomic.replace(where, body + "\n")
    return where


def set_value(name: str, urls: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    known(name)
    if not urls or len(urls) > MAX_URLS:
        raise UsageError("settings.count", most=MAX_URLS)
    clean = list(dict.fromkeys(validated_url(u) for u in urls))
    values = load(env)
    values[name] = clean
    store(values, env)
    return clean


def unset(name: str, env: Mapping[str, str] | None = None) -> bool:
    known(name)
    values = load(env)
    if name not in values:
        return False
    del values[name]
    store(values, env)
    return True


def apply(profile, values: dict[str, list[str]]):
    """The profile with this PC's settings: each address added as a labelled, domestic portal (an
    address set on this PC replaces the profile's portal of the same kind), and the E-Office ones
    also as `eoffice_urls` for the browser permission check."""
    from kfield.core.i18n import text
    from kfield.core.profile import Portal, _joined

    if not values:
        return profile
    params, portals = dict(profile.params), list(profile.portals)
    for name, urls in values.items():
        setting = SETTINGS[name]
        if setting.param:
            params[setting.param] = list(urls)
        title = {lang: text(setting.title_key, lang) for lang in ("vi", "en")}
        contact = setting.contact if setting.contact in profile.contacts else ""
        portals += [Portal(f"{name}-{i + 1}", url, title, contact, setting.domestic, local=True) for i, url in enumerate(urls)]
    params["portals"] = _joined(params.get("portals") or [], [p.url for p in portals])
    return dataclasses.replace(profile, params=params, portals=tuple(portals))
