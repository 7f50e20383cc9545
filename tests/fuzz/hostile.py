"""Hostile YAML files, paths and command-line values, seeded like tests/fuzz/corpus.py, and the runs
that judge them: profiles, playbooks, answers files, readiness rules, paths that are not regular
files, and fuzzed values per command.

Generators: typed tags (`!!int ""`, `!!timestamp 2026-02-30`, `!custom`…), Unicode digits (`²`, `٣`,
`１`), giant and non-finite numbers, undecodable bytes (raw in files, surrogate escapes in argv), alias
fan-out and self-holding anchors, control and right-to-left override characters, bracket mismatches,
plus byte flips, cut lines and swapped indentation. Every case is rebuilt from its seed alone.

Each run goes through `kfield.cli.run` in this process (tests/fuzz/harness.py), under an alarm: a run
still going after HANG_S seconds is counted as a hang. Command-line values run in a child process
that first leaves the machine's network (a new, empty network namespace): whatever a fuzzed
`--server` or `--db` names, nothing can be sent anywhere.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
from pathlib import Path

from tests.fuzz import harness
from tests.fuzz.corpus import Case

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "checks" / "commune-office.yaml"
SHORT = ROOT / "tests" / "fixtures" / "playbooks" / "good" / "sample-short.yaml"
PLAYBOOKS = [ROOT / "playbooks" / "net-slow.yaml", ROOT / "playbooks" / "sign-cannot-sign.yaml", SHORT]
RULES = ROOT / "kfield" / "aggregate" / "readiness.yaml"
ANSWERS = b"power: on\ncable: [not_done, done]\n"
HANG_S = 20

TAGGED = ('!!int ""', '!!int "-"', '!!float "."', "!!bool maybe", "!!timestamp foo", "!!timestamp 2026-02-30",
          "!!binary x", "!!set {a: 1}", "!custom v", "!!python/object/apply:os.system [id]", "!!merge x",
          "!!omap [a: 1]", "!!pairs [a: 1]", "!!null x", "!!str 5", "!!int 0x", "!!float 1e", '!!seq ""', "!!map x",
          "! 5", "!<tag:yaml.org,2002:int> x", "!!value =")
NUMBERS = ("²", "٣", "１２", "3²", "9" * 5001, "-" + "9" * 4301, "0x" + "f" * 5000, "0b" + "1" * 9000, ".nan",
           ".inf", "-.Inf", "1_000", "1:30:00", "0o17", "017", "1e400", "1.0e+400", "+.5", "0", "-0", "2026-02-30",
           "2026-13-45", "99999-01-01")
BYTES = (b"\xff", b"\xe9", b"\x80", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x00", b"\x1b[2J", b"\t", b"\r",
         b"\xe2\x80\xae", b"\xf4\x90\x80\x80")
STRUCTURE = (b"&a [*a]", b"*nowhere", b"&a {x: *a}", b"[" * 1200, b"{" * 999 + b"}" * 999, b"a: b: c", b"- - -",
             b"? [x]: y", b"<<: *x", b"--- \n--- ", b"%YAML 1.1\n---", b"'unclosed", b'"\\x"', b"@x", b"`x`")


def laughs(rng: random.Random) -> bytes:
    fan, levels = rng.randint(2, 10), rng.randint(3, 10)
    lines = ["l0: &l0 [lol]"] + [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * fan) + "]" for n in range(1, levels)]
    return ("\n".join(lines) + "\n").encode()


def _value_lines(lines: list[bytes]) -> list[int]:
    return [n for n, line in enumerate(lines) if b": " in line and not line.lstrip().startswith(b"#")]


def mutate(rng: random.Random, raw: bytes) -> tuple[bytes, str]:
    """One to three mutations of YAML bytes; the name of the first says what the case is."""
    names = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        name = rng.choice(("tag", "tag", "number", "number", "bytes", "structure", "laughs", "flip", "cut",
                           "indent", "duplicate", "drop", "quote"))
        raw = _MUTATIONS[name](rng, raw.split(b"\n"))
        names.append(name)
    return raw, "+".join(names)


def _replace_value(rng, lines, new: bytes) -> bytes:
    spots = _value_lines(lines) or [0]
    n = rng.choice(spots)
    key, sep, _ = lines[n].partition(b": ")
    lines[n] = key + b": " + new if sep else new
    return b"\n".join(lines)


def _insert_bytes(rng, lines) -> bytes:
    n = rng.randrange(len(lines))
    at = rng.randint(0, len(lines[n]))
    lines[n] = lines[n][:at] + rng.choice(BYTES) + lines[n][at:]
    return b"\n".join(lines)


def _flip(rng, lines) -> bytes:
    raw = bytearray(b"\n".join(lines))
    for _ in range(rng.randint(1, 8)):
        if raw:
            raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def _indent(rng, lines) -> bytes:
    n = rng.randrange(len(lines))
    lines[n] = rng.choice((b" ", b"   ", b"\t", b"")) + lines[n].lstrip()
    return b"\n".join(lines)


def _duplicate(rng, lines) -> bytes:
    n = rng.randrange(len(lines))
    lines.insert(n, lines[n])
    return b"\n".join(lines)


def _drop(rng, lines) -> bytes:
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _quote(rng, lines) -> bytes:
    n = rng.choice(_value_lines(lines) or [0])
    key, sep, value = lines[n].partition(b": ")
    lines[n] = key + sep + b'"' + value + b'"'
    return b"\n".join(lines)


_MUTATIONS = {
    "tag": lambda rng, lines: _replace_value(rng, lines, rng.choice(TAGGED).encode()),
    "number": lambda rng, lines: _replace_value(rng, lines, rng.choice(NUMBERS).encode()),
    "bytes": _insert_bytes,
    "structure": lambda rng, lines: _replace_value(rng, lines, rng.choice(STRUCTURE)),
    "laughs": lambda rng, lines: b"\n".join(lines) + b"\n" + laughs(rng),
    "flip": _flip,
    "cut": lambda rng, lines: b"\n".join(lines)[: rng.randrange(1, max(2, len(b"\n".join(lines))))],
    "indent": _indent,
    "duplicate": _duplicate,
    "drop": _drop,
    "quote": _quote,
}


def yaml_case(kind: str, seed: int) -> Case:
    rng = random.Random(f"{kind}-{seed}")
    base = {"profile": lambda: PROFILE.read_bytes(), "playbook": lambda: rng.choice(PLAYBOOKS).read_bytes(),
            "answers": lambda: ANSWERS, "rules": lambda: RULES.read_bytes()}[kind]()
    data, mutation = mutate(rng, base)
    return Case(kind, seed, data, mutation=mutation)


# --- runs -----------------------------------------------------------------------------------------


class Hang(BaseException):
    """A command still running after HANG_S seconds (raised by the alarm, never caught by kfield)."""


@contextlib.contextmanager
def alarm(seconds: int = HANG_S):
    def ring(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def judged(outcome: harness.Outcome, case: Case, args: tuple[str, ...], allowed: set[int]) -> int | None:
    """Run one command under the alarm and judge it (exit 3, a traceback, an exit code not allowed)."""
    try:
        with alarm():
            code, shown = harness.kfield(*args)
    except Hang:
        outcome.runs += 1
        outcome.hangs += 1
        outcome.failures.append(f"{case.kind} seed {case.seed} ({case.mutation}): kfield {' '.join(args[:4])} hung")
        return None
    except Exception as exc:                   # noqa: BLE001 - out of kfield's last resort: a traceback
        outcome.runs += 1
        outcome.internal += 1
        outcome.tracebacks += 1
        outcome.failures.append(f"{case.kind} seed {case.seed} ({case.mutation}): kfield {' '.join(args[:4])} "
                                f"raised {exc!r:.200}")
        return None
    harness._judge(outcome, case, args, code, shown, allowed)
    return code


def _lang(seed: int) -> str:
    return "vi" if seed % 2 == 0 else "en"       # half the inputs in each language


def _no_network_steps(path: Path) -> bool:
    """Whether `playbook run` of this file can only ask and tell (no check, no diagnose, no hand-over):
    a fuzzed playbook must never make the run send anything."""
    from kfield.playbook import loader
    from kfield.playbook import model as m

    try:
        playbook = loader.load(path)
    except Exception:                          # noqa: BLE001 - refused files are run too (they must be refused)
        return True
    return not any(isinstance(s, (m.Check, m.Diagnose)) or getattr(s, "handoff", None) for s in playbook.steps.values())


def run_yaml(case: Case, folder: Path) -> harness.Outcome:
    outcome = harness.Outcome()
    lang = _lang(case.seed)
    with harness.environment(folder):
        path = folder / f"fuzz-{case.seed}.yaml"
        path.write_bytes(case.data)
        for args, allowed in _yaml_commands(case, path, folder):
            judged(outcome, case, (*args, "--lang", lang), allowed)
    return outcome


def _yaml_commands(case: Case, path: Path, folder: Path):
    p = str(path)
    if case.kind == "profile":
        yield ("profile", "validate", p), {0, 2}
        if case.seed % 10 == 0:
            yield ("playbook", "lint", str(SHORT), "--profile", p), {0, 1, 2}
    elif case.kind == "playbook":
        yield ("playbook", "lint", p), {0, 1, 2}
        yield ("playbook", "paths", p, "--json"), {0, 2}
        if case.seed % 5 == 0:
            yield ("playbook", "graph", p), {0, 2}
            yield ("playbook", "show", p), {0, 2}
        if case.seed % 10 == 0 and _no_network_steps(path):
            yield ("playbook", "run", p, "--non-interactive", "--transcript", str(folder / "t.json")), {0, 1, 2}
    elif case.kind == "answers":
        yield ("playbook", "run", str(SHORT), "--answers", p, "--transcript", str(folder / "t.json")), {0, 1, 2}
    else:
        yield ("report", "readiness", "--rules", p, "--db", str(folder / "agg.sqlite3")), {0, 2}


# --- paths that are not regular files --------------------------------------------------------------

PATH_KINDS = ("fifo", "fifo_link", "dev_zero", "dev_urandom", "dev_zero_link", "folder", "socket", "missing",
              "name_long", "path_long", "undecodable", "loop", "dangling", "big", "empty", "not_a_folder",
              "dev_null", "fifo_in_folder")
PATH_COMMANDS = (
    (("profile", "validate", "{p}"), {2}),
    (("check", "--profile", "{p}", "--only", "PC001"), {2}),
    (("playbook", "lint", "{p}"), {1, 2}),
    (("playbook", "show", "{p}"), {2}),
    (("playbook", "run", "{short}", "--answers", "{p}"), {2}),
    (("report", "readiness", "--rules", "{p}", "--db", "{db}"), {2}),
    (("logs", "import", "{p}", "--db", "{db}"), {1, 2}),
    (("usb", "verify", "{p}"), {1, 2}),
)


def path_case(seed: int) -> Case:
    kind = PATH_KINDS[seed % len(PATH_KINDS)]
    return Case("paths", seed, b"", mutation=kind)


def _socket_at(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()                             # the socket file stays


def _loop_at(path: Path, other: Path) -> None:
    os.symlink(other, path)
    os.symlink(path, other)


def _unnameable(kind: str, folder: Path, suffix: str) -> str:
    """A name the system cannot take: 300 bytes, a 6,000-byte path, or bytes that are not UTF-8."""
    if kind == "name_long":
        return str(folder / ("n" * 300 + suffix))
    if kind == "path_long":
        return str(folder / "/".join(["d" * 200] * 30))
    return str(folder) + "/" + os.fsdecode(b"h\xf4ng" + suffix.encode())


def hostile_path(kind: str, folder: Path) -> str:
    target = folder / "target.yaml"
    if kind in ("fifo", "fifo_link"):
        os.mkfifo(folder / "pipe.yaml")
        if kind == "fifo":
            return str(folder / "pipe.yaml")
        os.symlink(folder / "pipe.yaml", target)
    elif kind.startswith("dev_") and kind != "dev_zero_link":
        return "/dev/" + kind[4:]
    elif kind == "dev_zero_link":
        os.symlink("/dev/zero", target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "socket":
        _socket_at(target)
    elif kind == "missing":
        pass
    elif kind in ("name_long", "path_long", "undecodable"):
        return _unnameable(kind, folder, ".yaml")
    elif kind == "loop":
        _loop_at(target, folder / "other.yaml")
    elif kind == "dangling":
        os.symlink(folder / "gone.yaml", target)
    elif kind == "big":
        with open(target, "wb") as handle:
            handle.truncate(5 * 2**20)             # sparse: nothing to write
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "not_a_folder":
        target.write_bytes(b"x: 1\n")
        return str(target / "inside.yaml")
    elif kind == "fifo_in_folder":
        inner = folder / "dir"
        inner.mkdir()
        os.mkfifo(inner / "pipe.yaml")
        os.symlink("/dev/urandom", inner / "random.yaml")
        return str(inner)
    return str(target)


def run_path(case: Case, folder: Path) -> harness.Outcome:
    outcome = harness.Outcome()
    with harness.environment(folder):
        work = folder / "w"
        work.mkdir()
        named = hostile_path(case.mutation, work)
        args, allowed = PATH_COMMANDS[(case.seed // len(PATH_KINDS)) % len(PATH_COMMANDS)]
        filled = tuple(a.format(p=named, short=str(SHORT), db=str(folder / "agg.sqlite3")) for a in args)
        judged(outcome, case, (*filled, "--lang", _lang(case.seed // len(PATH_KINDS))), allowed | {0})
    return outcome


# --- output paths: what -o names, and what lies beside it ------------------------------------------
# Devices are made with mknod in the case's own folder (never the system's /dev): a writer that renamed
# over one would turn it into a regular file, which the snapshot below catches.
OUTPUT_KINDS = ("regular", "missing", "fifo", "fifo_link", "null_node", "zero_node", "full_node", "node_link",
                "folder", "socket", "name_255", "name_long", "path_long", "undecodable", "loop", "dangling",
                "not_a_folder", "no_folder", "part_file", "part_link")
OUTPUT_COMMANDS = (
    (("export", "--all", "--format", "csv", "-o", "{p}"), {0, 2}),
    (("report", "coverage", "--format", "csv", "--db", "{db}", "-o", "{p}"), {0, 2}),
    (("check", "--only", "PC001", "--format", "json", "-o", "{p}"), {0, 1, 2}),
    (("profile", "schema", "-o", "{p}"), {0, 2}),
    (("playbook", "graph", "{short}", "-o", "{p}"), {0, 2}),
    (("logs", "pack", "-o", "{p}"), {0, 2}),
)
_NODES = {"null_node": (1, 3), "zero_node": (1, 5), "full_node": (1, 7)}


def output_case(seed: int) -> Case:
    return Case("outputs", seed, b"", mutation=OUTPUT_KINDS[seed % len(OUTPUT_KINDS)])


def hostile_output(kind: str, work: Path) -> str:
    """The path given to -o for ``kind``, with whatever the kind plants around it."""
    out, outside = work / "out.txt", work / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_bytes(b"the user's own file\n")
    if kind == "regular":
        out.write_bytes(b"an older output\n")
    elif kind in ("fifo", "fifo_link"):
        os.mkfifo(work / "pipe")
        if kind == "fifo":
            return str(work / "pipe")
        os.symlink(work / "pipe", out)
    elif kind in _NODES or kind == "node_link":
        major, minor = _NODES.get(kind, (1, 3))
        node = work / "node"
        os.mknod(node, 0o666 | __import__("stat").S_IFCHR, os.makedev(major, minor))
        if kind != "node_link":
            return str(node)
        os.symlink(node, out)
    elif kind == "folder":
        out.mkdir()
    elif kind == "socket":
        _socket_at(out)
    elif kind == "name_255":
        return str(work / ("n" * 251 + ".txt"))
    elif kind in ("name_long", "path_long", "undecodable"):
        return _unnameable(kind, work, ".txt")
    elif kind == "loop":
        _loop_at(out, work / "other")
    elif kind == "dangling":
        os.symlink(outside / "created-through-a-link.txt", out)
    elif kind == "not_a_folder":
        out.write_bytes(b"x\n")
        return str(out / "inside.txt")
    elif kind == "no_folder":
        return str(work / "absent" / "out.txt")
    elif kind == "part_file":
        (work / "out.txt.part").write_bytes(b"the user's own .part file\n")
    elif kind == "part_link":
        os.symlink(outside / "keep.txt", work / "out.txt.part")
    return str(out)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder``, by what it is: links by target, files by content, nodes by device."""
    import hashlib
    import stat as st

    seen: dict[str, tuple] = {}
    for root, dirs, names in os.walk(folder, followlinks=False):
        for name in dirs + names:
            path = os.path.join(root, name)
            found = os.lstat(path)
            if st.S_ISLNK(found.st_mode):
                seen[path] = ("link", os.readlink(path))
            elif st.S_ISREG(found.st_mode):
                with open(path, "rb") as handle:
                    seen[path] = ("file", hashlib.sha256(handle.read()).hexdigest())
            else:
                seen[path] = (st.S_IFMT(found.st_mode), found.st_rdev)
    return seen


def _outside_what_was_named(before: dict, after: dict, named: str) -> list[str]:
    """Entries created, changed or removed other than the named path itself (which may be written when
    it was a regular file or nothing); the named path must stay what it was when it was anything else."""
    changed = [p for p in set(before) | set(after) if before.get(p) != after.get(p)]
    allowed = {named} if before.get(named, ("file",))[0] == "file" else set()
    return sorted(p for p in changed if p not in allowed)


def run_output(case: Case, folder: Path) -> harness.Outcome:
    outcome = harness.Outcome()
    with harness.environment(folder):
        work = folder / "w"
        work.mkdir()
        named = hostile_output(case.mutation, work)
        args, allowed = OUTPUT_COMMANDS[(case.seed // len(OUTPUT_KINDS)) % len(OUTPUT_COMMANDS)]
        filled = tuple(a.format(p=named, short=str(SHORT), db=str(folder / "agg.sqlite3")) for a in args)
        before = snapshot(work)
        judged(outcome, case, (*filled, "--lang", _lang(case.seed // len(OUTPUT_KINDS))), allowed)
        wrong = _outside_what_was_named(before, snapshot(work), named)
        if wrong:
            outcome.outside += 1
            outcome.failures.append(f"outputs seed {case.seed} ({case.mutation}): kfield {' '.join(filled[:4])} "
                                    f"changed {[os.path.relpath(p, work) for p in wrong][:3]}")
    return outcome


# --- command-line values ------------------------------------------------------------------------

def hostile_value(rng: random.Random) -> str:
    pick = rng.randrange(10)
    if pick == 0:
        return rng.choice(NUMBERS)
    if pick == 1:
        return os.fsdecode(rng.choice((b"Tr\xe2n", b"\xff\xfe", b"a\x80b", b"caf\xe9")))
    if pick == 2:
        return rng.choice(("h", "x", "9", "é", "đ")) * rng.choice((256, 5000, 100_000))
    if pick == 3:
        return rng.choice(("\u202e", "\u2066", "\x1b[31m", "\x07", "\n", "\t", "\u200f")).join(("h", "1"))
    if pick == 4:
        return rng.choice(("::1", "[::1", "[::1]x", "h:1:2", "[zz]", "[::1]:99999", "h:0", "h:-1", "h:abc", "h:²",
                           "h:" + "9" * 5000, "[", "]", ":", "[]:1", "1.2.3.4:65536", "-h", "h..", "." * 300))
    if pick == 5:
        return "postgresql://" + rng.choice(("h:99999/db", "h:abc/db", "h:-1/db", "[::1/db", "[zz]/db", "h" * 5000,
                                             "u:p@[::1/db", "h:0/db", ":5432/db", "h:" + "9" * 5000, "[::1]]:1/db"))
    if pick == 6:
        return rng.choice(("", " ", "-", "--", "-x", "--lang", "0", "-1", "+1", "1.5", "1e9", "None", "null"))
    if pick == 7:
        return rng.choice(TAGGED)
    if pick == 8:
        return "/".join(["d" * rng.randint(1, 300)] * rng.randint(1, 30))
    return "".join(chr(rng.choice((rng.randint(32, 126), rng.randint(0xA0, 0x2FFF), rng.randint(0xDC80, 0xDCFF))))
                   for _ in range(rng.randint(1, 30)))


# (command, the option or position the value goes into, exit codes allowed): nothing here may touch
# the real machine's network even with a valid value (the child has no network at all, see run_args)
ARG_COMMANDS = (
    (("visit", "start", "--commune", "{v}"), {2}),
    (("visit", "start", "--commune", "22366", "--province", "{v}"), {2}),
    (("visit", "note", "{v}"), {2}),
    (("visit", "task", "{v}"), {2}),
    (("visit", "problem", "{v}", "--system", "{v}"), {2}),
    (("visit", "train", "--topic", "{v}", "--officials", "{v}"), {2}),
    (("visit", "cancel", "{v}"), {2}),
    (("visit", "show", "{v}"), {2}),
    (("member", "set", "--name", "{v}", "--school", "NTU"), {0, 2}),
    (("member", "set", "--name", "Lan", "--school", "{v}", "--team", "{v}"), {0, 2}),
    (("playbook", "show", "{v}"), {0, 2}),
    (("playbook", "paths", "{v}"), {0, 2}),
    (("playbook", "run", "{short}", "--answers", "{v}"), {2}),
    (("playbook", "run", "{short}", "--non-interactive", "--transcript", "{v}"), {0, 1, 2}),
    (("check", "--profile", "{v}", "--only", "PC001"), {0, 1, 2}),
    (("check", "--only", "{v}"), {2}),
    (("logs", "import", "{v}", "--db", "{db}"), {1, 2}),
    (("logs", "import", "{empty}", "--db", "{v}"), {1, 2}),
    (("report", "--db", "{v}"), {0, 2}),
    (("report", "readiness", "--province", "{v}", "--db", "{db}"), {0, 2}),
    (("report", "readiness", "--rules", "{v}", "--db", "{db}"), {0, 2}),
    (("export", "--visit", "{v}"), {2}),
    (("usb", "verify", "{v}"), {1, 2}),
    (("net", "speed", "--server", "{v}", "--token", "t", "--seconds", "1"), {1, 2}),
    (("lan", "speed", "{v}", "--token", "t", "--seconds", "1"), {1, 2}),
    (("lan", "speed", "127.0.0.1", "--token", "{v}", "--port", "{v}"), {1, 2}),
)


def args_case(seed: int) -> Case:
    rng = random.Random(f"args-{seed}")
    return Case("args", seed, hostile_value(rng).encode("utf-8", "surrogateescape"), mutation=str(seed % len(ARG_COMMANDS)))


def run_arg(case: Case, folder: Path) -> harness.Outcome:
    outcome = harness.Outcome()
    value = case.data.decode("utf-8", "surrogateescape")
    with harness.environment(folder):
        (folder / "empty").mkdir()
        template, allowed = ARG_COMMANDS[int(case.mutation)]
        args = tuple(a.format(v=value, short=str(SHORT), db=str(folder / "agg.sqlite3"), empty=str(folder / "empty"))
                     if "{" in a else a for a in template)
        judged(outcome, case, (*args, "--lang", _lang(case.seed)), allowed | {0, 1, 2})
    return outcome


def leave_the_network() -> bool:
    """Move this process into a new, empty network namespace (Linux, root): nothing it sends can leave."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return libc.unshare(0x40000000) == 0       # CLONE_NEWNET


def isolated(run, cases) -> harness.Outcome:
    """``run`` over ``cases`` in a forked child without network; the outcome comes back through a pipe."""
    import pickle

    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:                             # pragma: no cover - the child
        os.close(reader)
        try:
            total = harness.Outcome()
            if not leave_the_network():
                total.failures.append("no network namespace (needs root): nothing run")
                total.unexpected_codes += 1
            else:
                for case in cases:
                    total.add(run_one(run, case))
            os.write(writer, pickle.dumps(total))
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    os.waitpid(child, 0)
    return pickle.loads(data) if data else harness.Outcome(unexpected_codes=1, failures=["the child died"])


def run_one(run, case: Case) -> harness.Outcome:
    """One case in its own folder, which is also the current folder (a fuzzed relative path such as a
    `--db 0` or `--transcript x` lands there, never in the source tree)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f"kf-fuzz-{case.kind}-"))
    here = os.getcwd()
    os.chdir(folder)
    try:
        return run(case, folder)
    finally:
        os.chdir(here)
        shutil.rmtree(folder, ignore_errors=True)


RUNS = {"profile": run_yaml, "playbook": run_yaml, "answers": run_yaml, "rules": run_yaml, "paths": run_path,
        "outputs": run_output, "args": run_arg}


def case(kind: str, seed: int) -> Case:
    if kind == "paths":
        return path_case(seed)
    if kind == "outputs":
        return output_case(seed)
    if kind == "args":
        return args_case(seed)
    return yaml_case(kind, seed)


def fuzz(kind: str, seeds) -> harness.Outcome:
    """Every seed of one kind; command-line values in a child without network."""
    cases = (case(kind, seed) for seed in seeds)
    if kind == "args":
        return isolated(RUNS[kind], cases)
    total = harness.Outcome()
    for one in cases:
        total.add(run_one(RUNS[kind], one))
    return total
