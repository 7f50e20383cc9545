import struct
from pathlib import Path

import pytest

from kfield.core.errors import SourceUnavailable
from kfield.platform.base import Proxy
from kfield.platform.win32 import registry
from kfield.platform.win32.registry import REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_SZ, Value

FIX = Path(__file__).parent.parent.parent / "fixtures" / "windows"


def test_reg_query_empty_reg_sz_does_not_swallow_the_next_line():
    values = registry.parse_reg_query((FIX / "net" / "reg-internet-settings-empty-pac.txt").read_text())
    assert values["AutoConfigURL"] == Value("", REG_SZ)
    assert values["ProxyEnable"] == Value(0, REG_DWORD)
    assert registry.wininet_proxies(values) == []      # no PAC, proxy switched off


def test_reg_query_types():
    text = ("HKEY_LOCAL_MACHINE\\X\r\n    Blob    REG_BINARY    2800000001000000\r\n"
            "    List    REG_MULTI_SZ    a\\0b\r\n    Name With Space    REG_SZ    v 1\r\n")
    values = registry.parse_reg_query(text)
    assert values["Blob"] == Value(bytes.fromhex("2800000001000000"), REG_BINARY)
    assert values["List"] == Value(["a", "b"], REG_MULTI_SZ)
    assert values["Name With Space"].data == "v 1"


def test_wininet_proxy_and_pac_from_typed_values():
    values = {"ProxyEnable": Value(1, REG_DWORD), "ProxyServer": Value("http=10.0.0.5:3128;https=10.0.0.5:3128", REG_SZ),
              "AutoConfigURL": Value("http://wpad.lan/p.pac", REG_SZ)}
    assert registry.wininet_proxies(values) == [Proxy("wininet", "10.0.0.5:3128"), Proxy("wininet:pac", "http://wpad.lan/p.pac")]
    assert registry.wininet_proxies(None) == []


def _winhttp_blob(flags: int, proxy: bytes, bypass: bytes = b"") -> bytes:
    return struct.pack("<4I", 0x28, 5, flags, len(proxy)) + proxy + struct.pack("<I", len(bypass)) + bypass


def test_winhttp_blob_direct_and_named_proxy():
    assert registry.winhttp_proxies(_winhttp_blob(1, b"")) == []
    blob = _winhttp_blob(3, b"10.10.0.5:3128", b"<local>")
    assert registry.winhttp_proxies(blob) == [Proxy("winhttp", "10.10.0.5:3128")]


@pytest.mark.parametrize("blob", [b"\x28\x00", _winhttp_blob(3, b"10.10.0.5:3128")[:20]])
def test_winhttp_blob_cut_short_is_an_error(blob):
    with pytest.raises(ValueError):
        registry.winhttp_proxies(blob)


def _fw(on):
    return {"EnableFirewall": Value(on, REG_DWORD)}


def test_firewall_profiles_with_a_policy_override():
    live = {"Domain": _fw(1), "Private": _fw(1), "Public": _fw(0)}
    state = registry.firewall_profiles(live, {"Public": _fw(1)})
    assert state.enabled and state.profiles == (("Domain", True), ("Private", True), ("Public", True))
    off = registry.firewall_profiles(live, {})
    assert not off.enabled and ("Public", False) in off.profiles


def test_firewall_keys_absent_is_could_not_check_not_off():
    with pytest.raises(SourceUnavailable) as caught:
        registry.firewall_profiles({"Domain": None, "Private": {}, "Public": None}, {})
    assert caught.value.reason == "missing"


def test_string_list_policy_in_number_order():
    values = {"2": Value("https://b", REG_SZ), "1": Value("https://a", REG_SZ), "10": Value("https://c", REG_SZ),
              "x": Value("ignored", REG_SZ), "3": Value(" ", REG_SZ)}
    assert registry.string_list(values) == ["https://a", "https://b", "https://c"]


def test_lna_policies_machine_then_user_and_the_opt_out_dword():
    from kfield.platform.base import LnaPolicy
    from kfield.platform.win32.registry import REG_DWORD

    machine = ({"LocalNetworkAccessRestrictionsTemporaryOptOut": Value(0, REG_DWORD)},
               {"1": Value("https://eoffice.example.gov.vn", REG_SZ)}, None)
    user = ({"LocalNetworkAccessRestrictionsTemporaryOptOut": Value(1, REG_DWORD)}, None,
            {"1": Value("[*.]khanhhoa.gov.vn", REG_SZ)})
    assert registry.lna_policy([machine, user]) == LnaPolicy(
        ("https://eoffice.example.gov.vn",), ("[*.]khanhhoa.gov.vn",), False)   # the machine's DWORD wins
    assert registry.lna_policy([(None, None, None), ({}, {}, {})]) is None
    # A policy value of another type (text where a DWORD belongs) is not a setting
    assert registry.lna_policy([({"LocalNetworkAccessRestrictionsTemporaryOptOut": Value("1", REG_SZ)}, None, None)]) is None
