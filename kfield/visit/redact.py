"""Stable pseudonyms for exports: MAC and IP addresses, host names, user and member names,
serial numbers — the same value always becomes the same pseudonym (HMAC-SHA256), so redacted
exports from one team can still be aggregated. The key is KFIELD_REDACT_KEY (share it across a
team), else a random key kept in this laptop's config folder."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from typing import Any

from kfield.core.paths import config_dir

MAC = re.compile(r"\b[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}\b")
IPV4 = re.compile(r"\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b")
IPV6 = re.compile(r"\b(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}\b")
SERIAL = re.compile(r"(?i)\b(serial|s/n|sn)\s*[:#]?\s*([A-Z0-9-]{6,})")
# Fields whose whole value names a person, a machine or a device.
IDENTIFYING = {"hostname": "host", "members": "person", "user": "person", "username": "person", "name": "person",
               "serial": "serial", "thumbprint": "serial", "subject": "person"}


def key() -> bytes:
    shared = os.environ.get("KFIELD_REDACT_KEY")
    if shared:
        return shared.encode()
    path = config_dir() / "redact.key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        from kfield.core.atomic import create_once

        path.parent.mkdir(parents=True, exist_ok=True)
        create_once(path, secrets.token_hex(32).encode())   # two exports at once share the key that won
        try:
            return path.read_bytes()
        except OSError as exc:                              # a link to nowhere left at its name
            from kfield.core.errors import UsageError
            from kfield.core.oserrors import reason

            raise UsageError("schema.unreadable", path=str(path), reason=reason(exc)) from None


class Redactor:
    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def pseudonym(self, kind: str, value: str) -> str:
        digest = hmac.new(self.secret, f"{kind}:{value.lower()}".encode(), hashlib.sha256).hexdigest()
        return f"{kind}-{digest[:10]}"

    def text(self, value: str) -> str:
        value = MAC.sub(lambda m: self.pseudonym("mac", m[0].replace("-", ":")), value)
        value = IPV6.sub(lambda m: self.pseudonym("ip", m[0]), value)
        value = IPV4.sub(lambda m: self.pseudonym("ip", m[0]), value)
        return SERIAL.sub(lambda m: f"{m[1]} {self.pseudonym('serial', m[2])}", value)

    def value(self, data: Any, field: str = "") -> Any:
        """The whole structure with identifying fields replaced and addresses scrubbed from text."""
        if isinstance(data, dict):
            return {k: self.value(v, k) for k, v in data.items()}
        if isinstance(data, (list, tuple)):
            return [self.value(v, field) for v in data]
        if isinstance(data, str):
            kind = IDENTIFYING.get(field)
            return self.pseudonym(kind, data) if kind and data else self.text(data)
        return data
