"""The language meta-test: every command, in Vietnamese, over sample data, and what a person reads
must hold no catalogue key, internal code (x:y_z), exception name, errno text or Click/Typer English.

Everything runs in one empty network namespace (loopback only): the checks run offline, and
`diagnose` finds no link; no packet leaves it. Machine formats (JSON) are not scanned: they keep
keys and codes on purpose. `FINDINGS` is printed when a test fails: command → offending text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from kfield.core.i18n import catalogue
from tests.lab.netns import Lab, lab_unavailable

ENGLISH_CLICK = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message and exit.", "[default:",
                 "[required]", "No such command", "Missing argument", "Missing option", "Invalid value",
                 "No such option", "Input should", "Value error", "Did you mean", "Got unexpected", "Error:")
ERRNO = re.compile(r"\[Errno|Errno \d|WinError|Permission denied|No such file or directory|Temporary failure in name "
                   r"resolution|Connection refused|Network is unreachable|Name or service not known")
EXCEPTION = re.compile(r"\b(?:[A-Z][A-Za-z]+(?:Error|Exception)|gaierror|Traceback|KeyError|ValueError)\b")
CODE = re.compile(r"(?<![\w/.:-])[a-z][a-z0-9]*:[a-z][a-z0-9]*_[a-z0-9_]+\b|\((?:tls|dns|tcp|http|icmp):[a-z_]+\)")
KEY = re.compile(r"(?<![\w/.-])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+){1,5}(?![\w/-])")
NONE = re.compile(r"\bNone\b")
# raw statuses and outcomes where a sentence was due (help pages may name the values a person types)
STATUS = re.compile(r"«(?:ok|warn|fail|skip|error)»|\b[A-Z]{2,4}\d{3}: (?:ok|warn|fail|skip|error)\b|"
                    r"→ (?:ok|warn|fail|skip|error)\b|\[(?:fixed|escalated|pending)\]")
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def _problems(body: str, label: str = "") -> list[str]:
    body = SCRIPT.sub("", body).replace("\\_", "_")      # page scripts are not read; Markdown escapes "_"
    found = [w for w in ENGLISH_CLICK if w in body]
    patterns = (ERRNO, EXCEPTION, CODE, NONE) + (() if label.endswith("--help") else (STATUS,))
    found += [m.group(0) for pattern in patterns for m in pattern.finditer(body)]
    keys = catalogue()
    found += [m.group(0) for m in KEY.finditer(body) if m.group(0) in keys]
    return found


def _commands():
    from tests.test_docs import COMMANDS

    return COMMANDS


# bad input a student types: each must end in one Vietnamese line
ERRORS = [["chek"], ["check", "--bogus"], ["check", "--format"], ["check", "--format", "pdf"], ["--lang", "fr", "check"],
          ["visit", "train", "--topic", "x", "--officials", "-1"], ["visit", "train", "--topic", "x", "--officials", "z"],
          ["visit", "train", "--topic", "x"], ["lan", "speed", "--token", "t"], ["visit", "show", "a", "b"],
          ["visit", "start", "--commune", "cam"], ["visit", "start", "--commune", "Nha Trng"],
          ["visit", "show", "zzzz"], ["report", "bogus"], ["report", "--from", "2026-02-30"],
          ["logs", "import", "/no/such/stick"], ["export", "--all", "-f", "csv", "-o", "/no/such/dir/x.csv"],
          ["profile", "validate", "/no/such.yaml"], ["playbook", "show", "no-such-playbook"],
          ["report", "members", "-f", "csv", "-o", "/proc/x.csv"],
          ["visit", "problem", "x", "--system", "wifi"], ["visit", "task", "sửa quạt"],
          ["visit", "problem", "x", "--outcome", "xong"]]


class Runner:
    def __init__(self, space, root: Path) -> None:
        self.space, self.root = space, root
        self.outputs: dict[str, str] = {}

    def __call__(self, *args: str, record: bool = True, timeout: float = 240) -> str:
        env = [f"KFIELD_DATA_DIR={self.root / 'data'}", f"KFIELD_CONFIG_DIR={self.root / 'config'}",
               "KFIELD_NO_PROGRESS=1", "KFIELD_LANG=vi", "COLUMNS=100"]
        done = self.space.run("env", *env, sys.executable, "-m", "kfield", *args, check=False, timeout=timeout)
        body = done.stdout + done.stderr
        if record:
            self.outputs[" ".join(args)] = body
        return body

    def file(self, label: str, path: Path) -> None:
        if path.suffix == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path)
            body = "\n".join(str(c) for s in book for row in s.iter_rows(values_only=True) for c in row if c is not None)
            body += "\n" + " ".join(book.sheetnames)
        else:
            body = path.read_text(encoding="utf-8")
        self.outputs[label] = body


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    reason = lab_unavailable()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("vi")
    lab = Lab()
    try:
        run = Runner(lab.ns("vi"), root)
        _walk(run, root)
        yield run.outputs
    finally:
        lab.close()


def _walk(run: Runner, root: Path) -> None:
    for path in _commands():
        run(*path, "--help")
    run("--help")
    for args in ERRORS:
        run(*args)
    run("member", "set", "--name", "Trần Thị Bình", "--school", "Trường Đại học Nha Trang", "--team", "Tổ 3")
    run("member", "show")
    _visit_flow(run, root)
    _exports(run, root)
    _reports(run, root)
    for args in (["checks", "list"], ["profile", "list"], ["playbook", "list"], ["playbook", "show", "net-no-internet"],
                 ["playbook", "paths", "sign-wrong-pin"], ["check", "--profile", "quick"], ["diagnose"]):
        run(*args)


def _visit_flow(run: Runner, root: Path) -> None:
    run("visit", "start", "--commune", "Cam Lâm, Khánh Hòa", "--member", "Lê Văn Cường")
    run("visit", "note", "Phòng một cửa mất mạng từ sáng")
    run("visit", "task", "internet")
    run("visit", "problem", "Không ký được văn bản", "--system", "signing", "--outcome", "escalated")
    run("visit", "problem", "Máy in không in", "--system", "máy in", "--outcome", "đã xử lý")
    run("visit", "problem", "Mất mạng", "--system", "mang lan", "--outcome", "con cho")
    run("visit", "task", "ky so")
    run("visit", "train", "--topic", "Nhận diện lừa đảo", "--officials", "12")
    run("check", "--only", "PC001")
    run("check", "--only", "PC002")
    run("visit", "diff")
    run("check", "--only", "PC001")
    run("visit", "diff")
    run("visit", "show")
    run("visit", "list")
    run("visit", "end")
    run("visit", "start", "--commune", "22366")
    run("visit", "cancel", "--reason", "tập thử")
    run("visit", "list")
    run("visit", "cancel")


def _exports(run: Runner, root: Path) -> None:
    for table in ("visits", "problems", "checks", "trainings", "playbooks"):
        run("export", "--all", "-f", "csv", "--table", table, "-o", str(root / f"{table}.csv"))
        run.file(f"export csv {table}", root / f"{table}.csv")
    for fmt in ("md", "html", "xlsx"):
        run("export", "--all", "-f", fmt, "-o", str(root / f"export.{fmt}"))
        run.file(f"export {fmt}", root / f"export.{fmt}")
    run("logs", "pack", "-o", str(root / "pack.zip"))


def _reports(run: Runner, root: Path) -> None:
    db = str(root / "agg.sqlite3")
    run("report", "--db", db)                                     # an empty database says so
    run("logs", "import", str(root / "pack.zip"), "--db", db)
    run("logs", "import", str(root), "--db", db)                  # export files only at the top: explained
    run("report", "--db", db)
    for name in ("coverage", "systems", "faults", "schools", "members", "readiness", "pcs"):
        run("report", name, "-f", "csv", "--db", db, "-o", str(root / f"{name}.csv"))
        run.file(f"report csv {name}", root / f"{name}.csv")
    for fmt in ("html", "xlsx", "md"):
        run("report", "-f", fmt, "--db", db, "-o", str(root / f"report.{fmt}"))
        run.file(f"report {fmt}", root / f"report.{fmt}")


def _report(seen: dict[str, str], select) -> dict[str, list[str]]:
    return {label: found for label, body in seen.items() if select(label) for found in [_problems(body, label)] if found}


VERDICT_OWNED = ("diagnose", "check --profile quick")     # NET/LAN check texts and the verdict: the verdict slice


@pytest.fixture(scope="module")
def office_seen(lab_ok, tmp_path_factory):
    """`check` and `diagnose` on an office LAN with no way out (DNS refuses, nothing answers beyond the
    router): the failure texts people meet most."""
    from tests.lab.office import OfficeLab

    lab = OfficeLab.build(hosts=2)
    outputs = {}
    try:
        lab.lease()
        for args in (["diagnose"], ["check"], ["check", "--format", "md"], ["lan", "scan"]):
            done = lab.kfield(*args, "--lang", "vi", timeout=240)
            outputs["office " + " ".join(args)] = done.stdout + done.stderr
    finally:
        lab.close()
    return outputs


def test_help_and_errors_are_vietnamese(seen):
    errors = {" ".join(args) for args in ERRORS}
    findings = _report(seen, lambda label: label.endswith("--help") or label in errors)
    assert not findings, findings


def test_visit_flow_exports_and_reports_are_vietnamese(seen):
    findings = _report(seen, lambda label: label.startswith(("visit", "member", "export", "report", "logs")))
    assert not findings, findings


def test_check_lists_profiles_and_playbooks_are_vietnamese(seen):
    findings = _report(seen, lambda label: label.startswith(("check --only", "checks", "profile", "playbook")))
    assert not findings, findings


def test_checks_and_diagnose_are_vietnamese(seen, office_seen):
    findings = {**_report(seen, lambda label: label.startswith(VERDICT_OWNED)),
                **_report(office_seen, lambda label: True)}
    print("\n".join(f"{label}: {sorted(set(found))}" for label, found in findings.items()))
    assert not findings, findings


def test_bad_input_ends_in_one_line_each(seen):
    for args in ERRORS:
        lines = seen[" ".join(args)].strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in lines[0], (args, lines)


def test_the_walk_saw_every_command_and_format(seen):
    assert len([label for label in seen if label.endswith("--help")]) == len(_commands()) + 1
    assert {"export xlsx", "export html", "export md", "report html", "report xlsx"} <= set(seen)
    assert "Cách dùng: kfield" in seen["--help"] and "Đã hủy chuyến" in seen["visit cancel --reason tập thử"]


def test_vietnamese_words_are_taken_and_values_read_in_vietnamese_style(seen):
    """«máy in», «mang lan», «đã xử lý» were refused; unknown readiness reads «chưa rõ», never 0 → 0; the
    short visit id where a check run is attached; refusals list the accepted words with their names."""
    for args in (("máy in", "đã xử lý"), ("mang lan", "con cho")):
        assert "Đã ghi (sự cố)" in seen[f"visit problem {'Máy in không in' if args[0] == 'máy in' else 'Mất mạng'} "
                                         f"--system {args[0]} --outcome {args[1]}"]
    assert "Đã ghi (nhiệm vụ)" in seen["visit task ky so"]
    assert "máy in" in seen["export csv problems"] and "còn chờ" in seen["export csv problems"]
    for name in ("report csv readiness", "report csv pcs", "report html", "report md"):     # only PC001, PC002 ran
        assert "chưa rõ → chưa rõ" in seen[name], name
    row = next(line for line in seen["report csv readiness"].splitlines() if line.startswith("Tổng"))
    assert row.split(",")[3:8] == ["chưa rõ → chưa rõ", "0 → 0", *["chưa rõ → chưa rõ"] * 3]   # OS answered: a real 0
    attached = seen["check --only PC002"]
    assert re.search(r"Đã gắn vào chuyến công tác [0-9a-f]{6}\n", attached) and "Z-" not in attached
    assert "máy in (printer)" not in seen["visit task sửa quạt"] and "lan (mạng LAN)" in seen["visit task sửa quạt"]
    assert "fixed (đã xử lý)" in seen["visit problem x --outcome xong"]
