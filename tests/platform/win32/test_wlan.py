"""Native Wifi decoding on byte buffers laid out as wlanapi returns them."""

import struct
import uuid

import pytest

from kfield.core.errors import SourceUnavailable
from kfield.platform.base import Wifi
from kfield.platform.win32 import wlan

GUID = uuid.UUID("3f9a7c1e-1111-2222-3333-444455556666")


def _connection(state=1, ssid=b"UBND-Xa-Cam-Lam", quality=62, rx_kbps=144_400):
    head = struct.pack("<II", state, 0) + "UBND".encode("utf-16-le").ljust(512, b"\0")
    ssid_part = struct.pack("<I", len(ssid)) + ssid.ljust(32, b"\0")
    assoc = ssid_part + struct.pack("<I", 1) + bytes.fromhex("001a2b3c4d01") + bytes(2)
    assoc += struct.pack("<IIIII", 7, 0, quality, rx_kbps, 130_000)
    buffer = head + assoc
    assert len(buffer) == wlan.CONNECTION_SIZE
    return buffer + bytes(40)   # the security attributes that follow


def test_connected_interface():
    assert wlan.connection_from(_connection(), "Wi-Fi") == Wifi("Wi-Fi", "UBND-Xa-Cam-Lam", -69, 62, 144.4)


def test_vietnamese_ssid_bytes_are_utf8():
    assert wlan.connection_from(_connection(ssid="Phòng Tư pháp".encode()), "Wi-Fi").ssid == "Phòng Tư pháp"


@pytest.mark.parametrize("state, ssid", [(4, b"UBND"), (1, b"")])
def test_not_connected_is_none(state, ssid):
    assert wlan.connection_from(_connection(state=state, ssid=ssid), "Wi-Fi") is None


def test_cut_short_buffer_is_an_error():
    with pytest.raises(ValueError):
        wlan.connection_from(_connection()[:500], "Wi-Fi")


def test_interface_list():
    item = GUID.bytes_le + "Intel(R) Wi-Fi 6 AX201".encode("utf-16-le").ljust(512, b"\0") + struct.pack("<I", 1)
    buffer = struct.pack("<II", 1, 0) + item
    assert wlan.interfaces_from(buffer) == [("{3F9A7C1E-1111-2222-3333-444455556666}", 1)]


def test_access_denied_is_the_location_setting_and_other_errors_are_failures():
    with pytest.raises(SourceUnavailable) as denied:
        wlan._check(wlan.ERROR_ACCESS_DENIED, "WlanQueryInterface")
    assert denied.value.reason == "location_off"
    with pytest.raises(SourceUnavailable) as stopped:
        wlan._check(wlan.ERROR_SERVICE_NOT_ACTIVE, "WlanOpenHandle")
    assert stopped.value.reason == "failed" and "1062" in stopped.value.detail
    wlan._check(0, "WlanOpenHandle")


def test_ssid_bytes_that_are_not_utf8_or_are_control_characters_are_shown_inert():
    """A name cut at 32 octets mid-character, or a beacon carrying a terminal escape sequence."""
    assert wlan.connection_from(_connection(ssid="Tư".encode()[:2]), "Wi-Fi").ssid == "T\\xc6"
    assert wlan.connection_from(_connection(ssid=b"UBND\x1b[2J"), "Wi-Fi").ssid == "UBND\\x1b[2J"
