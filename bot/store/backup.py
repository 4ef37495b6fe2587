"""Online backup and atomic restore of the store's SQLite file with the SQLite backup API."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.store.errors import StoreError
from bot.store.migrations import SCHEMA_VERSION

_BUSY_TIMEOUT_S = 10.0
_REQUIRED_TABLES = ("articles", "sentences", "meta")
_SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(StoreError):
    """A backup or restore that cannot be done, with one plain sentence saying why."""


class StoreInUseError(BackupError):
    """Restore refused because another connection has the store open."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What a backup or restore produced: the file, its schema version and article count."""

    path: Path
    schema_version: int
    article_count: int
    size_bytes: int


async def backup_store(source: Path, target: Path, *, overwrite: bool = False) -> BackupReport:
    """Copy the store at ``source`` to ``target`` consistently, even while the bot writes to it."""
    return await asyncio.to_thread(_backup, source, target, overwrite)


async def restore_store(backup: Path, target: Path, *, force: bool = False) -> BackupReport:
    """Replace the store at ``target`` with a validated ``backup`` in one atomic rename.

    Refuses when another connection has ``target`` open unless ``force`` is set.
    """
    return await asyncio.to_thread(_restore, backup, target, force)


async def inspect_backup(path: Path) -> BackupReport:
    """Check that ``path`` is an intact briefbot database of a known schema version."""
    return await asyncio.to_thread(_inspect, path)


def store_in_use(path: Path) -> bool:
    """Whether some connection (in any process) has the database at ``path`` open."""
    if not path.exists():
        return False
    probe = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        # An exclusive lock is only granted when no other connection holds the file or its WAL.
        probe.execute("PRAGMA locking_mode = EXCLUSIVE")
        probe.execute("BEGIN EXCLUSIVE")
        probe.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return True
        raise BackupError(f"Cannot open the store {path} ({error}).") from error
    except sqlite3.DatabaseError:
        return False
    finally:
        probe.close()
    return False


def _backup(source: Path, target: Path, overwrite: bool) -> BackupReport:
    if not source.is_file():
        raise BackupError(f"There is no store at {source} to back up.")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} already exists; choose another name or pass --force.")
    partial = _partial_path(target)
    try:
        _copy_database(source, partial)
        report = _inspect(partial, shown_as=source)
        os.replace(partial, target)
    finally:
        _remove_with_side_files(partial)
    return BackupReport(target, report.schema_version, report.article_count, target.stat().st_size)


def _restore(backup: Path, target: Path, force: bool) -> BackupReport:
    report = _inspect(backup)
    if not force and store_in_use(target):
        raise StoreInUseError(
            f"The store {target} is in use (is the bot running?); stop it first, or pass --force "
            "and restart it right after."
        )
    partial = _partial_path(target)
    try:
        _copy_database(backup, partial)
        _inspect(partial, shown_as=backup)
        # A WAL left beside the old file would be replayed into the restored one.
        for suffix in _SIDE_FILES:
            _remove(target.with_name(target.name + suffix))
        os.replace(partial, target)
    finally:
        _remove_with_side_files(partial)
    return BackupReport(target, report.schema_version, report.article_count, target.stat().st_size)


def _copy_database(source: Path, target: Path) -> None:
    """One-step online backup: a single read transaction, so the copy is one consistent snapshot."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_with_side_files(target)
    reader = sqlite3.connect(source, isolation_level=None, timeout=_BUSY_TIMEOUT_S)
    try:
        writer = sqlite3.connect(target, isolation_level=None)
        try:
            reader.backup(writer, pages=-1)
            # A backup file should stand alone, without -wal and -shm companions.
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    except sqlite3.Error as error:
        raise BackupError(f"Copying {source} to {target} failed ({error}).") from error
    finally:
        reader.close()


def _inspect(path: Path, *, shown_as: Path | None = None) -> BackupReport:
    """Validate ``path``; messages name ``shown_as`` (the file people know) when given."""
    name = shown_as or path
    if not path.is_file():
        raise BackupError(f"There is no file at {name}.")
    if path.stat().st_size == 0:
        raise BackupError(f"{name} is empty, not a briefbot database.")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as error:
        raise BackupError(f"Cannot open {name} ({error}).") from error
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if version < 1 or not set(_REQUIRED_TABLES) <= tables:
            raise BackupError(f"{name} is an SQLite database but not a briefbot store.")
        if version > SCHEMA_VERSION:
            raise BackupError(
                f"{name} was written by a newer briefbot (schema {version}, this version knows "
                f"{SCHEMA_VERSION}); upgrade briefbot before restoring it."
            )
        verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            raise BackupError(f"{name} is damaged (integrity check: {verdict[0]}).")
        count = int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{name} is not a briefbot database ({error}).") from error
    finally:
        connection.close()
    return BackupReport(path, version, count, path.stat().st_size)


def _partial_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial-{os.getpid()}")


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        _remove(path.with_name(path.name + suffix))


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
