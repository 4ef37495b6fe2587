"""Adding articles: deduplicated, one transaction per batch, rows prepared in parallel.

Sentence splitting and hashing dominate ingest time, so big batches are prepared in chunks by a
process pool while earlier chunks are being inserted. Streams of batches: ``bot.store.batches``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.core.models import ArticleDraft
from bot.core.scope import LIBRARY
from bot.store.date_keys import DATE_KEY_COLUMN
from bot.store.dialect import Connection, greatest, insert_rows, is_pg, json_values
from bot.store.errors import DATABASE_ERRORS, StoreWriteError
from bot.store.facets import FACETS_COLUMN, TEXT_COLUMNS
from bot.store.preparation import ARTICLE_COLUMNS, SENTENCE_COLUMNS, PreparedDraft
from bot.store.preparation_pool import PreparationPool
from bot.store.rows import iso_at
from bot.store.scoping import add_owners
from bot.store.tails import TAIL_COLUMNS
from bot.store.transactions import immediate_transaction

_log = logging.getLogger(__name__)
_FTS_COLUMNS = ", ".join((*TEXT_COLUMNS, FACETS_COLUMN))
# Whole batches in key order: FTS5 writes its pending terms out as a new segment whenever a
# rowid arrives below the previous one, and date keys do not follow the ids.
_FTS_INSERT = f"""
INSERT INTO articles_fts (rowid, {_FTS_COLUMNS})
SELECT {DATE_KEY_COLUMN}, {_FTS_COLUMNS} FROM articles WHERE id BETWEEN ? AND ?
ORDER BY {DATE_KEY_COLUMN}
"""
# Rows of (article id, CJK title, CJK body) as JSON, also indexed in key order.
_CJK_INSERT = f"""
INSERT INTO articles_cjk_bigrams (rowid, title, body)
SELECT a.{DATE_KEY_COLUMN}, json_extract(row.value, '$[1]'), json_extract(row.value, '$[2]')
FROM json_each(?) AS row JOIN articles a ON a.id = json_extract(row.value, '$[0]')
ORDER BY a.{DATE_KEY_COLUMN}
"""
# On PostgreSQL the bigram rows are keyed by article id (``bot.store.pg_schema``).
_PG_CJK_INSERT = """
INSERT INTO articles_cjk_bigrams (article_id, title, body)
SELECT (row->>0)::bigint, row->>1, row->>2 FROM json_array_elements(?::json) AS row
"""


# One index probe per key, whatever the statistics say: during a bulk load they lag far behind
# the table (autovacuum analyzed it at a fraction of its rows), and the planner then chose a
# sequential scan of every stored article for each chunk (measured: 15-35 ms a chunk at 5,000
# rows, growing with the table). OFFSET 0 keeps the subquery from being flattened into a join.
_PG_EXISTING = """
SELECT a.id, a.key, a.content_hash FROM json_array_elements_text(?1::json) AS k (value)
CROSS JOIN LATERAL (
    SELECT id, coalesce(canonical_url, url) AS key, content_hash FROM articles
    WHERE coalesce(canonical_url, url) = k.value OFFSET 0
) AS a
UNION ALL
SELECT a.id, a.key, a.content_hash FROM json_array_elements_text(?2::json) AS k (value)
CROSS JOIN LATERAL (
    SELECT id, coalesce(canonical_url, url) AS key, content_hash FROM articles
    WHERE content_hash = k.value OFFSET 0
) AS a
"""


def _existing_sql(connection: Connection) -> str:
    if is_pg(connection):
        return _PG_EXISTING
    urls, hashes = (json_values(connection, p, kind="text") for p in ("?1", "?2"))
    return f"""
SELECT id, coalesce(canonical_url, url), content_hash FROM articles
WHERE coalesce(canonical_url, url) IN {urls}
UNION ALL
SELECT id, coalesce(canonical_url, url), content_hash FROM articles
WHERE content_hash IN {hashes}
"""


def _removed_sql(connection: Connection) -> str:
    """Tombstones (``bot.store.removal``) of removed articles with the same address or content."""
    urls, hashes = (json_values(connection, p, kind="text") for p in ("?1", "?2"))
    return f"""
SELECT id, article_id, url_key, url, content_hash, removed_at, removed_by FROM removed_articles
WHERE url_key IN {urls} OR url IN {urls} OR content_hash IN {hashes}
"""


class AddStatus(StrEnum):
    """What became of one draft handed to ``add_articles``."""

    ADDED = "added"
    DUPLICATE = "duplicate"
    # An operator removed it (tombstone); only an ingest by hand (``restore_removed``) adds it.
    WITHHELD = "withheld"


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome for draft ``draft_index``: its new id, or the id of the article it repeats."""

    draft_index: int
    status: AddStatus
    article_id: int
    reason: str = ""
    # For an ADDED draft that had been removed before: the tombstone it cleared, as a sentence.
    restored: str = ""


@dataclass(frozen=True, slots=True)
class _Removed:
    """A tombstone as the writer needs it: its row, the removed id and a sentence about it."""

    row_id: int
    article_id: int
    sentence: str


@dataclass(slots=True)
class _Batch:
    """Dedup state of the batch being written: what is known by URL and by content hash."""

    by_url: dict[str, int]
    by_hash: dict[str, int]
    next_id: int
    restore_removed: bool = False
    removed_by_url: dict[str, list[_Removed]] = field(default_factory=dict)
    removed_by_hash: dict[str, list[_Removed]] = field(default_factory=dict)
    cleared: set[int] = field(default_factory=set)

    def _tombstones(self, prepared: PreparedDraft) -> list[_Removed]:
        found = [] if prepared.url_key is None else self.removed_by_url.get(prepared.url_key, [])
        return [*found, *self.removed_by_hash.get(prepared.content_hash, [])]

    def classify(self, index: int, prepared: PreparedDraft) -> AddResult:
        same_url = None if prepared.url_key is None else self.by_url.get(prepared.url_key)
        if same_url is not None:
            return AddResult(
                index, AddStatus.DUPLICATE, same_url, f"same URL as article {same_url}"
            )
        same = self.by_hash.get(prepared.content_hash)
        if same is not None:
            return AddResult(index, AddStatus.DUPLICATE, same, f"same content as article {same}")
        tombstones = [t for t in self._tombstones(prepared) if t.row_id not in self.cleared]
        if tombstones and not self.restore_removed:
            first = tombstones[0]
            return AddResult(index, AddStatus.WITHHELD, first.article_id, first.sentence)
        article_id = self.next_id
        self.next_id += 1
        if prepared.url_key is not None:
            self.by_url[prepared.url_key] = article_id
        self.by_hash[prepared.content_hash] = article_id
        self.cleared.update(t.row_id for t in tombstones)
        restored = tombstones[0].sentence if tombstones else ""
        return AddResult(index, AddStatus.ADDED, article_id, restored=restored)


async def _learn_existing(
    connection: Connection, batch: _Batch, prepared: Sequence[PreparedDraft]
) -> None:
    urls = json.dumps([p.url_key for p in prepared if p.url_key is not None])
    hashes = json.dumps([p.content_hash for p in prepared])
    async with connection.execute(_existing_sql(connection), (urls, hashes)) as cursor:
        async for article_id, url_key, hash_ in cursor:
            if url_key is not None:
                batch.by_url.setdefault(url_key, article_id)
            batch.by_hash.setdefault(hash_, article_id)
    async with connection.execute(_removed_sql(connection), (urls, hashes)) as cursor:
        async for row_id, article_id, url_key, url, hash_, removed_at, removed_by in cursor:
            removed = _Removed(
                row_id,
                article_id,
                f"article {article_id} was removed on {str(removed_at)[:10]} by {removed_by}",
            )
            for key in {url_key, url} - {None}:
                batch.removed_by_url.setdefault(key, []).append(removed)
            batch.removed_by_hash.setdefault(hash_, []).append(removed)


async def _next_id(connection: Connection) -> int:
    # Above removed ids too: an id someone saw (and removed) never names another article.
    async with connection.execute(
        f"SELECT {greatest(connection)}(coalesce((SELECT max(id) FROM articles), 0), "
        "coalesce((SELECT max(article_id) FROM removed_articles), 0)) + 1"
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def _insert(connection: Connection, fresh: Sequence[tuple[int, PreparedDraft]]) -> None:
    # On PostgreSQL a COPY, rather than an INSERT per row: the server's per-statement work goes
    # (measured 585-691 against 482-522 articles/s for 2,000 rows on a busy machine).
    await insert_rows(
        connection, "articles", ARTICLE_COLUMNS, [(i, *p.article_row) for i, p in fresh]
    )
    await insert_rows(
        connection, "sentences", SENTENCE_COLUMNS, [(i, p.sentences_json) for i, p in fresh]
    )
    tails = [(i, *p.tail) for i, p in fresh if p.tail is not None]
    if tails:
        await insert_rows(connection, "article_tails", TAIL_COLUMNS, tails)


@dataclass(frozen=True, slots=True)
class DraftBatch:
    """Drafts to store in one transaction, all stamped with the same ingest time."""

    drafts: Sequence[ArticleDraft]
    ingested_at: datetime
    restore_removed: bool = False
    # Who holds the batch's articles (``bot.core.scope``): new ones and repeats of stored ones.
    owners: tuple[int, ...] = (LIBRARY,)


@dataclass(frozen=True, slots=True)
class StartedBatch:
    """A batch whose chunks are being prepared (in order) while earlier work goes on."""

    size: int
    chunks: Sequence[asyncio.Future[list[PreparedDraft]]]
    restore_removed: bool = False
    owners: tuple[int, ...] = (LIBRARY,)

    def discard(self) -> None:
        for chunk in self.chunks:
            if not chunk.cancel() and not chunk.cancelled():
                chunk.exception()  # retrieved, so asyncio does not log it a second time


def start_batch(pool: PreparationPool, batch: DraftBatch) -> StartedBatch:
    ingested_text = iso_at(batch.ingested_at)
    chunks = [asyncio.ensure_future(c) for c in pool.prepare(batch.drafts, ingested_text)]
    return StartedBatch(len(batch.drafts), chunks, batch.restore_removed, batch.owners)


async def write_batch(connection: Connection, started: StartedBatch) -> list[AddResult]:
    results: list[AddResult] = []
    began = False
    try:
        async with immediate_transaction(connection):
            began = True
            first_id = await _next_id(connection)
            batch = _Batch({}, {}, first_id, restore_removed=started.restore_removed)
            cjk: list[tuple[int, str, str]] = []
            for chunk in started.chunks:
                prepared = await chunk
                await _learn_existing(connection, batch, prepared)
                fresh: list[tuple[int, PreparedDraft]] = []
                for item in prepared:
                    result = batch.classify(len(results), item)
                    results.append(result)
                    if result.status is AddStatus.ADDED:
                        fresh.append((result.article_id, item))
                if fresh:
                    await _insert(connection, fresh)
                    cjk.extend(
                        (i, p.cjk_title, p.cjk_body) for i, p in fresh if p.cjk_title or p.cjk_body
                    )
            # Ids of a batch are consecutive, so the index is fed from the rows just written.
            # (PostgreSQL indexes the words of a row as it is stored.)
            if batch.next_id > first_id and not is_pg(connection):
                await connection.execute(_FTS_INSERT, (first_id, batch.next_id - 1))
            if cjk:
                insert = _PG_CJK_INSERT if is_pg(connection) else _CJK_INSERT
                await connection.execute(insert, (json.dumps(cjk, ensure_ascii=False),))
            # A repeat is stored once and held by each owner that brought it in.
            held = [r.article_id for r in results if r.status is not AddStatus.WITHHELD]
            await add_owners(connection, held, started.owners, by_hand=started.restore_removed)
            if batch.cleared:
                await connection.execute(
                    f"DELETE FROM removed_articles WHERE id IN {json_values(connection)}",
                    (json.dumps(sorted(batch.cleared)),),
                )
    except DATABASE_ERRORS as error:
        if not began:
            raise StoreWriteError(
                f"Could not start writing {started.size} articles ({error}); another process "
                "may hold the database; nothing was written."
            ) from error
        raise StoreWriteError(
            f"Could not store a batch of {started.size} articles ({error}); none of them was kept."
        ) from error
    if batch.cleared:
        _log.info(
            "stored %d removed articles again (given by hand); their tombstones are gone",
            len(batch.cleared),
        )
    return results


async def add_articles(
    connection: Connection,
    pool: PreparationPool,
    drafts: Sequence[ArticleDraft],
    *,
    ingested_at: datetime,
    restore_removed: bool = False,
    owners: tuple[int, ...] = (LIBRARY,),
    lock: asyncio.Lock,
) -> list[AddResult]:
    """Store new drafts in one transaction under ``lock``; a repeated URL or content becomes a
    DUPLICATE result.

    A draft matching a removed article is WITHHELD, unless ``restore_removed`` (an ingest by
    hand), which clears the tombstone and stores it again.
    """
    if not drafts:
        return []
    started = start_batch(pool, DraftBatch(drafts, ingested_at, restore_removed, owners))
    try:
        # Prepared before taking the lock: preparing needs no database, and under the lock (and
        # the transaction's, which on PostgreSQL every process shares) it kept every other
        # writer waiting, e.g. the other feeds of a poll, in this process and in the others.
        await asyncio.gather(*started.chunks)
        async with lock:
            return await write_batch(connection, started)
    finally:
        started.discard()
