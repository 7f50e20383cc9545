"""A real PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder, Unix socket only.

No TCP listener (listen_addresses is empty): the server is reachable only through a socket in
its own folder, and is stopped and removed afterwards. As root, initdb refuses to run, so the
cluster belongs to the `postgres` account (created by the Debian package) and is started as it.
The default collation is ICU Vietnamese where the server has ICU, as a lecturer's server might:
ids and times must still sort as bytes there.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    for candidate in [shutil.which("pg_ctl"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)]:
        if candidate and Path(candidate).with_name("initdb").exists():
            return Path(candidate).resolve().parent
    return None


class Server:
    def __init__(self) -> None:
        self.bin = binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) are not installed (apt postgresql)")
        self.root = Path(tempfile.mkdtemp(prefix="kfield-pg-"))
        self.data, self.socket, self.port = self.root / "data", self.root, 54329
        self.user = _owner()
        self.counter = 0

    def start(self) -> "Server":
        if self.user:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        base = [str(self.bin / "initdb"), "-D", str(self.data), "-U", "kfield", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8"]
        if self._run(base + ["--locale-provider=icu", "--icu-locale=vi-VN"], check=False).returncode != 0:
            shutil.rmtree(self.data, ignore_errors=True)
            self._run(base)
        options = f"-k {self.socket} -p {self.port} -c listen_addresses='' -c fsync=off"
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"),
                   "-w", "-t", "60", "start"])
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://kfield@/{database}?host={self.socket}&port={self.port}"

    def new_database(self) -> str:
        import psycopg

        self.counter += 1
        name = f"t{os.getpid()}_{self.counter}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"], check=False)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
        kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid} if self.user else {}
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=self.root, **kwargs)
        if check and done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {done.stderr.strip()[-400:]}")
        return done


def _owner():
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return pwd.getpwnam("nobody")
