"""``ArticleStore``: the async facade over one database (SQLite file or PostgreSQL), a writer and a reader."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterable, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType

from bot.core.models import Article, ArticleDraft, SearchHit
from bot.core.removals import Tombstone
from bot.core.scope import Scope
from bot.core.story.clusterer import StoryChanges, StoryClusterer
from bot.store import (
    articles,
    meta,
    pg_database,
    removal,
    scoping,
    stories,
    writing,
)
from bot.store import search as full_text
from bot.store.batches import add_batches as stream_batches
from bot.store.bulk import restore_merging
from bot.store.database import connect, migrate
from bot.store.dialect import Connection
from bot.store.digest_records import DigestRecords
from bot.store.errors import StoreUnavailableError
from bot.store.feed_records import FeedRecords
from bot.store.pg import PgConnection, is_postgres_url, redacted
from bot.store.preparation_pool import PreparationPool
from bot.store.rows import iso_at
from bot.store.transactions import immediate_transaction
from bot.store.writing import AddResult, DraftBatch


class ArticleStore(FeedRecords, DigestRecords):
    """Articles, their sentences and full-text indexes in one SQLite file (WAL mode).

    Writes go through one connection, serialised by a lock; reads use a second connection, so a
    search never sees half of a batch that is being written.

    The store as opened is unscoped (every article: background work and maintenance); ``scoped``
    gives a view that reads only one scope's articles and files what it adds under that scope.
    """

    def __init__(
        self,
        path: Path | str,
        writer: Connection,
        reader: Connection,
        pool: PreparationPool,
        *,
        scope: Scope | None = None,
        write_lock: asyncio.Lock | None = None,
    ) -> None:
        self.path = path
        self._writer = writer
        self._reader = reader
        self._pool = pool
        self._write_lock = write_lock or asyncio.Lock()
        self.scope = scope

    def scoped(self, scope: Scope | None) -> ArticleStore:
        """A view of this store for one scope (``None``: unscoped), sharing its connections.

        Close only the store that was opened, never a view.
        """
        return ArticleStore(
            self.path,
            self._writer,
            self._reader,
            self._pool,
            scope=scope,
            write_lock=self._write_lock,
        )

    @classmethod
    async def open(cls, path: Path | str, *, workers: int | None = None) -> ArticleStore:
        """Open (creating if needed) and migrate the database at ``path``.

        ``path`` is an SQLite file, or a ``postgresql://`` URL for a PostgreSQL store (the
        setting ``BRIEFBOT_DATABASE_URL``). ``workers`` caps the processes that prepare big
        ingest batches (default: the CPU count, at most 4; below 2, batches are prepared in a
        thread).
        """
        if isinstance(path, str):
            return await cls._open_pg(path, workers)
        writer = await connect(path)
        try:
            await migrate(writer, path)
            await restore_merging(writer)
            reader = await connect(path, read_only=True)
        except BaseException:
            await writer.close()
            raise
        return cls(path, writer, reader, PreparationPool(workers))

    @classmethod
    async def _open_pg(cls, url: str, workers: int | None) -> ArticleStore:
        if not is_postgres_url(url):
            raise StoreUnavailableError(
                f"{redacted(url)} is not a postgresql:// URL; give an SQLite file as a path."
            )
        pg_writer = await PgConnection.open(url)
        try:
            await pg_database.migrate(pg_writer)
            pg_reader = await PgConnection.open(url, read_only=True)
        except BaseException:
            await pg_writer.close()
            raise
        return cls(url, pg_writer, pg_reader, PreparationPool(workers))

    async def close(self) -> None:
        """Close both connections and stop ingest workers; the store cannot be used afterwards."""
        try:
            await self._pool.close()
            await self._reader.close()
        finally:
            await self._writer.close()

    async def __aenter__(self) -> ArticleStore:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def add_articles(
        self,
        drafts: Sequence[ArticleDraft],
        *,
        ingested_at: datetime,
        restore_removed: bool = False,
        owners: Sequence[int] | None = None,
    ) -> list[AddResult]:
        """Store drafts in one transaction; a repeated URL or content is a DUPLICATE result.

        A removed article is WITHHELD unless ``restore_removed`` (an ingest by hand) is set.
        New and repeated articles are filed under ``owners`` (default: this view's scope).
        """
        return await writing.add_articles(
            self._writer,
            self._pool,
            drafts,
            ingested_at=ingested_at,
            restore_removed=restore_removed,
            owners=tuple(owners) if owners is not None else (self.owner,),
            lock=self._write_lock,
        )

    async def owners_of(self, ids: Sequence[int]) -> dict[int, set[int]]:
        """Who holds each of these articles: the library (0) and servers by id."""
        return await scoping.owners_of(self._reader, ids)

    async def release_articles(
        self, ids: Sequence[int], owner: int, *, released_at: datetime
    ) -> None:
        """Take articles out of one owner's holdings; the articles stay for their other owners.

        A feed serving them again does not give them back to that owner; an ingest by hand does.
        """
        async with self._write_lock, immediate_transaction(self._writer):
            await scoping.drop_owner(self._writer, ids, owner, released_at=iso_at(released_at))

    async def remove_articles(
        self, ids: Sequence[int], *, removed_at: datetime, removed_by: str
    ) -> list[Tombstone]:
        """Take articles out of the store and every index, leaving tombstones; unknown ids skipped."""
        async with self._write_lock:
            return await removal.remove_articles(
                self._writer, ids, removed_at=removed_at, removed_by=removed_by
            )

    async def find_tombstones(
        self, url_keys: Sequence[str], hashes: Sequence[str] = ()
    ) -> list[Tombstone]:
        """Tombstones of removed articles with any of these canonical addresses or hashes."""
        return await removal.find_tombstones(self._reader, url_keys, hashes)

    async def list_tombstones(self, *, limit: int = 50) -> list[Tombstone]:
        """The latest removals, newest first."""
        return await removal.list_tombstones(self._reader, limit=limit)

    def add_batches(
        self, batches: AsyncIterable[DraftBatch]
    ) -> AsyncGenerator[list[AddResult], None]:
        """Store batches one transaction each, yielding each batch's results in order.

        The next batches are prepared while the current one is written; prefer this to calling
        ``add_articles`` in a loop for big ingests. A caller that may stop early must close the
        stream (``contextlib.aclosing``) so the index is merged and merging switched back on.
        """
        return stream_batches(self._writer, self._pool, batches, self._write_lock)

    async def count_articles(self) -> int:
        """How many articles are stored (in this view's scope)."""
        return await articles.count_articles(self._reader, self._visible)

    async def list_articles(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        publisher: str | None = None,
        since_at: datetime | None = None,
        until_at: datetime | None = None,
        heads: bool = False,
        language: str | None = None,
    ) -> list[Article]:
        """Articles newest first (publication date, else ingest time), without sentences.

        ``heads``: only the opening of each body (``bot.core.brief.budget``); ``language``: only
        articles stored with that code ("fr").
        """
        return await articles.list_articles(
            self._reader,
            limit=limit,
            offset=offset,
            publisher=publisher,
            since_at=since_at,
            until_at=until_at,
            heads=heads,
            language=language,
            visible=self._visible,
        )

    async def get_articles(
        self, ids: Sequence[int], *, with_sentences: bool = True, heads: bool = False
    ) -> list[Article]:
        """The articles with these ids in the order asked; unknown ids are skipped.

        ``heads``: only the opening a brief considers of each (``bot.core.brief.budget``).
        """
        return await articles.get_articles(
            self._reader, ids, with_sentences=with_sentences, heads=heads, visible=self._visible
        )

    async def get_article(self, article_id: int) -> Article | None:
        """One article with its sentences, or ``None`` (also when outside this view's scope)."""
        found = await articles.get_articles(self._reader, [article_id], visible=self._visible)
        return found[0] if found else None

    async def search(
        self,
        terms: Sequence[str],
        *,
        publisher: str | None = None,
        since_at: datetime | None = None,
        until_at: datetime | None = None,
        limit: int = 20,
        language: str | None = None,
        snippets: bool = True,
    ) -> list[SearchHit]:
        """Articles matching any of the words or phrases, best first, with « »-marked snippets.

        Hits carry no sentences; load them with ``get_articles`` when needed. Without
        ``snippets`` hits carry no body and no snippet either (a brief reloads its articles).
        """
        return await full_text.search(
            self._reader,
            terms,
            publisher=publisher,
            since_at=since_at,
            until_at=until_at,
            limit=limit,
            language=language,
            snippets=snippets,
            visible=self._visible,
        )

    async def publishers(self) -> list[tuple[str, int]]:
        """Each publisher with its article count, largest first."""
        return await articles.publishers(self._reader, self._visible)

    async def term_document_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """For each term, how many articles contain it."""
        return await full_text.term_document_counts(self._reader, terms, self._visible)

    async def vocabulary(
        self, *, limit: int = 200, prefix: str | None = None
    ) -> list[tuple[str, int]]:
        """Frequent indexed (stemmed) terms with document counts, for "did you mean" suggestions."""
        return await full_text.vocabulary(
            self._reader, limit=limit, prefix=prefix, visible=self._visible
        )

    async def load_story_clusterer(self) -> StoryClusterer:
        """The stored story clustering state, ready to place new articles."""
        return await stories.load_clusterer(self._reader)

    async def story_document_count(self) -> int:
        """How many articles the stored story state has seen (another process may add)."""
        return await stories.stored_document_count(self._reader)

    async def save_story_changes(self, changes: StoryChanges, *, saved_at: datetime) -> None:
        """Write one round of story placements, merges and frequencies atomically."""
        async with self._write_lock, immediate_transaction(self._writer):
            await stories.save_changes(self._writer, changes, saved_at=saved_at)

    async def unplaced_article_ids(self) -> list[int]:
        """Stored articles not yet placed in a story, oldest id first."""
        return await stories.unplaced_article_ids(self._reader)

    async def story_keys(self, ids: Sequence[int]) -> dict[int, str]:
        """The stored story key of each placed article among ``ids``."""
        return await stories.story_keys(self._reader, ids)

    async def story_members_since(
        self, since_at: datetime | None, *, limit: int = 50
    ) -> dict[str, list[int]]:
        """Stories active since ``since_at`` (newest first) with their articles in this scope."""
        return await stories.story_members_since(
            self._reader, since_at, limit=limit, visible=self._visible
        )

    async def get_meta(self, key: str) -> str | None:
        """The value stored under ``key``, or ``None``."""
        return await meta.get_meta(self._reader, key)

    async def set_meta(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        async with self._write_lock:
            await meta.set_meta(self._writer, key, value)
