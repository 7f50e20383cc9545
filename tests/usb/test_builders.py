"""The kit's builders alone: the installed closure, wheel names, shiv missing or failing."""

from pathlib import Path

import pytest

from kfield.core.errors import UsageError
from kfield.usb import installed, wheels, zipapp


def test_closure_starts_with_kfield_and_carries_its_bundled_yaml_and_dependencies():
    dists = installed.closure()
    names = {dist.name.lower() for dist in dists}
    assert dists[0].name == "kfield" and {"typer", "psutil", "pyyaml", "scapy"} <= names
    assert "kfield/_bundled/checks/usb.yaml" in dists[0].files
    assert not any("__pycache__" in rel for dist in dists for rel in dist.files)


def test_wheel_file_name_joins_the_tags():
    dist = installed.Dist("PyYAML", "6.0", {}, ("cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64"))
    assert wheels.filename(dist) == "PyYAML-6.0-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"
    assert wheels.filename(installed.Dist("a-b", "1", {}, ("py2-none-any", "py3-none-any"))) == "a_b-1-py2.py3-none-any.whl"


def test_no_shiv_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setattr(zipapp.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(UsageError) as caught:
        zipapp.build([], tmp_path / "kfield.pyz")
    assert caught.value.message.key == "usb.error.no_shiv" and "pip install shiv" in str(caught.value)


def test_shiv_failing_is_one_line_with_its_last_words(monkeypatch, tmp_path):
    if not Path("/usr/bin/python3").exists():
        pytest.skip("needs /usr/bin/python3 (a Python without shiv)")
    monkeypatch.setattr(zipapp.sys, "executable", "/usr/bin/python3")    # shiv runs there and is not found
    with pytest.raises(UsageError) as caught:
        zipapp.build([installed.Dist("x", "1", {"x.py": Path(__file__)}, ("py3-none-any",))], tmp_path / "k.pyz")
    assert caught.value.message.key == "usb.error.shiv_failed" and "shiv" in caught.value.message.params["reason"]


@pytest.mark.parametrize("platform", ["linux", "windows"])
def test_usb_init_from_a_checkout_without_kfield_installed_says_to_install_it(monkeypatch, tmp_path, capsys, platform):
    """Run from a checkout (`PYTHONPATH=. python -m kfield`), kfield's own metadata is missing: exit 2
    with the way out, not an internal error; nothing is left behind."""
    from importlib import metadata

    from kfield.cli import run

    real = metadata.distribution

    def checkout_only(name):
        if name.lower() == "kfield":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(installed.metadata, "distribution", checkout_only)
    monkeypatch.setenv("KFIELD_CACHE_DIR", str(Path.home() / ".cache" / "kfield-tests" / "wine" / "parts"))
    if platform == "windows" and not (Path.home() / ".cache/kfield-tests/wine/parts/windows/embed").is_dir():
        pytest.skip("the Windows kit's embeddable CPython is not cached here (tests/windows builds the cache)")
    code = run(["usb", "init", str(tmp_path / "stick"), "--platform", platform, "--no-wheelhouse", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "kfield is not installed in this Python" in err and "pip install ." in err and "Traceback" not in err
    assert not (tmp_path / "stick").exists()
