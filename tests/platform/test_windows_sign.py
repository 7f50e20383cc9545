import datetime as dt
import json
from pathlib import Path

from kfield.platform import powershell
from kfield.platform.windows_sign import parse_certificates, parse_pnputil, parse_reg_query

FIX = Path(__file__).parent.parent / "fixtures" / "windows" / "sign"


def test_pnputil_lists_usb_devices_with_vendor_and_product():
    devices = parse_pnputil((FIX / "pnputil-enum-devices-connected.txt").read_text())
    assert [(d.vendor_id, d.product_id) for d in devices] == [("096e", "0006"), ("8087", "0026")]
    assert devices[0].name == "USB Input Device"


def test_reg_query_values():
    assert parse_reg_query((FIX / "reg-query-chrome-blbeacon.txt").read_text()) == {"version": "142.0.7444.60"}
    policy = parse_reg_query((FIX / "reg-query-lna-policy.txt").read_text())
    assert list(policy.values()) == ["https://eoffice.example.gov.vn", "[*.]khanhhoa.gov.vn"]
    assert parse_reg_query("ERROR: The system was unable to find the specified registry key or value.") == {}


def test_certificates_list_and_single_object():
    several = parse_certificates(powershell.parse_json_list((FIX / "certs-several.json").read_text(encoding="utf-8")))
    assert [c.has_private_key for c in several] == [True, False]
    assert several[0].not_after == dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    assert "NGUYỄN VĂN A" in several[0].subject
    single = parse_certificates(powershell.parse_json_list((FIX / "certs-single.json").read_text(encoding="utf-8")))
    assert len(single) == 1 and single[0].not_after.year == 2021


def test_certificate_without_a_date_is_dropped():
    assert parse_certificates(json.loads('[{"Subject": "CN=x", "NotAfter": null}]')) == []


def test_certificates_carry_their_bytes_from_powershell_raw_data():
    import base64

    rows = [{"Subject": "CN=a", "Issuer": "CN=b", "NotAfter": "2027-01-01T00:00:00", "HasPrivateKey": True,
             "Raw": base64.b64encode(b"\x30\x03\x02\x01\x01").decode()},
            {"Subject": "CN=c", "Issuer": "CN=b", "NotAfter": "2027-01-01T00:00:00", "Raw": "not base64!"}]
    assert [c.der for c in parse_certificates(rows)] == [b"\x30\x03\x02\x01\x01", b""]
