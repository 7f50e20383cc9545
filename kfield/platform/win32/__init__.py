"""Windows facts from language-independent sources, one small module per API family.

Each module keeps its pure decoding functions (bytes, typed values, ctypes structures → kfield's
dataclasses) apart from the calls into Windows, which import ``winreg``/``ctypes.WinDLL``/pywin32
only inside the call: the decoders are unit-tested on Linux, the calls run on Windows and wine.

Map: language-independent Windows sources, one module per API family: `iphlp.py` (GetAdaptersAddresses with
each address's prefix/suffix origin, GetIpNetTable2), `wlan.py` (Native Wifi; `ssid_text`, the inert SSID
rendering Linux's `iw` reader shares), `certs.py` (crypt32 + DER decoding), `registry.py` (typed values),
`wmi.py` (pywin32 COM: Security Center, firewall policy); pure decoders apart from the calls
([docs/windows-facts.md](docs/windows-facts.md))
"""
