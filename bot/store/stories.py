"""Stored stories: the clusterer's state (frequencies, centroids, names), placements and aliases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from bot.core.story.clusterer import StoryChanges, StoryClusterer, StoryState
from bot.store.dialect import Connection, json_values, upsert
from bot.store.errors import StoreError
from bot.store.meta import get_meta, set_meta
from bot.store.rows import at_from_iso, iso_at
from bot.store.scoping import visible_sql

STORIES_SQL = """
CREATE TABLE stories (
    key              TEXT PRIMARY KEY,
    first_article_id INTEGER NOT NULL,
    centroid         TEXT NOT NULL,
    names            TEXT NOT NULL,
    first_at         TEXT,
    last_at          TEXT,
    updated_at       TEXT NOT NULL
);
CREATE TABLE story_articles (
    article_id INTEGER PRIMARY KEY,
    story_key  TEXT NOT NULL,
    placed_at  TEXT NOT NULL
);
CREATE INDEX story_articles_by_key ON story_articles (story_key);
CREATE TABLE story_aliases (
    old_key   TEXT PRIMARY KEY,
    story_key TEXT NOT NULL
);
CREATE TABLE story_frequencies (
    term      TEXT PRIMARY KEY,
    documents INTEGER NOT NULL
);
"""
# Schema 18: whether a story's span comes only from dates known to a month or a year (such a
# span gives way to the first report dated to the day). Older stories keep the old reading.
STORIES_V18_SQL = "ALTER TABLE stories ADD COLUMN wide_span INTEGER NOT NULL DEFAULT 0;\n"
DOCUMENTS_META_KEY = "story_documents"
# A load that sees another writer's save land between its reads tries again, this many times.
LOAD_ATTEMPTS = 5


class StoriesMovedOnError(StoreError):
    """Another writer saved stories since this state was loaded: reload it and place again."""


async def stored_document_count(connection: Connection) -> int:
    """How many articles the stored clustering state has seen."""
    value = await get_meta(connection, DOCUMENTS_META_KEY)
    return int(value) if value else 0


async def load_clusterer(connection: Connection) -> StoryClusterer:
    """The stored clustering state as a live clusterer, read as one consistent state.

    The reads are separate statements, so a save may land between them; every save raises the
    document count, so equal counts before and after mean none did.
    """
    for _ in range(LOAD_ATTEMPTS):
        before = await stored_document_count(connection)
        clusterer = await _read_clusterer(connection, before)
        if await stored_document_count(connection) == before:
            return clusterer
    raise StoriesMovedOnError(
        f"The stories changed during each of {LOAD_ATTEMPTS} reads; try again."
    )


async def _read_clusterer(connection: Connection, document_count: int) -> StoryClusterer:
    async with connection.execute("SELECT term, documents FROM story_frequencies") as cursor:
        frequencies = {str(term): int(count) for term, count in await cursor.fetchall()}
    members: dict[str, list[int]] = {}
    async with connection.execute(
        "SELECT story_key, article_id FROM story_articles ORDER BY article_id"
    ) as cursor:
        for key, article_id in await cursor.fetchall():
            members.setdefault(str(key), []).append(int(article_id))
    stories = []
    async with connection.execute(
        "SELECT key, first_article_id, centroid, names, first_at, last_at, wide_span FROM stories"
    ) as cursor:
        for key, first_id, centroid, names, first_at, last_at, wide in await cursor.fetchall():
            stories.append(
                StoryState(
                    str(key),
                    int(first_id),
                    members.get(str(key), []),
                    {str(t): float(w) for t, w in json.loads(centroid).items()},
                    {str(t): int(c) for t, c in json.loads(names).items()},
                    at_from_iso(first_at),
                    at_from_iso(last_at),
                    wide=bool(wide),
                )
            )
    async with connection.execute("SELECT old_key, story_key FROM story_aliases") as cursor:
        aliases = {str(old): str(new) for old, new in await cursor.fetchall()}
    return StoryClusterer.restore(document_count, frequencies, stories, aliases)


async def save_changes(
    connection: Connection, changes: StoryChanges, *, saved_at: datetime
) -> None:
    """Write one round of clustering changes (the caller holds the write transaction).

    Refused with ``StoriesMovedOnError``, writing nothing, unless the stored state is the one
    the changes build on: two writers placing articles from one state must not both land (the
    second would overwrite the first's frequencies and centroids and lose its placements).
    """
    stored = await stored_document_count(connection)
    if stored != changes.since_count:
        raise StoriesMovedOnError(
            f"The stories moved on to {stored} articles since this state of "
            f"{changes.since_count} was loaded; reload and place again."
        )
    at = iso_at(saved_at)
    await connection.executemany(
        "INSERT INTO story_frequencies (term, documents) VALUES (?, ?) "
        "ON CONFLICT (term) DO UPDATE SET documents = excluded.documents",
        list(changes.frequencies.items()),
    )
    for gone, keep in changes.merged.items():
        await connection.execute("DELETE FROM stories WHERE key = ?", (gone,))
        await connection.execute(
            "UPDATE story_articles SET story_key = ? WHERE story_key = ?", (keep, gone)
        )
        await connection.execute(
            "UPDATE story_aliases SET story_key = ? WHERE story_key = ?", (keep, gone)
        )
        await connection.execute(
            upsert(
                connection,
                "INTO story_aliases (old_key, story_key) VALUES (?, ?)",
                "old_key",
                "story_key",
            ),
            (gone, keep),
        )
    await connection.executemany(
        upsert(
            connection,
            "INTO stories (key, first_article_id, centroid, names, first_at, last_at, wide_span, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            "key",
            "first_article_id, centroid, names, first_at, last_at, wide_span, updated_at",
        ),
        [
            (
                s.key,
                s.first_id,
                json.dumps(s.centroid),
                json.dumps(s.names),
                None if s.first_at is None else iso_at(s.first_at),
                None if s.last_at is None else iso_at(s.last_at),
                int(s.wide),
                at,
            )
            for s in changes.stories
        ],
    )
    await connection.executemany(
        upsert(
            connection,
            "INTO story_articles (article_id, story_key, placed_at) VALUES (?, ?, ?)",
            "article_id",
            "story_key, placed_at",
        ),
        [(article_id, key, at) for article_id, key in changes.assignments.items()],
    )
    await set_meta(connection, DOCUMENTS_META_KEY, str(changes.document_count))


async def unplaced_article_ids(connection: Connection) -> list[int]:
    """Stored articles not yet placed in a story, oldest id first."""
    async with connection.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) "
        "ORDER BY id"
    ) as cursor:
        return [int(row[0]) for row in await cursor.fetchall()]


async def story_keys(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    """The story key of each of these articles that has been placed."""
    async with connection.execute(
        "SELECT article_id, story_key FROM story_articles "
        f"WHERE article_id IN {json_values(connection)}",
        (json.dumps(list(ids)),),
    ) as cursor:
        return {int(a): str(k) for a, k in await cursor.fetchall()}


async def story_members_since(
    connection: Connection,
    since_at: datetime | None,
    *,
    limit: int,
    visible: Sequence[int] | None = None,
) -> dict[str, list[int]]:
    """Stories with an article dated from ``since_at``, newest activity first, with every
    stored member (removed articles drop out through the join); ``visible`` keeps the articles
    of these owners, so a story shows only what its reader may see."""
    scope_sql, scope_params = visible_sql("a.id", visible)
    async with connection.execute(
        "SELECT sa.story_key, max(a.dated_at) AS latest FROM story_articles sa "
        f"JOIN articles a ON a.id = sa.article_id WHERE a.dated_at >= ? {scope_sql} "
        "GROUP BY sa.story_key ORDER BY latest DESC, sa.story_key LIMIT ?",
        (iso_at(since_at) if since_at is not None else "", *scope_params, limit),
    ) as cursor:
        keys = [str(row[0]) for row in await cursor.fetchall()]
    members: dict[str, list[int]] = {key: [] for key in keys}
    async with connection.execute(
        "SELECT sa.story_key, sa.article_id FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id "
        f"WHERE sa.story_key IN {json_values(connection, kind='text')} {scope_sql} "
        "ORDER BY sa.article_id",
        (json.dumps(keys), *scope_params),
    ) as cursor:
        for key, article_id in await cursor.fetchall():
            members[str(key)].append(int(article_id))
    return members
