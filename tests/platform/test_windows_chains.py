"""WindowsHost's source chains, run for real on Linux where no Windows source exists: pywin32 and
winreg are absent (SourceUnavailable "missing"), and `powershell` is a script on PATH that behaves
like wine's stub (prints nothing) or like a real PowerShell (prints the wrapped JSON list)."""

import json

import pytest

from kfield.core.errors import SourceUnavailable
from kfield.platform.windows import WindowsHost
from kfield.platform.windows_sec import first_answer


def _ps_prints(rows) -> str:
    return f"echo '{json.dumps(rows)}'"


def test_first_answer_keeps_the_first_reason():
    def silent():
        raise SourceUnavailable("powershell", "empty")

    def denied():
        raise SourceUnavailable("registry", "denied")

    with pytest.raises(SourceUnavailable) as caught:
        first_answer((silent, denied))
    assert caught.value.source == "powershell"
    assert first_answer((silent, lambda: 42)) == 42


def test_firewall_with_every_source_silent_is_could_not_check(on_path):
    on_path("powershell", "exit 0")
    with pytest.raises(SourceUnavailable) as caught:
        WindowsHost().firewall()
    assert caught.value.source == "pywin32"   # the first source asked, and why it could not answer


def test_firewall_from_powershell_when_com_and_registry_are_absent(on_path):
    on_path("powershell", _ps_prints([{"Name": "Domain", "Enabled": 1}, {"Name": "Public", "Enabled": 0}]))
    state = WindowsHost().firewall()
    assert not state.enabled and state.profiles == (("Domain", True), ("Public", False))


def test_antivirus_silent_sources_are_could_not_check_not_none(on_path):
    on_path("powershell", "exit 0")
    with pytest.raises(SourceUnavailable):
        WindowsHost().antivirus()


def test_antivirus_security_center_answer_via_powershell(on_path):
    rows = json.dumps([{"displayName": "Bkav Pro", "productState": 266240}])
    # Defender steps aside for a third-party antivirus: Get-MpComputerStatus gives nothing
    on_path("powershell", f"case \"$*\" in *Get-MpComputerStatus*) echo '[]';; *) echo '{rows}';; esac")
    [product] = WindowsHost().antivirus()
    assert (product.name, product.enabled, product.up_to_date) == ("Bkav Pro", True, True)


def test_certificates_fall_back_to_powershell_and_an_empty_store_is_an_answer(on_path):
    on_path("powershell", "echo '[]'")
    assert WindowsHost().user_certificates() == []
    on_path("powershell", "exit 0")
    with pytest.raises(SourceUnavailable):
        WindowsHost().user_certificates()


def test_wifi_location_refusal_through_the_real_program(on_path, tmp_path):
    capture = tmp_path / "capture.txt"
    capture.write_text("There is 1 interface on the system:\nms-settings:privacy-location\n")
    on_path("netsh", f"cat '{capture}'")
    with pytest.raises(SourceUnavailable) as caught:
        WindowsHost().wifi("Wi-Fi")
    assert caught.value.reason == "location_off"


def test_neighbours_from_a_silent_arp_is_could_not_check(on_path):
    on_path("arp", "exit 0")
    with pytest.raises(SourceUnavailable):
        WindowsHost().neighbours()
