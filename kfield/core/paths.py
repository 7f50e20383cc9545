"""Where bundled data lives (inside the installed package, or beside it in a checkout), and
where kfield keeps what it records (data) and the member profile (config).

Run from a USB kit, kfield keeps everything on the stick, in <kit>/kfield-data/ (visits, the
member, transcripts, error logs, caches): nothing of the student's stays on the office PC. A run
is from a kit when KFIELD_KIT names a kit folder (the launchers set it) or when this Python is the
kit's own (<kit>/python/python.exe beside <kit>/MANIFEST.sha256 and <kit>/verify.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

_PACKAGE = Path(__file__).resolve().parent.parent
KIT_DATA = "kfield-data"


def bundled_dir(kind: str) -> Path:
    """``checks`` or ``playbooks``: the installed copy first, then the source tree."""
    installed = _PACKAGE / "_bundled" / kind
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / kind


def _is_kit(folder: Path) -> bool:
    return (folder / "MANIFEST.sha256").is_file() and (folder / "verify.py").is_file()


def kit_root(env: Mapping[str, str] | None = None) -> Path | None:
    """The USB kit kfield runs from, or None."""
    env = os.environ if env is None else env
    named = env.get("KFIELD_KIT", "")
    if named and _is_kit(Path(named)):
        return Path(named)
    python = Path(sys.executable or "")
    if python.parent.name.lower() == "python" and _is_kit(python.parent.parent):
        return python.parent.parent
    return None


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """KFIELD_DATA_DIR, else the kit's kfield-data/ when run from a stick, else the user's data
    folder (platformdirs).

    appauthor=False everywhere: platformdirs would otherwise repeat the name on Windows
    (AppData\\Local\\kfield\\kfield); one folder, AppData\\Local\\kfield (tested under wine)."""
    env = os.environ if env is None else env
    if env.get("KFIELD_DATA_DIR"):
        return Path(env["KFIELD_DATA_DIR"])
    kit = kit_root(env)
    if kit is not None:
        return kit / KIT_DATA
    from platformdirs import user_data_dir

    return Path(user_data_dir("kfield", appauthor=False))


def _data_is_chosen(env: Mapping[str, str]) -> bool:
    return bool(env.get("KFIELD_DATA_DIR")) or kit_root(env) is not None


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """KFIELD_CONFIG_DIR, else the data folder when one was chosen (KFIELD_DATA_DIR, or a stick:
    the member travels with the visits), else the user's config folder (platformdirs)."""
    env = os.environ if env is None else env
    if env.get("KFIELD_CONFIG_DIR"):
        return Path(env["KFIELD_CONFIG_DIR"])
    if _data_is_chosen(env):
        return data_dir(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("kfield", appauthor=False))


def log_dir(env: Mapping[str, str] | None = None) -> Path:
    """<kit>/kfield-data/logs on a stick, else the user's log folder (platformdirs), without the
    doubled name on Windows."""
    env = os.environ if env is None else env
    if kit_root(env) is not None:
        return data_dir(env) / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir("kfield", appauthor=False))


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Caches kfield or its libraries keep (pywin32's COM type cache): <kit>/kfield-data/cache on a
    stick, else the user's cache folder."""
    env = os.environ if env is None else env
    if kit_root(env) is not None:
        return data_dir(env) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kfield", appauthor=False))
