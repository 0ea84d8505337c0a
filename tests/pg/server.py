"""A throwaway PostgreSQL server for the test suite, on a Unix socket in a temporary folder.

PostgreSQL refuses to run as root: when the suite runs as root, the server runs as the
`postgres` system user (or `nobody`) through `runuser`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


def find_pg_bin() -> Path | None:
    """The folder holding `initdb` and `pg_ctl`, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL")


@dataclass
class ThrowawayServer:
    """A running server; `url(dbname)` gives an SQLAlchemy URL for one of its databases."""

    root: Path
    bin_dir: Path
    user: str | None
    port: int = 54329

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def _run(self, *argv: str) -> None:
        command = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self) -> None:
        self.socket_dir.mkdir(parents=True)
        if self.user:
            info = pwd.getpwnam(self.user)
            os.chmod(self.root, 0o755)
            os.chown(self.root, info.pw_uid, info.pw_gid)
            os.chown(self.socket_dir, info.pw_uid, info.pw_gid)
        self._run("initdb", "-D", str(self.data_dir), "-A", "trust", "-U", "guichet",
                  "-E", "UTF8", "--no-locale", "--no-sync")  # fmt: skip
        options = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l",
                  str(self.root / "server.log"), "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://guichet@/{dbname}?host={self.socket_dir}&port={self.port}"

    def create_database(self, dbname: str) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), port=self.port, user="guichet", dbname="postgres",
            autocommit=True,
        ) as connection:  # fmt: skip
            connection.execute(f'CREATE DATABASE "{dbname}"')
        return self.url(dbname)


def start_throwaway_server(root: Path) -> ThrowawayServer | None:
    """Start a server under `root`, or return None when PostgreSQL is not installed."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        return None
    server = ThrowawayServer(root=root, bin_dir=bin_dir, user=_server_user(),
                             port=54329 + os.getpid() % 500)  # fmt: skip
    server.start()
    return server
