"""Feed items already taken: the GUIDs seen per feed, and the stored articles their links name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from bot.store.dialect import Connection, insert_ignoring, json_table, json_values
from bot.store.scoping import NOT_RELEASED_SQL


async def seen_guids(connection: Connection, feed_id: int, guids: Sequence[str]) -> set[str]:
    """Which of ``guids`` this feed has already delivered."""
    async with connection.execute(
        "SELECT guid FROM feed_items WHERE feed_id = ? "
        f"AND guid IN {json_values(connection, kind='text')}",
        (feed_id, json.dumps(list(guids))),
    ) as cursor:
        return {str(row[0]) async for row in cursor}


async def mark_seen(
    connection: Connection,
    feed_id: int,
    items: Sequence[tuple[str, int | None]],
    *,
    seen_at: datetime,
) -> None:
    """Remember items (GUID and the article they became, if any) so they are not taken again.

    Every follower of the feed is given those articles, also ones another source stored first.
    """
    await connection.executemany(
        insert_ignoring(
            connection, "INTO feed_items (feed_id, guid, seen_at, article_id) VALUES (?, ?, ?, ?)"
        ),
        [(feed_id, guid, seen_at.isoformat(), article_id) for guid, article_id in items],
    )
    article_ids = sorted({article_id for _, article_id in items if article_id is not None})
    if article_ids:
        await connection.execute(
            insert_ignoring(
                connection,
                "INTO article_owners (article_id, owner_id) "
                f"SELECT a.value, f.owner_id FROM {json_table(connection)} AS a "
                "JOIN feed_followers f ON f.feed_id = ? "
                "WHERE EXISTS (SELECT 1 FROM articles WHERE id = a.value) "
                f"AND {NOT_RELEASED_SQL.format(article='a.value', owner='f.owner_id')}",
            ),
            (json.dumps(article_ids), feed_id),
        )


async def articles_by_url(connection: Connection, canonical_urls: Sequence[str]) -> dict[str, int]:
    """Stored article ids by canonical address, for links already in the store."""
    async with connection.execute(
        "SELECT coalesce(canonical_url, url), id FROM articles "
        f"WHERE coalesce(canonical_url, url) IN {json_values(connection, kind='text')}",
        (json.dumps(list(canonical_urls)),),
    ) as cursor:
        return {str(row[0]): int(row[1]) async for row in cursor}
