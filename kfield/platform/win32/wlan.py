"""Wi-Fi through the Native Wifi API (wlanapi: WlanOpenHandle, WlanEnumInterfaces,
WlanQueryInterface). SSID bytes, signal quality and rates are numbers; on Windows 11 24H2 with
Location permission off the query is refused with ERROR_ACCESS_DENIED, which is its own result.
"""

from __future__ import annotations

import struct
import uuid

from kfield.core.errors import SourceUnavailable
from kfield.platform.base import Wifi

WLAN_CLIENT_VERSION_2 = 2
WLAN_INTF_OPCODE_CURRENT_CONNECTION = 7
WLAN_INTERFACE_STATE_CONNECTED = 1
ERROR_ACCESS_DENIED, ERROR_INVALID_STATE, ERROR_SERVICE_NOT_ACTIVE = 5, 5023, 1062
INTERFACE_INFO_SIZE = 16 + 512 + 4          # GUID, WCHAR[256] description, state
CONNECTION_SIZE = 588                        # through WLAN_ASSOCIATION_ATTRIBUTES.ulTxRate
_SSID, _QUALITY = 520, 576                   # offsets in WLAN_CONNECTION_ATTRIBUTES


# --- pure decoding ----------------------------------------------------------------------------
def ssid_text(raw: bytes) -> str:
    """An SSID's octets as text a person can read and no terminal obeys: UTF-8 where they are UTF-8
    (a Vietnamese name with its diacritics), every byte that is not shown as ``\\xNN``, and control
    characters (an escape sequence in a beacon) as ``\\xNN`` too. Shared with Linux's `iw` reader."""
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 else c for c in text)


def interfaces_from(buffer: bytes) -> list[tuple[str, int]]:
    """WLAN_INTERFACE_INFO_LIST → [(interface GUID "{…}" upper-case, state)]."""
    count, _ = struct.unpack_from("<II", buffer, 0)
    out = []
    for i in range(count):
        start = 8 + i * INTERFACE_INFO_SIZE
        guid = uuid.UUID(bytes_le=buffer[start:start + 16])
        (state,) = struct.unpack_from("<I", buffer, start + 16 + 512)
        out.append((f"{{{str(guid).upper()}}}", state))
    return out


def connection_from(buffer: bytes, interface: str) -> Wifi | None:
    """WLAN_CONNECTION_ATTRIBUTES → Wifi (None unless connected). Quality is Windows' linear
    percentage (0 % = -100 dBm, 100 % = -50 dBm); rates are in kbit/s."""
    if len(buffer) < CONNECTION_SIZE:
        raise ValueError("WLAN_CONNECTION_ATTRIBUTES cut short")
    (state,) = struct.unpack_from("<I", buffer, 0)
    (length,) = struct.unpack_from("<I", buffer, _SSID)
    if state != WLAN_INTERFACE_STATE_CONNECTED or not 0 < length <= 32:
        return None
    ssid = ssid_text(buffer[_SSID + 4:_SSID + 4 + length])
    quality, rx_kbps = struct.unpack_from("<II", buffer, _QUALITY)
    quality = min(quality, 100)
    return Wifi(interface, ssid, quality // 2 - 100, quality, rx_kbps / 1000 if rx_kbps else None)


# --- the Windows calls ------------------------------------------------------------------------
def read_connection(interface: str, guid: str = "") -> Wifi | None:
    """The connection of the WLAN interface ``guid`` (or the first connected one)."""
    import ctypes

    lib = _wlanapi(ctypes)
    handle, negotiated = ctypes.c_void_p(), ctypes.c_ulong()
    _check(lib.WlanOpenHandle(WLAN_CLIENT_VERSION_2, None, ctypes.byref(negotiated), ctypes.byref(handle)),
           "WlanOpenHandle")
    try:
        listing = ctypes.c_void_p()
        _check(lib.WlanEnumInterfaces(handle, None, ctypes.byref(listing)), "WlanEnumInterfaces")
        count = ctypes.c_ulong.from_address(listing.value).value
        found = interfaces_from(ctypes.string_at(listing.value, 8 + count * INTERFACE_INFO_SIZE))
        lib.WlanFreeMemory(listing)
        chosen = [g for g, state in found if g == guid.upper()] or [g for g, s in found if s == 1]
        return _query(ctypes, lib, handle, chosen[0], interface) if chosen else None
    finally:
        lib.WlanCloseHandle(handle, None)


def _query(ctypes, lib, handle, guid: str, interface: str) -> Wifi | None:
    raw = (ctypes.c_ubyte * 16).from_buffer_copy(uuid.UUID(guid.strip("{}")).bytes_le)
    size, data, kind = ctypes.c_ulong(), ctypes.c_void_p(), ctypes.c_int()
    error = lib.WlanQueryInterface(handle, ctypes.byref(raw), WLAN_INTF_OPCODE_CURRENT_CONNECTION, None,
                                   ctypes.byref(size), ctypes.byref(data), ctypes.byref(kind))
    if error == ERROR_INVALID_STATE:      # not connected
        return None
    _check(error, "WlanQueryInterface")
    try:
        return connection_from(ctypes.string_at(data.value, size.value), interface)
    finally:
        lib.WlanFreeMemory(data)


def _check(error: int, call: str) -> None:
    if error == 0:
        return
    if error == ERROR_ACCESS_DENIED:      # Windows 11 24H2+: Location permission off for desktop apps
        raise SourceUnavailable("wlanapi", "location_off")
    raise SourceUnavailable("wlanapi", "failed", detail=f"{call} error {error}")


def _wlanapi(ctypes):
    try:
        lib = ctypes.WinDLL("wlanapi")
    except (AttributeError, OSError):     # not Windows, or no WLAN service DLL (Server Core)
        raise SourceUnavailable("wlanapi", "missing") from None
    lib.WlanOpenHandle.argtypes = [ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.WlanEnumInterfaces.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.WlanQueryInterface.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p,
                                       ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.WlanFreeMemory.argtypes = [ctypes.c_void_p]
    lib.WlanCloseHandle.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    return lib
