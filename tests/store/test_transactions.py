"""Immediate transactions: rolled back on errors, never left open when the task is cancelled."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.store.database import connect, migrate
from bot.store.transactions import immediate_transaction


async def test_an_error_in_the_body_rolls_back(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    connection = await connect(path)
    try:
        await migrate(connection, path)

        async def insert_then_fail() -> None:
            async with immediate_transaction(connection):
                await connection.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
                raise ValueError("boom")

        with pytest.raises(ValueError, match="boom"):
            await insert_then_fail()
        async with connection.execute("SELECT count(*) FROM meta WHERE key = 'k'") as cursor:
            assert await cursor.fetchone() == (0,)
        assert not connection.in_transaction
    finally:
        await connection.close()


async def test_a_cancel_while_begin_waits_for_the_lock_leaves_no_transaction_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite"
    connection = await connect(path)
    try:
        await migrate(connection, path)
        with sqlite3.connect(path, isolation_level=None) as other:
            other.execute("BEGIN IMMEDIATE")  # BEGIN below now waits in aiosqlite's thread
            entered = asyncio.Event()

            async def write() -> None:
                async with immediate_transaction(connection):
                    entered.set()

            task = asyncio.create_task(write())
            await asyncio.sleep(0.2)
            task.cancel()
            other.execute("ROLLBACK")  # the waiting BEGIN now succeeds on its thread ...
            with pytest.raises(asyncio.CancelledError):
                await task
        # ... and the ROLLBACK queued behind it closed the transaction again.
        async with connection.execute("SELECT 1"):
            pass
        assert not entered.is_set()
        assert not connection.in_transaction
        async with immediate_transaction(connection):
            await connection.execute("INSERT INTO meta (key, value) VALUES ('after', 'ok')")
    finally:
        await connection.close()
