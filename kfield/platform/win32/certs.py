"""The user's certificate store (CurrentUser\\MY) through crypt32: each certificate's DER bytes
and whether a private key is attached (CERT_KEY_PROV_INFO_PROP_ID). Subject, issuer, expiry and
thumbprint are decoded here from the DER bytes — no text in the display language is involved.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from kfield.core.errors import SourceUnavailable
from kfield.platform.base import Certificate

CERT_STORE_PROV_SYSTEM_W = 10
CERT_SYSTEM_STORE_CURRENT_USER = 1 << 16
CERT_STORE_OPEN_EXISTING_FLAG = 0x4000
CERT_STORE_READONLY_FLAG = 0x8000
CERT_KEY_PROV_INFO_PROP_ID = 2
ERROR_FILE_NOT_FOUND = 2

# Attribute types Vietnamese CA certificates use (UID carries "CMND:…"/"MST:…").
_NAMES = {"2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O",
          "2.5.4.11": "OU", "2.5.4.5": "SERIALNUMBER", "1.2.840.113549.1.9.1": "E",
          "0.9.2342.19200300.100.1.1": "UID"}
_STRINGS = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x14: "latin-1", 0x1E: "utf-16-be",
            0x1C: "utf-32-be", 0x12: "ascii", 0x1A: "ascii"}


# --- pure DER decoding ------------------------------------------------------------------------
def _tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of content, end of content) of the element at ``pos``."""
    if pos + 2 > len(data):
        raise ValueError("DER element cut short")
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first & 0x80:
        count = first & 0x7F
        if count == 0 or count > 4 or pos + count > len(data):
            raise ValueError("bad DER length")
        length, pos = int.from_bytes(data[pos:pos + count], "big"), pos + count
    else:
        length = first
    if pos + length > len(data):
        raise ValueError("DER element runs past its container")
    return tag, pos, pos + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    while start < end:
        element = _tlv(data, start)
        out.append(element)
        start = element[2]
    return out


def _oid(raw: bytes) -> str:
    parts, value = [], 0
    for byte in raw:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    first = min(parts[0] // 40, 2)
    return ".".join(map(str, [first, parts[0] - 40 * first, *parts[1:]]))


def _name(data: bytes, start: int, end: int) -> str:
    """A distinguished name as "CN=…, O=…, C=…" (most specific first, as Windows shows it)."""
    parts = []
    for _, set_start, set_end in _children(data, start, end):
        for _, seq_start, seq_end in _children(data, set_start, set_end):
            (_, o1, o2), (vtag, v1, v2) = _children(data, seq_start, seq_end)[:2]
            label = _NAMES.get(_oid(data[o1:o2]), _oid(data[o1:o2]))
            parts.append(f"{label}={data[v1:v2].decode(_STRINGS.get(vtag, 'latin-1'), 'replace')}")
    return ", ".join(reversed(parts))


def _time(data: bytes, tag: int, start: int, end: int) -> dt.datetime:
    text = data[start:end].decode("ascii").rstrip("Z")
    if tag == 0x17:  # UTCTime: two-digit year, 1950–2049 (RFC 5280)
        year = int(text[:2])
        text = f"{1900 + year if year >= 50 else 2000 + year}{text[2:]}"
    return dt.datetime.strptime(text[:14], "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone.utc)


def certificate_from_der(der: bytes, has_private_key: bool) -> Certificate:
    """Subject, issuer, NotAfter and SHA-1 thumbprint of an X.509 certificate; ValueError if malformed."""
    _, cert_start, cert_end = _tlv(der, 0)
    _, tbs_start, tbs_end = _children(der, cert_start, cert_end)[0]
    fields = _children(der, tbs_start, tbs_end)
    if fields and fields[0][0] == 0xA0:      # explicit [0] version
        fields = fields[1:]
    issuer, validity, subject = fields[2], fields[3], fields[4]
    not_after = _children(der, validity[1], validity[2])[1]
    return Certificate(_name(der, subject[1], subject[2]), _name(der, issuer[1], issuer[2]),
                       _time(der, *not_after), has_private_key, hashlib.sha1(der).hexdigest().upper(), bytes(der))


def certificates(entries: list[tuple[bytes, bool]]) -> list[Certificate]:
    """Decode every (DER, has key) pair; a certificate that does not decode is left out."""
    out = []
    for der, has_key in entries:
        try:
            out.append(certificate_from_der(der, has_key))
        except (ValueError, IndexError, UnicodeDecodeError):
            continue
    return out


# --- the Windows call -------------------------------------------------------------------------
def read_user_store() -> list[tuple[bytes, bool]]:
    """(DER bytes, has private key) for each certificate in CurrentUser\\MY. A store that does not
    exist is an empty answer; any other failure is SourceUnavailable."""
    import ctypes

    crypt32 = _crypt32(ctypes)
    flags = CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_OPEN_EXISTING_FLAG | CERT_STORE_READONLY_FLAG
    store = crypt32.CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, None, flags, "MY")
    if not store:
        error = ctypes.get_last_error()
        if error == ERROR_FILE_NOT_FOUND:
            return []
        raise SourceUnavailable("crypt32", "failed", detail=f"CertOpenStore error {error}")
    try:
        return list(_enumerate(ctypes, crypt32, store))
    finally:
        crypt32.CertCloseStore(store, 0)


def _enumerate(ctypes, crypt32, store):
    context = None
    while True:
        context = crypt32.CertEnumCertificatesInStore(store, context)
        if not context:
            return
        cert = ctypes.cast(context, ctypes.POINTER(_context_type(ctypes))).contents
        size = ctypes.c_ulong(0)
        has_key = bool(crypt32.CertGetCertificateContextProperty(
            context, CERT_KEY_PROV_INFO_PROP_ID, None, ctypes.byref(size)))
        yield ctypes.string_at(cert.pbCertEncoded, cert.cbCertEncoded), has_key


def _context_type(ctypes):
    class CertContext(ctypes.Structure):
        _fields_ = [("dwCertEncodingType", ctypes.c_ulong), ("pbCertEncoded", ctypes.c_void_p),
                    ("cbCertEncoded", ctypes.c_ulong), ("pCertInfo", ctypes.c_void_p),
                    ("hCertStore", ctypes.c_void_p)]
    return CertContext


def _crypt32(ctypes):
    lib = ctypes.WinDLL("crypt32", use_last_error=True)
    lib.CertOpenStore.restype = ctypes.c_void_p
    lib.CertOpenStore.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong,
                                  ctypes.c_wchar_p]
    lib.CertEnumCertificatesInStore.restype = ctypes.c_void_p
    lib.CertEnumCertificatesInStore.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    lib.CertGetCertificateContextProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p,
                                                      ctypes.POINTER(ctypes.c_ulong)]
    lib.CertCloseStore.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    return lib
