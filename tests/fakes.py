"""FakeHost: a Host (facts) with network actions whose answers are given per method; unit tests
of one check use it. A method it was not told about refuses the call, so a test cannot quietly
read the machine it runs on (psutil, /proc, the real network)."""

from __future__ import annotations

from typing import Any

from kfield.net.actions import NetActions
from kfield.platform.base import Host

# Allowed without an answer: a name-only helper, and the clock (the clock tests compare the real
# clock with a lab time server; a test that needs another time passes now=).
PURE = frozenset({"is_wireless", "now"})


class UnstubbedCall(AssertionError):
    """A check asked FakeHost something the test did not answer."""


class FakeHost(Host, NetActions):
    """``FakeHost(memory=(8e9, 1e9), battery=None, usb_devices=NotSupported())``.

    A value is returned by the named method; an exception instance is raised by it; a callable
    is called with the method's arguments. Any other public method raises UnstubbedCall.
    """

    def __init__(self, **answers: Any) -> None:
        self._answers = answers

    def __getattribute__(self, name: str) -> Any:
        answers = object.__getattribute__(self, "_answers")
        if name in answers:
            return _answer(answers[name])
        value = object.__getattribute__(self, name)
        if callable(value) and not name.startswith("_") and name not in PURE:
            return _refuse(name)
        return value


def _refuse(name: str):
    def method(*args: Any, **kwargs: Any) -> Any:
        raise UnstubbedCall(f"FakeHost was not told what {name}() answers (args {args!r} {kwargs!r})")

    return method


def _answer(value: Any):
    def method(*args: Any, **kwargs: Any) -> Any:
        if isinstance(value, BaseException):
            raise value
        return value(*args, **kwargs) if callable(value) and not isinstance(value, type) else value

    return method
