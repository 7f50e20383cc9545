"""Every command-line value checked before use: one parser per kind, given to Typer as ``parser=``.

A value the parser cannot take ends the command before anything is opened or sent, with one line
in the user's language naming the option (exit 2, through Click's BadParameter):
- ``text``/``name``: no bytes that were not UTF-8 (argv gives them as surrogate escapes), no NUL,
  bounded length; names, ids and hosts also no control or right-to-left override characters;
- ``commune``: a code is ASCII digits (``²`` or a 5,000-digit number is not one);
- ``number(low, high)``: ASCII digits only (a sign allowed), bounded in digits before ``int``;
- ``host_port``: ``host``, ``host:port``, ``[IPv6]`` or ``[IPv6]:port`` (``::1``, ``[::1``, ``h:1:2``
  are refused), ports 1–65535;
- ``db_url``: ``postgresql://…`` with a host, port and brackets that parse, else an SQLite path;
- ``path``: a name the system can take (each part at most 255 bytes, the whole at most 4,096).
Each parser also takes the value it returns (Click passes defaults through it too).

Map: one parser per kind of command-line value (text, name, commune, number, id, host[:port], database URL,
path), given to each option as Typer's `parser=`: undecodable bytes, NUL, control and right-to-left override
characters, non-ASCII digits, over-long values, bad ports and brackets end in one line, exit 2, before
anything is opened or sent
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, NoReturn

MAX_TEXT = 10_000         # a note, a problem's text, a reason
MAX_NAME = 200            # a person's, a school's or a team's name; an id; a commune's name
MAX_HOST = 253            # DNS
MAX_PATH = 4096           # bytes in a path (PATH_MAX on Linux)
MAX_PART = 255            # bytes in one name of a path (NAME_MAX)
# patterns as text: compiled (and cached by re) on first use, not at every start of kfield
DIGITS = r"[0-9]+"
SIGNED = r"([+-]?)([0-9]+)"
HOSTNAME = r"(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?"
_BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def _refuse(key: str, **params) -> NoReturn:
    import typer

    from kfield.cli.errors import lang
    from kfield.core.i18n import text as words

    raise typer.BadParameter(words(key, lang(), **params))


def _common(value: str, limit: int) -> str:
    if any("\ud800" <= c <= "\udfff" for c in value):
        _refuse("values.undecodable")
    if "\0" in value:
        _refuse("values.nul")
    if len(value) > limit:
        _refuse("values.too_long", count=f"{len(value):,}", limit=f"{limit:,}")
    return value


def _plain(value: str, limit: int) -> str:
    """One line of visible text: no control, format-override or right-to-left override character."""
    _common(value, limit)
    import unicodedata

    if any(c in _BIDI or unicodedata.category(c) == "Cc" for c in value):
        _refuse("values.control")
    return value


def text(value: str) -> str:
    """Free text (a note, a problem, a reason): any line breaks, nothing undecodable, bounded."""
    return _common(value, MAX_TEXT)


def name(value: str) -> str:
    """A person's, school's or team's name, a topic, a token: one visible line, bounded."""
    return _plain(value, MAX_NAME)


def commune(value: str) -> str:
    """A commune's code (ASCII digits, at most six) or its name."""
    _plain(value, MAX_NAME)
    stripped = value.strip()
    if stripped.isdigit() and not (re.fullmatch(DIGITS, stripped) and len(stripped) <= 6):
        _refuse("values.commune_code")
    return value


def number(low: int, high: int) -> Callable[[str], int]:
    """A whole number in [low, high] written in ASCII digits, bounded in digits before ``int`` (the
    option keeps ``min``/``max`` for its help; the parser is what enforces them)."""
    widest = max(len(str(abs(low))), len(str(abs(high))))

    def parse(value) -> int:
        if isinstance(value, int):
            return value
        found = re.fullmatch(SIGNED, str(value).strip())
        if not found:
            _refuse("click.pyd.int_parsing")
        negative, digits = found.group(1) == "-", found.group(2).lstrip("0") or "0"
        number = -int(digits) if len(digits) <= widest and negative else int(digits) if len(digits) <= widest else None
        if (number is None and negative) or (number is not None and number < low):
            _refuse("click.pyd.greater_than_equal", ge=low)
        if number is None or number > high:
            _refuse("click.pyd.less_than_equal", le=high)
        return number

    return parse


def identifier(value: str) -> str:
    """A playbook, profile, visit or check id, or the path of a file in its place."""
    _plain(value, MAX_PATH)
    if "/" in value or "\\" in value or value.endswith((".yaml", ".yml")) or len(value) > MAX_NAME:
        path(value)
    return value


def host_port(value: str) -> str:
    """``host``, ``host:port``, ``[IPv6]`` or ``[IPv6]:port``; returned as given (stripped)."""
    _plain(value, MAX_HOST + 8)
    stripped = value.strip()
    host, port = _host_and_port(stripped)
    _host(host)
    if port is not None:
        _port(port)
    return stripped


def _host_and_port(value: str) -> tuple[str, str | None]:
    if value.startswith("["):
        inside, closed, rest = value[1:].partition("]")
        if not closed:
            _refuse("values.bracket")
        if rest and not rest.startswith(":"):
            _refuse("values.host", value=_shown(value))
        _ipv6(inside)
        return inside, (rest[1:] if rest else None)
    if value.count(":") > 1:
        _refuse("values.ipv6_brackets", value=_shown(value))
    host, colon, port = value.partition(":")
    return host, (port if colon else None)


def _host(host: str) -> None:
    if ":" in host:
        return                          # an IPv6 address, checked with its brackets
    if not re.fullmatch(HOSTNAME, host) or any(len(label) > 63 for label in host.split(".")):
        _refuse("values.host", value=_shown(host))


def _ipv6(inside: str) -> None:
    import ipaddress

    try:
        ipaddress.IPv6Address(inside.split("%", 1)[0])
    except ValueError:
        _refuse("values.host", value=_shown(f"[{inside}]"))


def _port(port: str) -> None:
    if not (re.fullmatch(DIGITS, port) and len(port) <= 5 and 1 <= int(port) <= 65535):
        _refuse("values.port", value=_shown(port))


def db_url(value: str) -> str:
    """``postgresql://[user[:password]@]host[:port]/db`` (or ``postgres://``), ``sqlite:///path`` or a path."""
    if not value:
        return value
    _plain(value, MAX_PATH)
    if not value.startswith(("postgresql://", "postgres://")):
        path(value[len("sqlite:///"):] if value.startswith("sqlite:///") else value)
        return value
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        port = parts.port                # ValueError: not a number, or out of 0–65535
        host = parts.hostname
    except ValueError:
        _refuse("values.db_url")
    if port is not None and not 1 <= port <= 65535 or (host and len(host) > MAX_HOST):
        _refuse("values.db_url")
    netloc = parts.netloc.rpartition("@")[2]
    if netloc.startswith("["):
        _ipv6(netloc[1:].partition("]")[0])
    elif host:
        _host(host)
    return value


def path(value) -> Path:
    """A path the system can take: decodable, no NUL, each name at most 255 bytes, at most 4,096 in all."""
    if isinstance(value, Path):
        value = str(value)
    _common(value, MAX_PATH)
    encoded = value.encode("utf-8")
    if len(encoded) > MAX_PATH or any(len(part) > MAX_PART for part in re.split(rb"[/\\]", encoded)):
        _refuse("values.path_long", limit=MAX_PART)
    return Path(value)


def _shown(value: str) -> str:
    """A refused value as it may be printed: invisible and reordering characters as "?", at most 40."""
    visible = "".join(c if c.isprintable() and c not in _BIDI else "?" for c in value[:40])
    return visible if len(value) <= 40 else visible[:39] + "…"
