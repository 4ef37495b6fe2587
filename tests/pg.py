"""A throwaway PostgreSQL 15 cluster for the tests: initdb in a temp folder, a unix socket, stopped at exit.

The server binaries come with the machine (``/usr/lib/postgresql/15/bin``); nothing is installed.
``initdb`` refuses to run as root, and CI runs as root, so there the cluster belongs to an
unprivileged user (``nobody``) through ``runuser``. Each test gets its own database.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

PG_BIN = Path(os.environ.get("BRIEFBOT_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
_UNPRIVILEGED = "nobody"
_names = itertools.count(1)


def missing_reason() -> str | None:
    """Why no cluster can be started here (no server binaries), or ``None`` when one can."""
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (PG_BIN / name).is_file()]
    if missing:
        return (
            f"PostgreSQL server binaries {', '.join(missing)} not found in {PG_BIN} "
            "(install postgresql-15 or set BRIEFBOT_TEST_PG_BIN)"
        )
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: initdb cannot run as an unprivileged user"
    return None


@dataclass
class Cluster:
    """A running cluster: its folder (data, socket, log) and how to reach it."""

    folder: Path

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "postgres") -> str:
        """A ``postgresql://`` URL for one database of this cluster, over its unix socket."""
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        name = f"test_{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by ``create_database`` (closing what is still connected)."""
        name = url.rsplit("/", 1)[1].split("?", 1)[0]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        _run_as_owner(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _run_as_owner(command: list[str], *, check: bool = True) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", _UNPRIVILEGED, "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}): {result.stderr or result.stdout}"
        )


def start_cluster(settings: Mapping[str, str] | None = None) -> Cluster:
    """initdb and start a cluster listening only on a unix socket in a new temp folder.

    ``settings`` are more server settings (``{"shared_buffers": "256MB"}``), for benchmarks.
    """
    # Not under pytest's tmp_path: its parents are private to root, and the server runs as nobody.
    folder = Path(tempfile.mkdtemp(prefix="briefbot-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user=_UNPRIVILEGED)
    cluster = Cluster(folder)
    try:
        # C collation: the text order the store relies on is byte order, as in SQLite.
        _run_as_owner(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(folder / "data"),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        # Durability is not under test: fsync off makes each test's CREATE DATABASE cheap.
        options = (
            f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        for name, value in (settings or {}).items():
            options += f" -c {name}={value}"
        _run_as_owner(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(folder / "data"),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ]
        )
    except BaseException:
        cluster.stop()
        raise
    return cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's PostgreSQL 15 cluster, started on first use and stopped at the end."""
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    url = pg_cluster.create_database()
    try:
        yield url
    finally:
        pg_cluster.drop_database(url)
