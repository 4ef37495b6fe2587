"""Opening the SQLite file: directory, pragmas, and the versioned migrations run at open."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import aiosqlite

from bot.store.errors import StoreUnavailableError, StoreVersionError
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION

_log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000
_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -32768",
    "PRAGMA mmap_size = 268435456",
    # A bulk ingest grows the log to hundreds of MB (bot.store.bulk); give the disk space back.
    "PRAGMA journal_size_limit = 67108864",
)


async def connect(path: Path, *, read_only: bool = False) -> aiosqlite.Connection:
    """Open a connection with the store's pragmas, or raise ``StoreUnavailableError``."""
    await asyncio.to_thread(_prepare_folder, path)
    try:
        connection = await aiosqlite.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise _unavailable(path, error) from error
    try:
        for pragma in _PRAGMAS:
            await connection.execute(pragma)
        if read_only:
            await connection.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        await connection.close()
        raise _unavailable(path, error) from error
    return connection


def _prepare_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailableError(
            f"Cannot create the folder {path.parent} for the article database: {error.strerror}."
        ) from error
    if path.is_dir():
        raise StoreUnavailableError(f"The article database path {path} is a folder, not a file.")


def _unavailable(path: Path, error: sqlite3.Error) -> StoreUnavailableError:
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return StoreUnavailableError(f"The file {path} exists but is not an SQLite database.")
    return StoreUnavailableError(
        f"Cannot open the article database {path} for writing ({error}); check the path and "
        "its permissions."
    )


async def schema_version(connection: aiosqlite.Connection) -> int:
    """The schema version recorded in the database (0 for a new, empty file)."""
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def migrate(
    connection: aiosqlite.Connection, path: Path, *, target: int = SCHEMA_VERSION
) -> int:
    """Bring the schema up to ``target``, one transaction per step; return the final version.

    A database written by a newer briefbot is refused rather than touched.
    """
    # Steps that rebuild an index sort and copy it whole: spill to disk rather than hold it in
    # RAM (measured: a 1 GB store's CJK rebuild peaked at 1.4 GB in memory, 360 MB on file).
    await connection.execute("PRAGMA temp_store = FILE")
    try:
        return await _migrate_steps(connection, path, target)
    finally:
        await connection.execute("PRAGMA temp_store = MEMORY")


async def _migrate_steps(connection: aiosqlite.Connection, path: Path, target: int) -> int:
    while True:
        try:
            await connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _unavailable(path, error) from error
        try:
            # Read inside the write transaction so two processes opening at once migrate once.
            version = await schema_version(connection)
            if version > SCHEMA_VERSION:
                raise StoreVersionError(
                    f"The database {path} was written by a newer briefbot (schema {version}, "
                    f"this version knows {SCHEMA_VERSION}); upgrade briefbot."
                )
            pending = [m for m in MIGRATIONS if version < m.version <= target]
            if not pending:
                await connection.execute("COMMIT")
                return version
            step = pending[0]
            if version > 0:
                # Some steps rebuild an index from every stored article: say why start-up waits.
                _log.info(
                    "upgrading the store %s from schema %d to %d (large stores take a while)",
                    path,
                    version,
                    step.version,
                )
            for statement in _statements(step.sql):
                await connection.execute(statement)
            if step.backfill is not None:
                await step.backfill(connection)
            await connection.execute(f"PRAGMA user_version = {step.version:d}")
            await connection.execute("COMMIT")
        except BaseException:
            await connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements, using SQLite's own notion of completeness."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
