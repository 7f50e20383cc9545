"""Where bundled data lives (inside the installed package, or beside it in a checkout), and
where kfield keeps what it records (data) and the member profile (config)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_dir(kind: str) -> Path:
    """``checks`` or ``playbooks``: the installed copy first, then the source tree."""
    installed = _PACKAGE / "_bundled" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / kind


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """KFIELD_DATA_DIR, else the user's data folder (platformdirs).

    appauthor=False everywhere: platformdirs would otherwise repeat the name on Windows
    (AppData\\Local\\kfield\\kfield); one folder, AppData\\Local\\kfield (tested under wine)."""
    env = os.environ if env is None else env
    if env.get("KFIELD_DATA_DIR"):
        return Path(env["KFIELD_DATA_DIR"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("kfield", appauthor=False))


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """KFIELD_CONFIG_DIR, else the user's config folder (platformdirs)."""
    env = os.environ if env is None else env
    if env.get("KFIELD_CONFIG_DIR"):
        return Path(env["KFIELD_CONFIG_DIR"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("kfield", appauthor=False))


def log_dir() -> Path:
    """The user's log folder (platformdirs), without the doubled name on Windows."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("kfield", appauthor=False))
