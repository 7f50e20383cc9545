"""FakeHost: a Host whose answers are given per method; unit tests of one check use it."""

from __future__ import annotations

from typing import Any

from kfield.platform.base import Host


class FakeHost(Host):
    """``FakeHost(memory=(8e9, 1e9), battery=None, usb_devices=NotSupported())``.

    A value is returned by the named method; an exception instance is raised by it.
    Methods not given fall through to the real Host base class.
    """

    def __init__(self, **answers: Any) -> None:
        self._answers = answers

    def __getattribute__(self, name: str) -> Any:
        answers = object.__getattribute__(self, "_answers")
        if name in answers:
            return _answer(answers[name])
        return object.__getattribute__(self, name)


def _answer(value: Any):
    def method(*args: Any, **kwargs: Any) -> Any:
        if isinstance(value, BaseException):
            raise value
        return value(*args, **kwargs) if callable(value) and not isinstance(value, type) else value

    return method
