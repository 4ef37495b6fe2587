"""Copying an SQLite store into an empty PostgreSQL one, table by table, with the counts verified.

The copy is one PostgreSQL transaction: a failure, or a count that differs, leaves the target
as empty as it was. The source is brought up to the current schema first (as opening it would).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from bot.store.database import connect, migrate
from bot.store.dialect import Connection
from bot.store.errors import DATABASE_ERRORS, StoreError
from bot.store.pg import PgConnection, redacted
from bot.store.pg_database import migrate as migrate_pg
from bot.store.pg_schema import IDENTITY_TABLES
from bot.store.transactions import immediate_transaction

# Parents before children, so every foreign key finds its row.
TABLES = (
    "articles",
    "sentences",
    "article_tails",
    "meta",
    "feeds",
    "feed_items",
    "feed_followers",
    "digest_settings",
    "digest_posts",
    "digest_attempts",
    "removed_articles",
    "stories",
    "story_articles",
    "story_aliases",
    "story_frequencies",
    "article_owners",
    "article_releases",
)
# The SQLite bigram index is keyed by date key; PostgreSQL's by article id.
_CJK_SOURCE = (
    "SELECT a.id, c.title, c.body FROM articles_cjk_bigrams c "
    "JOIN articles a ON a.date_key = c.rowid"
)
_CHUNK_ROWS = 1000


class TransferError(StoreError):
    """A copy that cannot be made, or whose counts did not match; the target is left unchanged."""


@dataclass(frozen=True, slots=True)
class TransferReport:
    """Rows copied per table (the same in source and target: they were checked)."""

    counts: dict[str, int]

    @property
    def articles(self) -> int:
        """How many articles were copied."""
        return self.counts.get("articles", 0)


async def copy_to_postgres(source: Path, url: str) -> TransferReport:
    """Copy the SQLite store at ``source`` into the empty PostgreSQL database at ``url``."""
    if not await asyncio.to_thread(source.is_file):
        raise TransferError(f"There is no SQLite store at {source} to copy.")
    reader = await connect(source)
    try:
        await migrate(reader, source)
        writer = await PgConnection.open(url)
        try:
            await migrate_pg(writer)
            return await _copy(reader, writer, url)
        finally:
            await writer.close()
    finally:
        await reader.close()


async def _copy(reader: aiosqlite.Connection, writer: PgConnection, url: str) -> TransferReport:
    counts: dict[str, int] = {}
    try:
        async with immediate_transaction(writer):
            for table in (*TABLES, "articles_cjk_bigrams"):
                if await _count(writer, table):
                    raise TransferError(
                        f"The PostgreSQL store {redacted(url)} already holds {table}; copy only "
                        "into an empty database."
                    )
            for table in TABLES:
                columns = await _plain_columns(reader, table)
                select = f"SELECT {', '.join(columns)} FROM {table}"
                counts[table] = await _copy_rows(reader, writer, select, table, columns)
            counts["articles_cjk_bigrams"] = await _copy_rows(
                reader, writer, _CJK_SOURCE, "articles_cjk_bigrams", ("article_id", "title", "body")
            )
            for table in IDENTITY_TABLES:
                await writer.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"coalesce(max(id), 0) + 1, false) FROM {table}"
                )
            for table, copied in counts.items():
                source_count = await _count(reader, table)
                target_count = await _count(writer, table)
                if not source_count == copied == target_count:
                    raise TransferError(
                        f"{table}: {source_count} rows in the SQLite store but {target_count} "
                        "in PostgreSQL; nothing was kept."
                    )
    except DATABASE_ERRORS as error:
        raise TransferError(
            f"Copying into {redacted(url)} failed ({error}); nothing was kept."
        ) from error
    return TransferReport(counts)


async def _count(connection: Connection, table: str) -> int:
    async with connection.execute(f"SELECT count(*) FROM {table}") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def _plain_columns(reader: aiosqlite.Connection, table: str) -> list[str]:
    """The stored columns of an SQLite table (generated ones are PostgreSQL's to compute)."""
    async with reader.execute(f"PRAGMA table_xinfo({table})") as cursor:
        # hidden: 0 a plain column, 2 and 3 generated ones.
        return [str(row[1]) async for row in cursor if int(row[6]) == 0]


async def _copy_rows(
    reader: aiosqlite.Connection,
    writer: PgConnection,
    select: str,
    table: str,
    columns: Sequence[str],
) -> int:
    marks = ", ".join("?" for _ in columns)
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    copied = 0
    async with reader.execute(select) as cursor:
        while chunk := [tuple(row) for row in await cursor.fetchmany(_CHUNK_ROWS)]:
            await writer.executemany(insert, chunk)
            copied += len(chunk)
    return copied
