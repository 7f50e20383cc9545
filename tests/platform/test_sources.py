""""Could not check" is not "off": an empty, failed, timed-out or refused source raises
SourceUnavailable. The programs here are real executables on PATH that behave like wine's and
restricted PCs' stubs (print nothing, exit 0), like a broken tool (exit 1) and like a hung one."""

import pytest

from kfield.core.errors import SourceUnavailable
from kfield.platform import command, powershell


def test_silent_program_exiting_0_is_unavailable_not_an_empty_answer(on_path):
    on_path("netsh", "exit 0")
    with pytest.raises(SourceUnavailable) as caught:
        command.ask(["netsh", "wlan", "show", "interfaces"])
    assert (caught.value.source, caught.value.reason, caught.value.key) == ("netsh", "empty", "platform.source.empty")


def test_failing_program_is_unavailable_with_its_error(on_path):
    on_path("arp", "echo 'broken' >&2; exit 1")
    with pytest.raises(SourceUnavailable) as caught:
        command.ask(["arp", "-a"])
    assert caught.value.reason == "failed" and "broken" in caught.value.params["detail"]


def test_hung_program_is_a_timeout(on_path):
    on_path("netsh", "sleep 5")
    with pytest.raises(SourceUnavailable) as caught:
        command.ask(["netsh", "winhttp", "show", "proxy"], timeout=0.3)
    assert caught.value.reason == "timeout"


def test_absent_program_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SourceUnavailable) as caught:
        command.ask(["pnputil", "/enum-devices"])
    assert caught.value.reason == "missing"


def test_powershell_stub_printing_nothing_is_unavailable(on_path):
    on_path("powershell", "exit 0")
    with pytest.raises(SourceUnavailable) as caught:
        powershell.run_json("Get-NetFirewallProfile | Select-Object Name,Enabled")
    assert caught.value.source == "powershell" and caught.value.reason == "empty"


def test_powershell_empty_list_is_an_answer(on_path):
    """A real PowerShell always prints a list (the pipeline is wrapped): "[]" means "none"."""
    on_path("powershell", "echo '[]'")
    assert powershell.run_json("Get-HotFix | Select-Object HotFixID") == []


def test_powershell_garbled_output(on_path):
    on_path("powershell", "echo 'Cannot load module'")
    with pytest.raises(SourceUnavailable) as caught:
        powershell.run_json("Get-HotFix")
    assert caught.value.reason == "garbled"


def test_powershell_pipeline_is_wrapped_as_a_list():
    assert powershell.wrap("Get-HotFix") == "ConvertTo-Json -Compress -Depth 3 -InputObject @(Get-HotFix)"


def test_env_reaches_the_program(on_path):
    on_path("nmcli", 'echo "$LC_ALL"')
    assert command.run(["nmcli"], env={"LC_ALL": "C"}).strip() == "C"


def test_unknown_reason_is_a_programming_error():
    with pytest.raises(ValueError):
        SourceUnavailable("netsh", "off")


def test_every_reason_has_a_catalogue_line_in_both_languages():
    from kfield.core.errors import SOURCE_REASONS
    from kfield.core.i18n import render
    from kfield.core.result import Message

    for reason in SOURCE_REASONS:
        for lang in ("vi", "en"):
            line = render(Message(f"platform.source.{reason}", {"source": "netsh", "detail": "x"}), lang)
            assert line and "platform.source" not in line
