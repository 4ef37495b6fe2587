"""Immediate write transactions that are rolled back on any error and never left open by a cancel."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator

import aiosqlite


@contextlib.asynccontextmanager
async def immediate_transaction(connection: aiosqlite.Connection) -> AsyncIterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back if the body raises or is cancelled.

    An ``sqlite3.Error`` from ``BEGIN`` itself propagates with no transaction open. A cancel that
    arrives during ``COMMIT`` may still find the transaction committed; none is ever left open.
    """
    # A cancelled await does not stop a statement: aiosqlite still runs it on the connection's
    # thread. A ROLLBACK queued behind it undoes whatever it opened.
    try:
        await connection.execute("BEGIN IMMEDIATE")
    except asyncio.CancelledError:
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


async def _roll_back_quietly(connection: aiosqlite.Connection) -> None:
    # "no transaction is active" is the expected answer when the interrupted statement failed.
    with contextlib.suppress(sqlite3.Error):
        await connection.execute("ROLLBACK")
