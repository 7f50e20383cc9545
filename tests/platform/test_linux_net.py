import datetime as dt
from pathlib import Path

import pytest

from kfield.platform.base import AddressOrigin, Lease, Neighbour, Route
from kfield.platform.linux_net import (dbm_to_percent, dhcp_client_of, parse_ifupdown, parse_ip_addr_origin, parse_dhclient_leases, parse_ip_neigh_json,
                                       iw_ssid, parse_iw_link, parse_networkd_lease, parse_nmcli_wifi, parse_proc_arp, parse_proc_route,
                                       parse_resolv_conf)

ROUTE = """Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
eth0\t00000000\t01000AC6\t0003\t0\t0\t100\t00000000\t0\t0\t0
eth0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
"""

LEASES = """lease {
  interface "eth0";
  fixed-address 198.18.0.50;
  option subnet-mask 255.255.255.0;
  option dhcp-server-identifier 198.18.0.1;
  renew 2 2026/11/24 17:00:00;
  expire 2 2026/11/24 18:00:00;
}
lease {
  interface "eth0";
  fixed-address 198.18.0.50;
  option dhcp-server-identifier 198.18.0.1;
  expire 2 2026/11/24 20:00:00;
}
lease {
  interface "wlan0";
  fixed-address 192.168.1.9;
  option dhcp-server-identifier 192.168.1.1;
  expire 2 2026/11/25 20:00:00;
}
"""


LINUX_FIX = Path(__file__).parent.parent / "fixtures" / "linux"


def test_default_route_lowest_metric_and_gateway_from_little_endian_hex():
    assert parse_proc_route(ROUTE) == Route("eth0", "198.10.0.1")


def test_no_default_route():
    assert parse_proc_route(ROUTE.splitlines()[0]) is None


def test_resolv_conf_nameservers_only():
    text = "# generated\nsearch lan\nnameserver 198.18.0.1 # router\nnameserver 8.8.8.8\noptions edns0\n"
    assert parse_resolv_conf(text) == ["198.18.0.1", "8.8.8.8"]


def test_dhclient_latest_lease_for_the_interface():
    lease = parse_dhclient_leases(LEASES, "eth0")
    assert lease == Lease("eth0", "198.18.0.50", "198.18.0.1", dt.datetime(2026, 11, 24, 20, tzinfo=dt.timezone.utc))
    assert parse_dhclient_leases(LEASES, "eth0", "198.18.0.99") is None
    assert parse_dhclient_leases(LEASES, "eth1") is None


def test_networkd_lease_expiry_from_write_time_and_lifetime():
    written = dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)
    lease = parse_networkd_lease("ADDRESS=10.0.0.5\nSERVER_ADDRESS=10.0.0.1\nLIFETIME=3600\n", "eth0", written)
    assert lease.server == "10.0.0.1" and lease.expires == written + dt.timedelta(hours=1)
    assert parse_networkd_lease("# empty\n", "eth0") is None


def test_ip_neigh_json_skips_ipv6():
    text = ('[{"dst":"198.18.0.1","dev":"eth0","lladdr":"AA:bb:cc:dd:ee:01","state":["REACHABLE"]},'
            '{"dst":"198.18.0.9","dev":"eth0","state":["FAILED"]},{"dst":"fe80::1","dev":"eth0","state":["STALE"]}]')
    assert parse_ip_neigh_json(text) == [Neighbour("198.18.0.1", "aa:bb:cc:dd:ee:01", "REACHABLE", "eth0"),
                                         Neighbour("198.18.0.9", "", "FAILED", "eth0")]


def test_proc_arp_incomplete_has_no_mac():
    text = ("IP address       HW type     Flags       HW address            Mask     Device\n"
            "198.18.0.1       0x1         0x2         aa:bb:cc:dd:ee:01     *        eth0\n"
            "198.18.0.7       0x1         0x0         00:00:00:00:00:00     *        eth0\n")
    assert [n.mac for n in parse_proc_arp(text)] == ["aa:bb:cc:dd:ee:01", ""]


def test_iw_link_connected_and_not():
    text = ("Connected to 00:1a:2b:3c:4d:5f (on wlan0)\n\tSSID: UBND Xa\n\tfreq: 5220\n"
            "\tsignal: -67 dBm\n\ttx bitrate: 144.4 MBit/s\n")
    wifi = parse_iw_link(text, "wlan0")
    assert (wifi.ssid, wifi.signal_dbm, wifi.signal_percent, wifi.rate_mbps) == ("UBND Xa", -67, 66, 144.4)
    assert parse_iw_link("Not connected.\n", "wlan0") is None


def test_dbm_to_percent_is_clamped():
    assert (dbm_to_percent(-110), dbm_to_percent(-40), dbm_to_percent(None)) == (0, 100, None)


def test_nmcli_network_in_use_with_an_escaped_colon():
    text = " :Nha ben:35:130 Mbit/s\n*:UBND\\:Tang 2:72:270 Mbit/s\n"
    wifi = parse_nmcli_wifi(text, "wlp2s0")
    assert (wifi.ssid, wifi.signal_percent, wifi.signal_dbm, wifi.rate_mbps) == ("UBND:Tang 2", 72, -64, 270.0)
    assert parse_nmcli_wifi(" :Nha ben:35:130 Mbit/s\n", "wlp2s0") is None


@pytest.mark.parametrize("word", ["yes", "tak", "sì", "oui", "có"])
def test_nmcli_translated_active_words_are_not_read(word):
    """The old ACTIVE column is translated; only the language-free IN-USE "*" marks the network."""
    assert parse_nmcli_wifi(f"{word}:Nha ben:35:130 Mbit/s\n", "wlp2s0") is None


def test_nmcli_real_terse_list_default_fields():
    """Real `nmcli -t dev wifi list` (default fields, escaped colons in BSSIDs and an SSID)."""
    fields = ("IN-USE", "BSSID", "SSID", "MODE", "CHAN", "RATE", "SIGNAL", "BARS", "SECURITY")
    text = (LINUX_FIX / "nmcli-wifi-list-terse.txt").read_text(encoding="utf-8")
    wifi = parse_nmcli_wifi(text, "wlp1s0", fields)
    assert (wifi.ssid, wifi.signal_percent, wifi.rate_mbps) == ("SSID-3", 87, 260.0)


def test_iw_link_vietnamese_ssid_escaped_by_iw_reads_as_text():
    """Composed as iw prints it (every non-ASCII byte as \\xNN; see the fixtures README)."""
    wifi = parse_iw_link((LINUX_FIX / "iw-link-vietnamese-composed.txt").read_text(), "wlan0")
    assert (wifi.ssid, wifi.signal_dbm, wifi.rate_mbps) == ("Phòng Tư pháp", -58, 65.0)


def test_iw_real_scan_ssids_decode_to_their_chinese_names():
    ssids = [iw_ssid(line.split("SSID: ", 1)[1]) for name in ("iw-scan-ssid-lines-zh.txt", "iw-scan-sta0-zh.txt")
             for line in (LINUX_FIX / name).read_text().splitlines() if "SSID: " in line]
    assert "顺成劳务" in ssids and "南京美女龙虾总店" in ssids and "ChinaNet-kRAH" in ssids and "sqy-5G" in ssids
    assert not [s for s in ssids if "\\x" in s]


def test_iw_ssid_cut_mid_character_keeps_the_stray_byte_inert():
    """The real 32-octet SSID from the fixtures README: its last character was cut after one byte."""
    wifi = parse_iw_link((LINUX_FIX / "iw-link-truncated-ssid-composed.txt").read_text(), "wlan0")
    assert wifi.ssid.startswith("a\u0336\u0301") and wifi.ssid.endswith("\u0311\\xcd")


@pytest.mark.parametrize("printed, shown", [
    ("\\x20lead", " lead"),                      # iw escapes a leading space
    ("back\\x5cslash", "back\\slash"),            # and a backslash
    ("bell\\x07\\x1b[31m", "bell\\x07\\x1b[31m"),    # control bytes stay shown, never sent to a terminal
    ("\\xff\\xfe", "\\xff\\xfe"),                     # not UTF-8
    ("UBND Xa", "UBND Xa"),
])
def test_iw_ssid_escapes(printed, shown):
    assert iw_ssid(printed) == shown


IP_ADDR = """[{"ifindex":2,"ifname":"wlp2s0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,
"addr_info":[{"family":"inet","local":"192.168.1.23","prefixlen":24,"broadcast":"192.168.1.255","scope":"global",
"dynamic":true,"noprefixroute":true,"label":"wlp2s0","valid_life_time":85841,"preferred_life_time":85841}]},
{"ifindex":3,"ifname":"eth0","addr_info":[{"family":"inet","local":"198.18.0.100","prefixlen":24,"scope":"global",
"label":"eth0","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]"""


def test_ip_addr_dynamic_flag_is_dhcp_with_its_lifetime_and_no_flag_is_not_an_answer():
    """The `ip -j addr` layout of iproute2 (NetworkManager's lease: dynamic, valid_life_time)."""
    assert parse_ip_addr_origin(IP_ADDR, "wlp2s0", "192.168.1.23") == AddressOrigin("dhcp", "ip", 85841)
    assert parse_ip_addr_origin(IP_ADDR, "eth0", "198.18.0.100") is None      # permanent: maybe a dhclient script
    assert parse_ip_addr_origin(IP_ADDR, "wlp2s0", "192.168.1.99") is None


def test_ifupdown_static_and_dhcp():
    text = "auto lo\niface lo inet loopback\n# office\niface eth0 inet static\n  address 10.0.0.5/24\niface wlan0 inet dhcp\n"
    assert parse_ifupdown(text, "eth0") == AddressOrigin("static", "ifupdown")
    assert parse_ifupdown(text, "wlan0") == AddressOrigin("dhcp", "ifupdown")
    assert parse_ifupdown(text, "eth1") is None


def test_dhcp_client_command_lines():
    argv = ["dhclient", "-4", "-d", "-sf", "/tmp/s", "-lf", "/srv/kept/here.leases", "-pf", "/tmp/p", "eth0"]
    assert dhcp_client_of(argv, "eth0") == ("dhclient", "/srv/kept/here.leases")
    assert dhcp_client_of(argv, "eth1") is None
    assert dhcp_client_of(["/usr/sbin/dhcpcd", "-q", "wlan0"], "wlan0") == ("dhcpcd", "")
    assert dhcp_client_of(["vim", "eth0"], "eth0") is None
