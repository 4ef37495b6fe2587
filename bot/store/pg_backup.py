"""Backing up a PostgreSQL store with ``pg_dump`` (custom format, restored with ``pg_restore``)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from pathlib import Path

from bot.core.credentials import without_password
from bot.store.backup import BackupError
from bot.store.pg import redacted

# Debian keeps the client tools of each major version here when they are not on PATH.
_PG_BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"))


def pg_dump_command() -> str | None:
    """The pg_dump to run: on PATH, else a Debian PostgreSQL install; ``None`` when absent."""
    found = shutil.which("pg_dump")
    if found is not None:
        return found
    for folder in _PG_BIN_DIRS:
        if (folder / "pg_dump").is_file():
            return str(folder / "pg_dump")
    return None


async def dump_postgres(url: str, target: Path, *, overwrite: bool = False) -> int:
    """Dump the database at ``url`` to ``target`` (written whole or not at all); its size."""
    command = await asyncio.to_thread(pg_dump_command)
    if command is None:
        raise BackupError(
            "pg_dump is not installed; install the PostgreSQL client tools (postgresql-client)."
        )
    if await asyncio.to_thread(target.exists) and not overwrite:
        raise BackupError(f"{target} already exists; choose another name or pass --force.")
    await asyncio.to_thread(target.parent.mkdir, parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    # The password goes by environment: a command line is visible to every local user in ps.
    dbname, password = without_password(url)
    environment = {**os.environ, "PGPASSWORD": password} if password is not None else None
    try:
        process = await asyncio.create_subprocess_exec(
            command,
            "--format=custom",
            "--no-owner",
            f"--file={partial}",
            f"--dbname={dbname}",
            env=environment,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, errors = await process.communicate()
        if process.returncode != 0:
            detail = " ".join(errors.decode(errors="replace").split())
            raise BackupError(f"pg_dump of {redacted(url)} failed: {detail}")
        await asyncio.to_thread(os.replace, partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            await asyncio.to_thread(partial.unlink)
    return (await asyncio.to_thread(target.stat)).st_size
