"""The key/value ``meta`` table, where the service records facts such as when seeds were loaded."""

from __future__ import annotations

from bot.store.dialect import Connection


async def get_meta(connection: Connection, key: str) -> str | None:
    """The value stored under ``key``, or ``None``."""
    async with connection.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
        row = await cursor.fetchone()
    return None if row is None else str(row[0])


async def set_meta(connection: Connection, key: str, value: str) -> None:
    """Store ``value`` under ``key``, replacing any previous value."""
    await connection.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
