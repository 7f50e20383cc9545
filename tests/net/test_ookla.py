"""kfield.net.ookla: the Speedtest.net configuration and server list, and the choice of server."""

import pytest

from kfield.net import ookla

# In the shape of speedtest.net's speedtest-config.php and speedtest-servers-static.php (the elements
# and attributes speedtest-cli 2.1.3 reads); the values are made up, the coordinates are the towns'.
CONFIG = (b'<?xml version="1.0" encoding="UTF-8"?><settings><client ip="203.0.113.7" lat="12.2451" '
          b'lon="109.1943" isp="VNPT" isprating="3.7" rating="0" ispdlavg="0" ispulavg="0" loggedin="0" '
          b'country="VN" /><server-config threadcount="4" ignoreids="" /></settings>')
SERVERS = (b'<?xml version="1.0" encoding="UTF-8"?><settings><servers>'
           b'<server url="http://hn.example.vn:8080/speedtest/upload.php" lat="21.0333" lon="105.8500" '
           b'name="Hanoi" country="Vietnam" cc="VN" sponsor="ISP B" id="9903" host="hn.example.vn:8080" />'
           b'<server url="http://nt.example.vn:8080/speedtest/upload.php" lat="12.2500" lon="109.1833" '
           b'name="Nha Trang" country="Vietnam" cc="VN" sponsor="ISP A" id="9174" host="nt.example.vn:8080" />'
           b'<server url="http://broken/" lat="north" lon="1" name="x" host="broken:8080" />'
           b'<server url="http://sg.example.sg:8080/speedtest/upload.php" lat="1.2930" lon="103.8558" '
           b'name="Singapore" country="Singapore" cc="SG" sponsor="ISP C" id="7311" host="sg.example.sg:8080" />'
           b'</servers></settings>')


def test_config_gives_where_the_client_is():
    assert ookla.parse_config(CONFIG) == (12.2451, 109.1943)
    with pytest.raises(ValueError):
        ookla.parse_config(b"<settings/>")


def test_servers_skip_a_malformed_entry_and_sort_by_distance():
    servers = ookla.parse_servers(SERVERS)
    assert [s.host for s in servers] == ["hn.example.vn:8080", "nt.example.vn:8080", "sg.example.sg:8080"]
    nearest = ookla.nearest(servers, (12.2451, 109.1943), count=2)
    assert [s.name for s in nearest] == ["ISP A, Nha Trang", "ISP B, Hanoi"]


def test_distance_nha_trang_to_hanoi():
    assert ookla.distance_km((12.2451, 109.1943), (21.0333, 105.85)) == pytest.approx(1040, rel=0.03)


def test_target_uses_ooklaservers_http_endpoints():
    target = ookla.named("nt.example.vn:8080")
    assert target.down.startswith("http://nt.example.vn:8080/download?nocache=") and target.down.endswith("size={size}")
    assert target.up.startswith("http://nt.example.vn:8080/upload") and target.ping == "http://nt.example.vn:8080/hello"
