"""SQL that keeps a read inside a scope: which owners (library, servers) hold each article."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.store.dialect import Connection, insert_ignoring, json_table, json_values, upsert

OWNERS_SQL = """
CREATE TABLE article_owners (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    owner_id   INTEGER NOT NULL,
    PRIMARY KEY (article_id, owner_id)
) WITHOUT ROWID;
CREATE INDEX article_owners_by_owner ON article_owners (owner_id, article_id);
CREATE TABLE article_releases (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    owner_id    INTEGER NOT NULL,
    released_at TEXT NOT NULL,
    PRIMARY KEY (article_id, owner_id)
) WITHOUT ROWID;
"""

# A server that let go of an article is not given it again by a feed or a repeat: only by hand.
NOT_RELEASED_SQL = (
    "NOT EXISTS (SELECT 1 FROM article_releases r WHERE r.article_id = {article} "
    "AND r.owner_id = {owner})"
)

# Migration: every article stored before servers had their own belongs to the shared library.
BACKFILL_SQL = "INSERT INTO article_owners (article_id, owner_id) SELECT id, 0 FROM articles;"


def visible_sql(article_id: str, visible: Sequence[int] | None) -> tuple[str, list[Any]]:
    """An ``AND EXISTS`` condition keeping articles (id expression ``article_id``) in scope.

    ``visible`` ``None`` means unscoped (operator maintenance, background work): no condition.
    """
    if visible is None:
        return "", []
    marks = ", ".join("?" for _ in visible)
    return (
        f" AND EXISTS (SELECT 1 FROM article_owners o WHERE o.article_id = {article_id} "
        f"AND o.owner_id IN ({marks}))",
        list(visible),
    )


async def add_owners(
    connection: Connection,
    article_ids: Sequence[int],
    owners: Sequence[int],
    *,
    by_hand: bool = False,
) -> None:
    """File these articles under these owners too (already filed pairs are kept as they are).

    An owner that released an article gets it back only ``by_hand`` (an ingest given by hand).
    """
    ids, holders = list(dict.fromkeys(article_ids)), list(dict.fromkeys(owners))
    if not ids or not holders:
        return
    # One statement for the whole batch (every article with every owner), not one per pair: a
    # 500-article feed batch was 500 round trips and statements on the writer.
    listed = (json.dumps(ids), json.dumps(holders))
    pairs = f"{json_table(connection, '?1')} AS a CROSS JOIN {json_table(connection, '?2')} AS o"
    if by_hand:
        await connection.execute(
            f"DELETE FROM article_releases WHERE article_id IN {json_values(connection, '?1')} "
            f"AND owner_id IN {json_values(connection, '?2')}",
            listed,
        )
    condition = NOT_RELEASED_SQL.format(article="a.value", owner="o.value")
    await connection.execute(
        insert_ignoring(
            connection,
            "INTO article_owners (article_id, owner_id) "
            f"SELECT a.value, o.value FROM {pairs} WHERE {condition}",
        ),
        listed,
    )


async def owners_of(connection: Connection, article_ids: Sequence[int]) -> dict[int, set[int]]:
    """The owner ids of each of these articles (library 0, servers by id)."""
    owners: dict[int, set[int]] = {}
    async with connection.execute(
        "SELECT article_id, owner_id FROM article_owners "
        f"WHERE article_id IN {json_values(connection)}",
        (json.dumps(list(article_ids)),),
    ) as cursor:
        async for article_id, owner_id in cursor:
            owners.setdefault(int(article_id), set()).add(int(owner_id))
    return owners


async def drop_owner(
    connection: Connection, article_ids: Sequence[int], owner: int, *, released_at: str
) -> None:
    """Take these articles out of one owner's holdings (the articles themselves stay).

    The release is remembered, so a feed serving the article again does not bring it back.
    """
    wanted = json.dumps(list(article_ids))
    await connection.execute(
        f"DELETE FROM article_owners WHERE owner_id = ? AND article_id IN {json_values(connection)}",
        (owner, wanted),
    )
    await connection.execute(
        upsert(
            connection,
            "INTO article_releases (article_id, owner_id, released_at) "
            f"SELECT listed.value, ?, ? FROM {json_table(connection)} AS listed",
            "article_id, owner_id",
            "released_at",
        ),
        (owner, released_at, wanted),
    )
