"""The member profile, once per laptop: name, school, team (config folder, JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from kfield.core import files
from kfield.core.errors import UsageError
from kfield.core.paths import config_dir


@dataclass(frozen=True)
class Member:
    name: str
    school: str
    team: str = ""


def path():
    return config_dir() / "member.json"


def save(member: Member) -> None:
    from kfield.playbook.store import write_json
    from kfield.visit.visits import nfc

    write_json(path(), nfc(asdict(member)))


def load() -> Member | None:
    try:
        data = json.loads(files.read_own(path()).decode("utf-8"))   # never a link or a FIFO planted there
        return Member(str(data["name"]), str(data["school"]), str(data.get("team", "")))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        raise UsageError("visit.member.damaged", path=str(path())) from None
    except OSError as exc:              # there but not readable (permissions, a device error): not damaged
        from kfield.core.oserrors import reason

        raise UsageError("schema.unreadable", path=str(path()), reason=reason(exc)) from None


def require() -> Member:
    member = load()
    if member is None:
        raise UsageError("visit.member.missing")
    return member
