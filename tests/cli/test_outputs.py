"""Every `--output` writer under the same rules (kfield.core.atomic), on real files, pipes, sockets and
device nodes made with mknod in a temporary folder (never the system's /dev): a device, a pipe, a
socket or a name too long is one line and exit 2 and stays what it was; a link or file left at a
temporary name is never followed, overwritten or deleted; /dev/stdout and /dev/null are written in
place; nothing half-written is ever left behind."""

from __future__ import annotations

import os
import signal
import socket
import stat
from pathlib import Path

import pytest

from kfield.cli import run
from tests.aggregate import logs

WRITERS = {
    "export-csv": ["export", "--all", "-f", "csv"],
    "export-xlsx": ["export", "--all", "-f", "xlsx"],
    "export-md": ["export", "--all", "-f", "md"],
    "export-html": ["export", "--all", "-f", "html"],
    "report": ["report", "coverage", "-f", "csv"],
    "report-xlsx": ["report", "all", "-f", "xlsx"],
    "check": ["check", "--only", "PC001", "-f", "json"],
    "playbook-graph": ["playbook", "graph", "sign-cannot-sign"],
    "profile-schema": ["profile", "schema"],
    "playbook-schema": ["playbook", "schema"],
    "logs-pack": ["logs", "pack"],
}


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A data folder with visits and a database they were imported into; the environment kfield reads."""
    base = tmp_path_factory.mktemp("outputs")
    logs.write(base / "data" / "visits", logs.visit())
    env = {"KFIELD_DATA_DIR": str(base / "data"), "KFIELD_CONFIG_DIR": str(base / "config"),
           "KFIELD_NO_PROGRESS": "1", "KFIELD_DB": str(base / "agg.sqlite3"), "XDG_STATE_HOME": str(base / "state")}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        assert run(["logs", "import", str(base / "data" / "visits")]) == 0
        yield base


@pytest.fixture
def kf(place, capsys):
    """The real command in this process; a hang (a pipe opened for writing) fails the test in 30 s."""
    def hung(*_):
        raise TimeoutError("kfield hung")

    previous = signal.signal(signal.SIGALRM, hung)

    def call(*args):
        capsys.readouterr()
        signal.alarm(30)
        try:
            code = run([*args, "--lang", "en"])
        finally:
            signal.alarm(0)
        out, err = capsys.readouterr()
        return code, out, err
    yield call
    signal.signal(signal.SIGALRM, previous)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") and p.name.startswith("."))


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("kind", ["device", "fifo", "socket"])
def test_a_device_a_pipe_or_a_socket_is_refused_and_left_as_it_was(kf, tmp_path, writer, kind):
    target = tmp_path / "out"
    if kind == "device":
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))      # a null device, in the temporary folder
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(target))
    before = os.lstat(target)
    code, out, err = kf(*WRITERS[writer], "-o", str(target))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and str(target) in err and "Wrote" not in err and "Packed" not in err
    assert {"device": "a device", "fifo": "a pipe (FIFO)", "socket": "a socket"}[kind] in err
    after = os.lstat(target)
    assert (after.st_mode, after.st_rdev, after.st_ino) == (before.st_mode, before.st_rdev, before.st_ino)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_names_too_long_for_the_system_are_one_line_and_the_longest_allowed_is_written(kf, tmp_path, writer):
    code, out, err = kf(*WRITERS[writer], "-o", str(tmp_path / ("x" * 256)))
    assert code == 2 and "too long" in err and len(err.strip().splitlines()) == 1, err
    code, out, err = kf(*WRITERS[writer], "-o", str(tmp_path / ("x" * 255)))      # the temporary name is short
    assert code == 0, err
    assert (tmp_path / ("x" * 255)).stat().st_size > 0 and _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_nothing_left_at_the_old_temporary_name_is_followed_overwritten_or_deleted(kf, tmp_path, writer):
    (tmp_path / "mine.part").write_text("the user's own file\n", encoding="utf-8")
    victim = tmp_path / "victim"
    (tmp_path / "out.part").symlink_to(victim)
    code, out, err = kf(*WRITERS[writer], "-o", str(tmp_path / "out"))
    assert code == 0, err
    code, out, err = kf(*WRITERS[writer], "-o", str(tmp_path / "mine"))
    assert code == 0, err
    assert not victim.exists() and (tmp_path / "out.part").is_symlink()
    assert (tmp_path / "mine.part").read_text(encoding="utf-8") == "the user's own file\n"
    assert (tmp_path / "out").stat().st_size > 0 and _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_a_link_the_user_named_is_resolved_once_and_its_file_replaced(kf, tmp_path, writer):
    real = tmp_path / "real"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "link").symlink_to(real)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    code, out, err = kf(*WRITERS[writer], "-o", str(tmp_path / "link"))
    assert code == 0, err
    assert (tmp_path / "link").is_symlink() and real.read_bytes() != b"old\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640                 # a file written again keeps its permissions
    code, out, err = kf(*WRITERS[writer], "-o", str(tmp_path / "dangling"))
    assert code == 2 and "is a link to" in err and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("writer", WRITERS)
def test_standard_output_and_the_null_device_are_written_in_place(kf, writer):
    null = os.stat("/dev/null")            # only looked at: kfield never opens, creates or renames it
    code, out, err = kf(*WRITERS[writer], "-o", "/dev/null")
    assert code == 0 and "Traceback" not in err, err
    assert os.stat("/dev/null").st_mode == null.st_mode and stat.S_ISCHR(null.st_mode)
    if writer in ("export-xlsx", "report-xlsx", "logs-pack"):
        return                              # bytes: capsys holds text only
    code, out, err = kf(*WRITERS[writer], "-o", "/dev/stdout")
    assert code == 0 and len(out) > 10, err


def test_a_missing_folder_and_a_folder_as_the_file_are_one_line(kf, tmp_path):
    code, out, err = kf("export", "--all", "-f", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 2 and "does not exist" in err, err
    code, out, err = kf("export", "--all", "-f", "csv", "-o", str(tmp_path))
    assert code == 2 and "it is a folder, not a file" in err, err


def test_a_json_file_the_user_named_is_checked_like_an_output(tmp_path):
    """`playbook run --transcript PATH` and kfield's own JSON files go through the same checks."""
    from kfield.core import atomic
    from kfield.core.errors import UsageError

    os.mkfifo(tmp_path / "fifo")
    os.mknod(tmp_path / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    for name in ("fifo", "null"):
        before = os.lstat(tmp_path / name)
        with pytest.raises(UsageError):
            atomic.write_json(tmp_path / name, {"a": 1})
        assert os.lstat(tmp_path / name).st_ino == before.st_ino
    (tmp_path / "t.json.part").symlink_to(tmp_path / "victim")
    atomic.write_json(tmp_path / "t.json", {"a": 1})
    assert not (tmp_path / "victim").exists() and stat.S_IMODE((tmp_path / "t.json").stat().st_mode) == 0o600
    assert _leftovers(tmp_path) == []
