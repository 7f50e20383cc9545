"""Security Center (antivirus products) and the live firewall policy through COM, with pywin32
(a Windows-only dependency, imported inside the calls). Both answer with numbers, not words."""

from __future__ import annotations

from typing import Any

from kfield.core.errors import SourceUnavailable

# NET_FW_PROFILE_TYPE2: the three profiles of INetFwPolicy2.FirewallEnabled
FW_PROFILES = (("Domain", 1), ("Private", 2), ("Public", 4))


def _client():
    _type_cache_on_the_stick()
    try:
        import pythoncom  # noqa: F401  (pywin32's COM runtime)
        import win32com.client
    except ImportError:
        raise SourceUnavailable("pywin32", "missing") from None
    return win32com.client


def _type_cache_on_the_stick() -> None:
    """pywin32 keeps a COM type cache (gen_py) in %TEMP%\\gen_py\\3.11 unless a win32com.gen_py
    package already exists when win32com is first imported: from a stick, give it one whose
    folder is <kit>\\kfield-data\\cache\\gen_py, so nothing of it is left on the office PC."""
    import sys
    import types

    from kfield.core.paths import cache_dir, kit_root

    if kit_root() is None or "win32com" in sys.modules:
        return
    folder = cache_dir() / "gen_py"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:                        # a read-only stick: the COM calls then fail to cache, never write to the PC
        pass
    package = types.ModuleType("win32com.gen_py")
    package.__path__ = [str(folder)]
    sys.modules["win32com.gen_py"] = package


def _com_call(source: str, call):
    """Run one COM call; any COM failure (service stopped, class absent, access refused) is
    SourceUnavailable. Each check runs in its own thread, which needs COM initialised."""
    client = _client()
    import pythoncom

    pythoncom.CoInitialize()
    try:
        return call(client)
    except Exception as exc:  # pywintypes.com_error and AttributeError from a half-implemented class
        raise SourceUnavailable(source, "failed", detail=com_code(exc)) from None
    finally:
        pythoncom.CoUninitialize()


def security_center_products() -> list[dict[str, Any]]:
    """root/SecurityCenter2 AntiVirusProduct rows as {displayName, productState}."""
    def query(client):
        service = client.GetObject(r"winmgmts:\\.\root\SecurityCenter2")
        rows = service.ExecQuery("SELECT displayName, productState FROM AntiVirusProduct")
        return [{"displayName": row.displayName, "productState": row.productState} for row in rows]

    return _com_call("SecurityCenter2", query)


def firewall_enabled() -> list[dict[str, Any]]:
    """INetFwPolicy2.FirewallEnabled per profile, as rows {Name, Enabled} like Get-NetFirewallProfile."""
    def query(client):
        policy = client.Dispatch("HNetCfg.FwPolicy2")
        return [{"Name": name, "Enabled": bool(policy.FirewallEnabled(kind))} for name, kind in FW_PROFILES]

    return _com_call("HNetCfg.FwPolicy2", query)


def com_code(exc: BaseException) -> str:
    """The HRESULT of a COM failure as Windows writes it (0x8004100E), the most specific one (the
    excepinfo's scode, else the call's); a dash when there is none. Never the exception's text: its
    English (or the PC's language) words and Python's names are not for the reader."""
    args = getattr(exc, "args", ())
    excepinfo = args[2] if len(args) > 2 and isinstance(args[2], tuple) else ()
    for value in (excepinfo[5] if len(excepinfo) > 5 else None, args[0] if args else None):
        if isinstance(value, int) and value:
            return f"0x{value & 0xFFFFFFFF:08X}"
    return "—"
