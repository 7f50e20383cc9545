"""Windows facts read for real under wine, by the real Windows CPython from the kit: the adapters
whose Win32 APIs wine implements (iphlpapi, crypt32, the registry) must answer sensibly, and the
stubs wine ships (netsh, powershell, arp) must read as "could not check", never as an answer."""

import json

import pytest

PROBE = r'''
import json, sys
from kfield.core.errors import SourceUnavailable
from kfield.platform.windows import WindowsHost
from kfield.platform.win32 import certs, iphlp, registry, wlan, wmi

def attempt(name, call):
    try:
        value = call()
        out[name] = {"ok": repr(value)}
    except SourceUnavailable as exc:
        out[name] = {"unavailable": [exc.source, exc.reason, exc.detail]}
    except Exception as exc:
        out[name] = {"crash": f"{type(exc).__name__}: {exc}"}

out = {}
host = WindowsHost()
adapters = iphlp.read_adapters()
out["adapters"] = [[a.name, a.up, a.loopback, a.mtu, [list(x) for x in a.ipv4]] for a in adapters]
attempt("interfaces", host.interfaces)
attempt("default_route", host.default_route)
attempt("neighbours", host.neighbours)
attempt("store", certs.read_user_store)
attempt("certificates", host.user_certificates)
attempt("typed", lambda: {k: [v.data, v.kind] for k, v in (registry.read_key("HKCU", r"Software\kfield-test") or {}).items()})
attempt("proxies", host.proxies)
attempt("browsers", host.browsers)
attempt("firewall", host.firewall)
attempt("antivirus", host.antivirus)
attempt("wifi", lambda: host.wifi("Wi-Fi"))
attempt("security_center", wmi.security_center_products)
attempt("wlan", lambda: wlan.read_connection("Wi-Fi"))
print(json.dumps(out))
'''


@pytest.fixture(scope="module")
def facts(pc):
    """Write typed values with the prefix's real `reg add`, then read everything in one start."""
    for args in (["/v", "Count", "/t", "REG_DWORD", "/d", "42"], ["/v", "Empty", "/t", "REG_SZ", "/d", ""],
                 ["/v", "Pac", "/t", "REG_SZ", "/d", "http://wpad.lan/p.pac"]):
        done = pc.prefix.run(["reg", "add", r"HKCU\Software\kfield-test", *args, "/f"])
        assert done.returncode == 0, done.stderr
    done = pc.python_code(PROBE)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def test_iphlpapi_lists_the_namespace_loopback(facts):
    """An empty network namespace has only lo: wine shows it as a loopback adapter with 127.0.0.1/8."""
    loopbacks = [a for a in facts["adapters"] if a[2]]
    assert loopbacks, facts["adapters"]
    assert any(ip == "127.0.0.1" and prefix == 8 for _, _, _, _, ips in loopbacks for ip, prefix, _ in ips)
    assert "ok" in facts["interfaces"]


def test_no_gateway_in_an_empty_namespace_is_an_answer(facts):
    assert facts["default_route"] == {"ok": "None"}
    assert "ok" in facts["neighbours"]


def test_empty_certificate_store_is_answered_not_unavailable(facts):
    assert facts["store"] == {"ok": "[]"}
    assert facts["certificates"] == {"ok": "[]"}


def test_typed_registry_values_written_with_reg_add(facts):
    typed = facts["typed"]["ok"]
    assert "'Count': [42, 4]" in typed and "'Empty': ['', 1]" in typed and "'Pac': ['http://wpad.lan/p.pac', 1]" in typed


def test_no_proxy_and_no_browser_on_a_fresh_pc(facts):
    assert facts["proxies"] == {"ok": "[]"}
    assert facts["browsers"] == {"ok": "[]"}


def test_wlanapi_answers_no_wireless_interface(facts):
    """wine's wlanapi opens a handle and lists no WLAN interface: an answer (no Wi-Fi), not netsh's silence."""
    assert facts["wlan"] == {"ok": "None"} and facts["wifi"] == {"ok": "None"}


@pytest.mark.parametrize("fact, source", [("firewall", "HNetCfg.FwPolicy2"), ("antivirus", "SecurityCenter2"),
                                          ("security_center", "SecurityCenter2")])
def test_what_wine_cannot_answer_is_could_not_check(facts, fact, source):
    """wine's FwPolicy2 returns E_NOTIMPL, it has no root\\SecurityCenter2 namespace, and its
    powershell is a silent stub: "could not check" (naming the first source asked), never "off"."""
    assert facts[fact]["unavailable"][:2] == [source, "failed"], facts[fact]



def test_check_under_wine_has_no_false_alarm_from_silent_sources(pc):
    """The issue's measured false alarms: SEC002 "firewall off", SEC003 "no antivirus", SIGN004
    "no certificate". Under wine they must be skips that say why (SIGN004: the empty store
    crypt32 reports is an answer, so that one stays a fail, in the words for an empty store)."""
    done = pc.kfield("check", "sec", "sign", "--format", "json", "--lang", "en")
    assert done.stdout.strip(), done.stderr.decode("utf-8", "replace")
    report = json.loads(done.stdout.decode("utf-8"))
    status = {r["check_id"]: r for r in report["results"]}
    for check_id in ("SEC002", "SEC003"):
        assert status[check_id]["status"] == "skip", status[check_id]
        assert status[check_id]["summary"]["key"] == "platform.source.failed", status[check_id]
    assert status["SIGN004"]["status"] == "fail" and status["SIGN004"]["summary"]["key"] == "sign.cert.none"


def test_could_not_check_in_words_in_vietnamese(pc):
    done = pc.kfield("check", "--only", "SEC002", "--lang", "vi", "--format", "md")
    text = done.stdout.decode("utf-8", "replace")
    assert "Không kiểm tra được" in text and "HNetCfg.FwPolicy2" in text, text + done.stderr.decode("utf-8", "replace")


ADAPTER_PROBE = r'''
import json
from kfield.platform.win32 import iphlp
from kfield.platform.windows import WindowsHost
host = WindowsHost()
adapters = [a for a in iphlp.read_adapters() if not a.loopback]
print(json.dumps({"adapters": [[a.name, a.up, a.mtu, a.mac, [list(x[:2]) for x in a.ipv4], list(a.gateways),
                                list(a.dns)] for a in adapters],
                  "route": repr(host.default_route()), "dns": host.dns_servers(),
                  "neighbours": [repr(n) for n in host.neighbours()]}))
'''


def test_iphlpapi_reads_a_real_adapter_with_gateway_and_dns(pc):
    """A veth pair inside the test namespace (no traffic is sent): address, prefix, MTU, MAC,
    the on-link default gateway and the namespace's resolv.conf, read through GetAdaptersAddresses."""
    import pathlib
    import subprocess

    ns = pc.prefix.netns.name
    etc = pathlib.Path("/etc/netns") / ns
    ip = ["ip", "-n", ns]
    try:
        subprocess.run(ip + ["link", "add", "kfdummy0", "mtu", "1400", "address", "02:00:5e:12:34:56", "type", "veth",
                             "peer", "name", "kfdummy1"], check=True)   # both ends here: a carrier, no traffic
        subprocess.run(ip + ["addr", "add", "198.18.5.10/24", "dev", "kfdummy0"], check=True)
        for end in ("kfdummy1", "kfdummy0"):
            subprocess.run(ip + ["link", "set", end, "up"], check=True)
        subprocess.run(ip + ["route", "add", "default", "via", "198.18.5.1", "dev", "kfdummy0"], check=True)
        subprocess.run(ip + ["neigh", "add", "198.18.5.1", "lladdr", "02:00:5e:00:00:01", "dev", "kfdummy0",
                             "nud", "permanent"], check=True)
        etc.mkdir(parents=True, exist_ok=True)
        (etc / "resolv.conf").write_text("nameserver 198.18.5.53\n")
        done = pc.python_code(ADAPTER_PROBE)
    finally:
        subprocess.run(ip + ["link", "del", "kfdummy0"], check=False)
        (etc / "resolv.conf").unlink(missing_ok=True)
        if etc.is_dir():
            etc.rmdir()
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    facts = json.loads(done.stdout.decode().strip().splitlines()[-1])
    [adapter] = [a for a in facts["adapters"] if a[4]]
    name, up, mtu, mac, ipv4, gateways, dns = adapter
    assert (up, mtu, mac, ipv4, gateways) == (True, 1400, "02:00:5e:12:34:56", [["198.18.5.10", 24]], ["198.18.5.1"])
    assert facts["route"] == f"Route(interface='{name}', gateway='198.18.5.1')"
    assert dns == ["198.18.5.53"] and facts["dns"] == ["198.18.5.53"]
    assert facts["neighbours"] == [f"Neighbour(ip='198.18.5.1', mac='02:00:5e:00:00:01', state='permanent', "
                                   f"interface='{name}')"]


ADD_CERT = r'''
import ctypes, sys
from ctypes import wintypes
crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)
crypt32.CertOpenStore.restype = ctypes.c_void_p
crypt32.CertOpenStore.argtypes = [ctypes.c_void_p, wintypes.DWORD, ctypes.c_void_p, wintypes.DWORD, ctypes.c_wchar_p]
crypt32.CertAddEncodedCertificateToStore.argtypes = [ctypes.c_void_p, wintypes.DWORD, ctypes.c_char_p, wintypes.DWORD,
                                                     wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p)]
crypt32.CertSetCertificateContextProperty.argtypes = [ctypes.c_void_p, wintypes.DWORD, wintypes.DWORD, ctypes.c_void_p]
crypt32.CertFreeCertificateContext.argtypes = [ctypes.c_void_p]

class KeyProvInfo(ctypes.Structure):   # CRYPT_KEY_PROV_INFO: what a token's driver attaches
    _fields_ = [("pwszContainerName", ctypes.c_wchar_p), ("pwszProvName", ctypes.c_wchar_p),
                ("dwProvType", wintypes.DWORD), ("dwFlags", wintypes.DWORD), ("cProvParam", wintypes.DWORD),
                ("rgProvParam", ctypes.c_void_p), ("dwKeySpec", wintypes.DWORD)]

store = crypt32.CertOpenStore(10, 0, None, 1 << 16, "MY")   # CERT_STORE_PROV_SYSTEM_W, CurrentUser
assert store, ctypes.get_last_error()
for path, with_key in ((sys.argv[1], True), (sys.argv[2], False)):
    der = open(path, "rb").read()
    context = ctypes.c_void_p()
    ok = crypt32.CertAddEncodedCertificateToStore(store, 0x10001, der, len(der), 4, ctypes.byref(context))  # REPLACE_EXISTING
    assert ok, ctypes.get_last_error()
    if with_key:
        info = KeyProvInfo("kfield-test", "Microsoft Enhanced Cryptographic Provider v1.0", 1, 0, 0, None, 2)
        assert crypt32.CertSetCertificateContextProperty(context, 2, 0, ctypes.byref(info)), ctypes.get_last_error()
    crypt32.CertFreeCertificateContext(context)   # the store is written back only when nothing holds it
crypt32.CertCloseStore.argtypes = [ctypes.c_void_p, wintypes.DWORD]
crypt32.CertCloseStore(store, 0)      # wine writes a system store back to its registry on close
print("added")
'''


def test_sign004_reads_a_real_certificate_through_crypt32(pc, tmp_path):
    """Two certificates added to the prefix's CurrentUser\\MY with crypt32 — one with a private key
    attached (what a token driver does), one without — then `kfield check --only SIGN004`."""
    import subprocess

    for name, days, subject in (("key", 400, "/C=VN/O=UBND xã Cam Lâm/CN=Nguyễn Văn Ánh/UID=CMND:012345678"),
                                ("nokey", 900, "/C=VN/CN=Không có khóa")):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(tmp_path / f"{name}.pem"),
                        "-out", str(tmp_path / f"{name}.der"), "-outform", "DER", "-days", str(days), "-utf8",
                        "-subj", subject], check=True, capture_output=True)
    script = pc.base / "add-cert.py"
    script.write_text(ADD_CERT, encoding="utf-8")
    from tests.windows import wine

    try:
        done = pc.prefix.run([pc.python, "-I", "-B", wine.windows_path(script), wine.windows_path(tmp_path / "key.der"),
                              wine.windows_path(tmp_path / "nokey.der")])
        assert done.returncode == 0 and b"added" in done.stdout, done.stderr.decode("utf-8", "replace")
        done = pc.kfield("check", "--only", "SIGN004", "--format", "json", "--lang", "vi")
    finally:   # the prefix is shared by the session: leave the store empty again
        pc.prefix.run(["reg", "delete", r"HKCU\Software\Microsoft\SystemCertificates\My\Certificates", "/f"])
    [result] = json.loads(done.stdout.decode("utf-8"))["results"]
    assert result["status"] == "ok", result
    assert result["summary"]["params"]["subject"] == "Nguyễn Văn Ánh"     # the certificate with its key
    assert 398 <= result["summary"]["params"]["days"] <= 400


FIREWALL_KEY = r"HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy"
FIREWALL_GPO = r"HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall"


def test_sec002_reads_the_firewall_switches_from_the_registry(pc):
    """wine's FwPolicy2 cannot answer, so SEC002 falls to the typed EnableFirewall values: Public
    off is a fail naming it; a group policy that turns Public on makes it ok."""
    def reg(*args):
        done = pc.prefix.run(["reg", *args, "/f"])
        assert done.returncode == 0, done.stderr

    def sec002():
        done = pc.kfield("check", "--only", "SEC002", "--format", "json")
        [result] = json.loads(done.stdout.decode("utf-8"))["results"]
        return result

    try:
        for profile, on in (("DomainProfile", 1), ("StandardProfile", 1), ("PublicProfile", 0)):
            reg("add", f"{FIREWALL_KEY}\\{profile}", "/v", "EnableFirewall", "/t", "REG_DWORD", "/d", str(on))
        result = sec002()
        assert (result["status"], result["summary"]["params"]["profiles"]) == ("fail", "Public"), result
        reg("add", f"{FIREWALL_GPO}\\PublicProfile", "/v", "EnableFirewall", "/t", "REG_DWORD", "/d", "1")
        assert sec002()["status"] == "ok"
    finally:
        pc.prefix.run(["reg", "delete", FIREWALL_KEY, "/f"])
        pc.prefix.run(["reg", "delete", FIREWALL_GPO, "/f"])


MENUS_PROBE = r'''
import ctypes, json
from kfield.core.i18n import Menus, text, windows_version
from kfield.platform.windows import WindowsHost
from kfield.playbook import loader, render
playbook = loader.load(loader.locate("net-no-internet"))
step = playbook.steps["proxy"]
print(json.dumps({"langid": ctypes.windll.kernel32.GetUserDefaultUILanguage(), "tag": WindowsHost().display_language(),
                  "en": text("pc.tz.remedy", "en", expected="+07:00"), "vi": text("pc.clock.remedy", "vi"),
                  "proxy": [text("net.proxy.remedy", "en"), render.fill(step.text, "en", playbook.vars),
                            render.fill(step.text, "vi", playbook.vars)],
                  "windows": windows_version(), "os": WindowsHost().os_info().version, "printers": Menus("en")["printers"]}))
'''
PROXY = {"vi": "Cài đặt → Mạng & Internet → Proxy", "en": "Settings → Network & Internet → Proxy"}


@pytest.mark.parametrize(("locale", "langid", "shown", "hidden"), [
    ("vi_VN.UTF-8", 0x042A, "Cài đặt → Thời gian & ngôn ngữ → Ngày & giờ", "Settings → Time & language"),
    ("C.UTF-8", 0x0409, "Settings → Time & language → Date & time", "Cài đặt → Thời gian & ngôn ngữ"),
])
def test_menus_are_named_as_the_pcs_display_language_shows_them(pc, locale, langid, shown, hidden):
    """Wine takes its UI language from LANG: a Vietnamese-display PC gets the Vietnamese menu names in an
    English remedy or playbook step too, an English-display PC the English names in a Vietnamese one."""
    done = pc.python_code(MENUS_PROBE, env={"LANG": locale, "LC_ALL": locale})
    assert done.returncode == 0, done.stdout.decode("utf-8", "replace")
    out = json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
    assert out["langid"] == langid and out["tag"] == ("vi-VN" if langid == 0x042A else "en-US"), out
    for remedy in (out["en"], out["vi"]):
        assert shown in remedy and hidden not in remedy, remedy
    display = "vi" if langid == 0x042A else "en"
    for words in out["proxy"]:                     # the proxy remedy, the playbook's proxy step in en and vi
        assert PROXY[display] in words and PROXY["en" if display == "vi" else "vi"] not in words, words
    # the page Windows 10 names otherwise follows the version the Host reports (wine's prefix: Windows 10)
    assert out["windows"] == out["os"] and out["os"] in ("10", "11"), out
    from kfield.core.i18n import catalogue

    vi, en = catalogue()["menu.printers.win10" if out["os"] == "10" else "menu.printers"]
    assert f'"{vi if display == "vi" else en}"' == out["printers"], out
