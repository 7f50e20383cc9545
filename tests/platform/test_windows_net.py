from pathlib import Path

import pytest

from kfield.platform import powershell
from kfield.platform.base import Neighbour, Route, SourceUnavailable
from kfield.platform.windows_net import (netsh_blocks, parse_adapter_lease, parse_arp_a, parse_dns,
                                         parse_netsh_wlan, parse_routes)

FIX = Path(__file__).parent.parent / "fixtures" / "windows" / "net"


def rows(name):
    return powershell.parse_json_list((FIX / name).read_text())


def test_default_route_is_the_lowest_total_metric():
    assert parse_routes(rows("routes.json")) == Route("Ethernet", "10.10.0.1")


def test_on_link_default_route_has_no_gateway():
    assert parse_routes([{"InterfaceAlias": "Ethernet", "NextHop": "0.0.0.0"}]) == Route("Ethernet", "")


def test_no_default_route():
    assert parse_routes([]) is None


def test_dns_servers_of_one_interface_and_a_bare_string():
    assert parse_dns(rows("dns.json"), "Ethernet") == ["10.10.0.1", "8.8.8.8"]
    assert parse_dns(rows("dns.json"), "Wi-Fi") == ["192.168.1.1"]


def test_lease_matched_by_address_with_dates():
    lease = parse_adapter_lease(rows("adapters.json"), "Ethernet", "10.10.0.57")
    assert lease.server == "10.10.0.1"
    assert lease.expires.isoformat() == "2026-12-01T00:00:00+00:00"
    assert parse_adapter_lease(rows("adapters.json"), "Ethernet", "10.10.0.99") is None


def test_arp_a_keeps_unicast_rows_with_their_interface():
    found = parse_arp_a((FIX / "arp-a.txt").read_text())
    assert found == [Neighbour("10.10.0.1", "00:1a:2b:3c:4d:5e", "dynamic", "10.10.0.57"),
                     Neighbour("10.10.0.23", "3c:52:82:11:22:33", "dynamic", "10.10.0.57")]


def test_netsh_wlan_connected():
    wifi = parse_netsh_wlan((FIX / "netsh-wlan.txt").read_text(), "Wi-Fi")
    assert (wifi.ssid, wifi.signal_percent, wifi.signal_dbm, wifi.rate_mbps) == ("UBND-Xa-Cam-Lam", 38, -81, 173.3)


def test_netsh_wlan_labels_in_another_language_still_give_the_signal():
    text = (FIX / "netsh-wlan.txt").read_text().replace("Signal ", "Tín hiệu").replace("State", "Trạng thái")
    assert parse_netsh_wlan(text, "Wi-Fi").signal_percent == 38


def test_netsh_wlan_disconnected_is_none():
    assert parse_netsh_wlan((FIX / "netsh-wlan-disconnected.txt").read_text(), "Wi-Fi") is None


def test_winhttp_direct_and_proxy():
    from kfield.platform.base import Proxy
    from kfield.platform.windows_net import parse_winhttp

    assert parse_winhttp((FIX / "winhttp-direct.txt").read_text()) == []
    assert parse_winhttp((FIX / "winhttp-proxy.txt").read_text()) == [Proxy("winhttp", "10.10.0.5:3128")]


def test_wininet_proxy_and_pac():
    from kfield.platform.base import Proxy
    from kfield.platform.windows_net import parse_wininet

    text = (FIX / "reg-internet-settings.txt").read_text()
    assert parse_wininet(text) == [Proxy("wininet", "10.10.0.5:3128"),
                                   Proxy("wininet:pac", "http://wpad.office.lan/proxy.pac")]
    assert parse_wininet(text.replace("ProxyEnable    REG_DWORD    0x1", "ProxyEnable    REG_DWORD    0x0"))[0].source == "wininet:pac"


REAL = FIX / "real"


@pytest.mark.parametrize("name, interface, ssid, percent, rate", [
    ("netsh-wlan-de.txt", "WLAN", "SSID-1", 43, 300.0),
    ("netsh-wlan-fr.txt", "Wi-Fi", "SSID-1", 80, 103.0),
    ("netsh-wlan-it.txt", "Wi-Fi", "SSID-1", 85, 130.0),
    ("netsh-wlan-es.txt", "Wi-Fi", "Norma-2.4", 72, 81.0),        # trailing spaces after values
    ("netsh-wlan-es-rssi.txt", "Wi-Fi", "RED-DE-PRUEBA", 100, 866.7),
])
def test_netsh_wlan_real_captures_in_other_languages(name, interface, ssid, percent, rate):
    """Real outputs (see fixtures README): translated labels, 3-space indents, "Réception (Mbits/s)"."""
    wifi = parse_netsh_wlan((REAL / name).read_text(encoding="utf-8"), interface)
    assert (wifi.ssid, wifi.signal_percent, wifi.rate_mbps) == (ssid, percent, rate)


@pytest.mark.parametrize("name", ["netsh-wlan-de.txt", "netsh-wlan-fr.txt", "netsh-wlan-it.txt", "netsh-wlan-es.txt",
                                  "netsh-wlan-es-rssi.txt", "netsh-wlan-es-disconnected.txt"])
def test_netsh_wlan_real_captures_are_one_block_headed_by_the_translated_name_label(name):
    blocks = netsh_blocks((REAL / name).read_text(encoding="utf-8"))
    assert len(blocks) == 1 and blocks[0][0][0] in ("Name", "Nom", "Nome", "Nombre")


def test_netsh_wlan_real_spanish_rssi_line_and_disconnected_capture():
    text = (REAL / "netsh-wlan-es-rssi.txt").read_text(encoding="utf-8")
    assert parse_netsh_wlan(text, "Wi-Fi").signal_dbm == -50
    # 100 % maps to -50 dBm too: with the percentage changed, the dBm still comes from the Rssi line
    assert parse_netsh_wlan(text.replace(": 100%", ": 60%"), "Wi-Fi").signal_dbm == -50
    assert parse_netsh_wlan((REAL / "netsh-wlan-es-disconnected.txt").read_text(encoding="utf-8"), "Wi-Fi") is None


def test_netsh_wlan_a_name_netsh_does_not_list_is_could_not_check_not_disconnected():
    """The real German capture names its adapter "WLAN": asked for "Wi-Fi", its SSID is not ours."""
    with pytest.raises(SourceUnavailable) as caught:
        parse_netsh_wlan((REAL / "netsh-wlan-de.txt").read_text(encoding="utf-8"), "Wi-Fi")
    assert caught.value.key == "platform.source.garbled"


@pytest.mark.parametrize("name, interface, ssid, percent, rate", [
    ("netsh-wlan-two-adapters-en-composed.txt", "Wi-Fi", "UBND-Tang-1", 31, 72.2),
    ("netsh-wlan-two-adapters-en-composed.txt", "Wi-Fi 2", "Phòng Tư pháp", 92, 433.3),
    ("netsh-wlan-two-adapters-de-composed.txt", "WLAN 2", "Phòng Tư pháp", 92, 433.3),
])
def test_netsh_wlan_two_adapters_each_reads_its_own_block(name, interface, ssid, percent, rate):
    """A built-in card and a USB dongle: each adapter gets its own SSID, signal and rate."""
    wifi = parse_netsh_wlan((FIX / name).read_text(encoding="utf-8"), interface)
    assert (wifi.interface, wifi.ssid, wifi.signal_percent, wifi.rate_mbps) == (interface, ssid, percent, rate)


def test_netsh_wlan_two_adapters_the_disconnected_one_is_disconnected_and_guid_also_matches():
    text = (FIX / "netsh-wlan-two-adapters-de-composed.txt").read_text(encoding="utf-8")
    assert parse_netsh_wlan(text, "WLAN") is None           # the built-in card is not connected
    by_guid = parse_netsh_wlan(text, "WLAN-USB", "{0E9D8C7B-6A5F-4E3D-9C2B-1A0F9E8D7C6B}")
    assert by_guid.ssid == "Phòng Tư pháp"


@pytest.mark.parametrize("name", ["netsh-wlan-location-denied-en.txt", "netsh-wlan-location-denied-elevation-en.txt"])
def test_netsh_wlan_24h2_location_refusal_is_not_disconnected(name):
    with pytest.raises(SourceUnavailable) as caught:
        parse_netsh_wlan((REAL / name).read_text(encoding="utf-8"), "Wi-Fi")
    assert caught.value.key == "platform.source.location_off"


def test_netsh_wlan_rssi_line_gives_dbm_and_comma_decimals():
    """Composed: newer builds add `Rssi`; some languages write the rate with a decimal comma."""
    text = ("    Nom                    : Wi-Fi\n    SSID                   : UBND\n    Réception (Mbits/s)    : 72,2\n"
            "    Signal                 : 48%\n    Rssi                   : -71\n")
    wifi = parse_netsh_wlan(text, "Wi-Fi")
    assert (wifi.signal_dbm, wifi.signal_percent, wifi.rate_mbps) == (-71, 48, 72.2)


def test_wininet_empty_pac_value_is_no_pac():
    from kfield.platform.windows_net import parse_wininet

    assert parse_wininet((FIX / "reg-internet-settings-empty-pac.txt").read_text()) == []
