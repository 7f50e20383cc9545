"""An operating-system error as a sentence in the reader's language, never errno text.

`reason(exc)` is a catalogue message (`os.<ERRNO NAME>`) to pass as a parameter of a domain error;
the message renders in the language the error is shown in. Unknown codes name the code only.
"""

from __future__ import annotations

import errno

from kfield.core.result import Message

KNOWN = ("EACCES", "EPERM", "ENOENT", "ENOTDIR", "EISDIR", "ENOSPC", "EROFS", "EEXIST", "EBUSY", "ENAMETOOLONG",
         "EADDRINUSE", "EADDRNOTAVAIL", "ECONNREFUSED", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "EDQUOT",
         "EINVAL", "EIO", "ELOOP")


def reason(exc: BaseException) -> Message:
    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if name in KNOWN:
        return Message(f"os.{name}", {})
    if getattr(exc, "winerror", None) == 32:            # a file another program holds open (Windows)
        return Message("os.EBUSY", {})
    return Message("os.other", {"errno": code if isinstance(code, int) else 0})   # the entry visit/store.py shares
