"""Immediate write transactions that are rolled back on any error and never left open by a cancel."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from bot.store.dialect import Connection, is_pg
from bot.store.errors import DATABASE_ERRORS

# PostgreSQL writers take turns on one advisory lock, as SQLite's BEGIN IMMEDIATE makes them do:
# a batch's ids (``bot.store.writing``) and a claim's read-then-write rely on it.
_PG_BEGIN = ("BEGIN", "SELECT pg_advisory_xact_lock(139347129871)")


@contextlib.asynccontextmanager
async def immediate_transaction(connection: Connection) -> AsyncIterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back if the body raises or is cancelled.

    A database error from ``BEGIN`` itself propagates with no transaction open. A cancel that
    arrives during ``COMMIT`` may still find the transaction committed; none is ever left open.
    """
    # A cancelled await does not stop a statement: aiosqlite still runs it on the connection's
    # thread. A ROLLBACK queued behind it undoes whatever it opened.
    try:
        if is_pg(connection):
            for statement in _PG_BEGIN:
                await connection.execute(statement)
        else:
            await connection.execute("BEGIN IMMEDIATE")
    except asyncio.CancelledError:
        await _roll_back_quietly(connection)
        raise
    except BaseException:
        if is_pg(connection):  # the lock's wait may fail after BEGIN
            await _roll_back_quietly(connection)
        raise
    try:
        yield
    except BaseException:
        await _roll_back_quietly(connection)
        raise
    try:
        await connection.execute("COMMIT")
    except BaseException:
        # A COMMIT that failed must not leave the transaction open; one that was cancelled still
        # ran, and the ROLLBACK behind it then finds nothing to undo.
        await _roll_back_quietly(connection)
        raise


async def _roll_back_quietly(connection: Connection) -> None:
    # "no transaction is active" is the expected answer when the interrupted statement failed.
    with contextlib.suppress(*DATABASE_ERRORS):
        await connection.execute("ROLLBACK")
