"""The harness itself: the kit's CPython is the real Windows one, and kfield starts under it."""

from kfield import __version__


def test_version_under_windows_cpython(pc):
    done = pc.kfield("--version")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode().strip() == f"kfield {__version__}"


def test_python_is_windows_cpython_3_11_amd64(pc):
    done = pc.python_code("import sys, platform, os\n"
                          "print(sys.platform, os.name, platform.machine(), sys.version_info[:2])\n")
    assert done.stdout.decode().split() == ["win32", "nt", "AMD64", "(3,", "11)"], done.stderr
