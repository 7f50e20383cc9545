import json

from kfield.platform.linux import LinuxHost
from kfield.platform.base import LnaPolicy
from kfield.platform.linux_sign import parse_version, read_policies, read_sysfs_usb


def make_usb(root, name, vendor, product, label=None):
    device = root / "sys/bus/usb/devices" / name
    device.mkdir(parents=True)
    (device / "idVendor").write_text(vendor + "\n")
    (device / "idProduct").write_text(product + "\n")
    if label:
        (device / "product").write_text(label + "\n")


def test_sysfs_usb_devices(tmp_path):
    make_usb(tmp_path, "1-1", "096E", "0006", "ePass2003")
    make_usb(tmp_path, "1-2", "8087", "0026")
    (tmp_path / "sys/bus/usb/devices/1-1:1.0").mkdir()  # interfaces have no idVendor
    devices = read_sysfs_usb(tmp_path)
    assert [(d.vendor_id, d.product_id, d.name) for d in devices] == [("096e", "0006", "ePass2003"), ("8087", "0026", "")]
    assert LinuxHost(tmp_path).usb_devices() == devices


def test_policy_files(tmp_path):
    folder = tmp_path / "etc/opt/chrome/policies/managed"
    folder.mkdir(parents=True)
    (folder / "lna.json").write_text(json.dumps({"LocalNetworkAccessAllowedForUrls": ["https://a.gov.vn"]}))
    (folder / "broken.json").write_text("{not json")
    (folder / "z.json").write_text(json.dumps({"LoopbackNetworkAllowedForUrls": ["[*.]khanhhoa.gov.vn"],
                                               "LocalNetworkAccessRestrictionsTemporaryOptOut": True}))
    edge = tmp_path / "etc/opt/edge/policies/managed"
    edge.mkdir(parents=True)
    (edge / "x.json").write_text(json.dumps({"LocalNetworkAccessRestrictionsTemporaryOptOut": "yes"}))  # not a bool
    assert read_policies(tmp_path) == {"chrome": LnaPolicy(("https://a.gov.vn",), ("[*.]khanhhoa.gov.vn",), True)}


def test_versions():
    assert parse_version("Google Chrome 142.0.7444.59 ") == "142.0.7444.59"
    assert parse_version("Mozilla Firefox 128.4.0esr") == "128.4.0"
    assert parse_version("no version") is None
