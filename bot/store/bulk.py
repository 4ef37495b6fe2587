"""Bulk writing: index merges and WAL checkpoints deferred while a stream of batches is written.

FTS5 writes each committed batch as a new index segment and, by default, merges segments four at
a time as it goes (``automerge``), so a posting is rewritten once per level as the index grows.
During a bulk stream merging is switched off (FTS5 still merges when sixteen segments pile up on a
level), and the stream ends with one merge of the whole index when it grew the store by a tenth or
more: measured on 100,000 articles, that took a fifth off the writer's time per article, and one
segment makes every term lookup at search time a single b-tree search.

The write-ahead log is likewise copied back into the database every 64 MB instead of every 4 MB
(SQLite's default) during the stream: each 500-article batch outgrows the default, and the pages a
batch touches (index b-trees) are often touched again by the next one.
"""

from __future__ import annotations

import aiosqlite

from bot.store.dialect import Connection, is_pg
from bot.store.transactions import immediate_transaction

# FTS5's own default: merge once four segments share a level.
AUTOMERGE = 4
# A stream that adds at least this share of the store ends with a full merge ('optimize').
OPTIMIZE_SHARE = 0.1
# Pages written per incremental 'merge' command; repeated until one does no work.
MERGE_PAGES = 2000
_MAX_MERGE_ROUNDS = 1000
# SQLite's default, and the interval used while a stream is written (pages of 4 KB).
CHECKPOINT_PAGES = 1000
BULK_CHECKPOINT_PAGES = 16384
# Until a table is vacuumed its new rows are checked for visibility one by one (and have hint bits
# written by the first reader), and the date index cannot answer from itself: the first searches
# after a bulk load pay for that. The large texts' TOAST tables need none of it.
PG_SETTLE = (
    "VACUUM (ANALYZE, PROCESS_TOAST FALSE) articles, sentences, article_owners, "
    "articles_cjk_bigrams"
)
_SET_AUTOMERGE = "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', ?)"
_READ_AUTOMERGE = "SELECT v FROM articles_fts_config WHERE k = 'automerge'"


async def begin_bulk(connection: Connection) -> None:
    """Defer segment merges and WAL checkpoints until ``end_bulk`` (its own transaction).

    PostgreSQL's GIN indexes need no such care (their pending list merges as it goes).
    """
    if is_pg(connection):
        return
    await connection.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES:d}")
    await connection.execute(_SET_AUTOMERGE, (0,))


async def end_bulk(connection: Connection, added: int) -> None:
    """Resume merging and checkpoints, and merge what a stream that stored ``added`` articles left.

    A stream that grew the store by ``OPTIMIZE_SHARE`` or more merges the index into one
    segment; a smaller one does the incremental merges that were deferred. On PostgreSQL such a
    stream is vacuumed instead (``PG_SETTLE``), rather than left to autovacuum's next visit.
    """
    if is_pg(connection):
        if added > 0 and added >= OPTIMIZE_SHARE * await _count(connection):
            await connection.execute(PG_SETTLE)
        return
    await connection.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES:d}")
    async with immediate_transaction(connection):
        await connection.execute(_SET_AUTOMERGE, (AUTOMERGE,))
        if added > 0:
            if added >= OPTIMIZE_SHARE * await _count(connection):
                await connection.execute(
                    "INSERT INTO articles_fts (articles_fts) VALUES ('optimize')"
                )
            else:
                await _merge_deferred(connection)


async def _count(connection: Connection) -> int:
    async with connection.execute("SELECT count(*) FROM articles") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def _merge_deferred(connection: aiosqlite.Connection) -> None:
    # A positive 'merge' only merges levels holding ``usermerge`` segments or more (FTS5's
    # default, 4, the same as ``AUTOMERGE``): the work automerge would have done. The command itself counts as one change, so a round that
    # changes fewer than two rows found nothing left to merge.
    for _ in range(_MAX_MERGE_ROUNDS):
        before = connection.total_changes
        await connection.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('merge', ?)", (MERGE_PAGES,)
        )
        if connection.total_changes - before < 2:
            return


async def restore_merging(connection: Connection) -> None:
    """Switch automatic merging back on if a stream stopped without settling (e.g. a crash)."""
    if is_pg(connection):
        return
    async with connection.execute(_READ_AUTOMERGE) as cursor:
        row = await cursor.fetchone()
    if row is not None and int(row[0]) != AUTOMERGE:
        await connection.execute(_SET_AUTOMERGE, (AUTOMERGE,))
