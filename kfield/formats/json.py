"""JSON output and the one JSON writer every JSON document goes through (check runs, exports,
reports, scans, verdicts, speed): an envelope with `schema_version`, UTF-8 text (Vietnamese kept as
it is, not \\u-escaped), two-space indent, dates and paths as strings, one final newline. The shapes
are published as docs/report.schema.json, docs/visit-export.schema.json and friends.

A document may hold sequences that are read as they are written (a `Reread` of a visit's check runs
from its log, a generator of visits): `pieces` writes those item by item, each item whole, so an
export of a big log holds one item at a time; the text is the same as for the sequence as a list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kfield.core.table import Reread

if TYPE_CHECKING:
    from kfield.core.report import Report



def _default(value: Any) -> str:
    """Dates, paths and the like as text; a sequence read as it goes is never turned into its repr."""
    if _streamed(value):
        raise TypeError("a streamed sequence inside a value encoded whole")
    return str(value)


_WHOLE = json.JSONEncoder(ensure_ascii=False, indent=2, default=_default)


def document(data: Any) -> str:
    """A JSON document as kfield writes every one."""
    return _WHOLE.encode(data) + "\n"


def envelope(schema_version: int, data: dict[str, Any]) -> str:
    """`data` under its `schema_version` (the version first, as readers look for it)."""
    return document({"schema_version": schema_version, **data})


def envelope_pieces(schema_version: int, data: dict[str, Any]) -> Iterator[str]:
    """`envelope`, written piece by piece: its sequences read as they are written."""
    yield from pieces({"schema_version": schema_version, **data})
    yield "\n"


def pieces(value: Any, level: int = 0) -> Iterator[str]:
    """The text `document` makes of `value` (without the final newline), a piece at a time: dicts,
    sequences and iterators walked; everything else, and each item of a `Reread` (plain data, as read
    from a log), encoded whole."""
    if isinstance(value, dict):
        yield from _walk(value.items(), level, "{", "}", lambda item: (_key(item[0]) + ": ", item[1]))
    elif isinstance(value, (list, tuple, Iterator)):
        yield from _walk(value, level, "[", "]", lambda item: ("", item))
    elif isinstance(value, Reread):
        yield from _walk(value, level, "[", "]", lambda item: ("", _Whole(item)))
    elif isinstance(value, _Whole):
        yield _WHOLE.encode(value.value).replace("\n", "\n" + "  " * level)
    else:
        yield _WHOLE.encode(value)


def _walk(items, level: int, opening: str, closing: str, split) -> Iterator[str]:
    pad, first = "\n" + "  " * (level + 1), True
    for item in items:
        prefix, inner = split(item)
        yield (opening if first else ",") + pad + prefix
        yield from pieces(inner, level + 1)
        first = False
    yield opening + closing if first else "\n" + "  " * level + closing


def _key(key: Any) -> str:
    """A key as json writes it (numbers and constants as strings)."""
    return _WHOLE.encode(key) if isinstance(key, str) else _WHOLE.encode({key: 0})[4:-5]


def _streamed(value: Any) -> bool:
    return isinstance(value, (Reread, Iterator))


class _Whole:
    """An item of a streamed sequence: encoded in one go (items are plain data, as read)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    data = report.to_dict()
    data["lang"] = lang
    return document(data)
