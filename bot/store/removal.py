"""Taking articles out of the store: rows, sentences and both full-text indexes, leaving tombstones.

A tombstone keeps the removed article's address and content hash, so a feed that serves it again
does not bring it back (``bot.store.writing`` skips it); only an ingest by hand clears it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from bot.core.removals import Tombstone
from bot.store.date_keys import DATE_KEY_COLUMN
from bot.store.dialect import Connection, is_pg, json_values
from bot.store.facets import FACETS_COLUMN, TEXT_COLUMNS
from bot.store.rows import at_from_iso, iso_at
from bot.store.transactions import immediate_transaction

TOMBSTONES_SQL = """
CREATE TABLE removed_articles (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL,
    title        TEXT NOT NULL,
    url          TEXT,
    url_key      TEXT,
    content_hash TEXT NOT NULL,
    removed_at   TEXT NOT NULL,
    removed_by   TEXT NOT NULL
);
CREATE INDEX removed_articles_by_url ON removed_articles (url_key) WHERE url_key IS NOT NULL;
CREATE INDEX removed_articles_by_hash ON removed_articles (content_hash);
CREATE INDEX removed_articles_by_address ON removed_articles (url) WHERE url IS NOT NULL;
"""
# Schema 21, both backends: the file an article was ingested from, so ``briefbot removed`` can
# say what to ingest to bring back an article that had no link.
TOMBSTONE_ORIGIN_SQL = "ALTER TABLE removed_articles ADD COLUMN origin TEXT;"

_FTS_COLUMNS = ", ".join((*TEXT_COLUMNS, FACETS_COLUMN))
_WANTED = "(SELECT value FROM json_each(?))"
# An external-content FTS5 index forgets a row only when told its exact indexed values.
# (PostgreSQL's index is a column of the row, and its bigram rows go by cascade.)
_FTS_DELETE = f"""
INSERT INTO articles_fts (articles_fts, rowid, {_FTS_COLUMNS})
SELECT 'delete', {DATE_KEY_COLUMN}, {_FTS_COLUMNS} FROM articles WHERE id IN {_WANTED}
"""
_CJK_DELETE = f"""
DELETE FROM articles_cjk_bigrams
WHERE rowid IN (SELECT {DATE_KEY_COLUMN} FROM articles WHERE id IN {_WANTED})
"""
_TOMBSTONE_COLUMNS = "article_id, title, url_key, content_hash, removed_at, removed_by, origin"


def _tombstone(row: Sequence[object]) -> Tombstone:
    removed_at = at_from_iso(str(row[4]))
    assert removed_at is not None  # the column is NOT NULL
    return Tombstone(
        int(str(row[0])),
        str(row[1]),
        None if row[2] is None else str(row[2]),
        str(row[3]),
        removed_at,
        str(row[5]),
        None if row[6] is None else str(row[6]),
    )


async def remove_articles(
    connection: Connection, ids: Sequence[int], *, removed_at: datetime, removed_by: str
) -> list[Tombstone]:
    """Remove these articles in one transaction; their tombstones, in the order asked.

    Ids that match no article are left out of the answer.
    """
    wanted = json.dumps(list(dict.fromkeys(ids)))
    listed = json_values(connection)
    async with immediate_transaction(connection):
        async with connection.execute(
            "SELECT id, title, url, coalesce(canonical_url, url), content_hash, origin FROM articles "
            f"WHERE id IN {listed}",
            (wanted,),
        ) as cursor:
            rows = {int(row[0]): row async for row in cursor}
        if not rows:
            return []
        if not is_pg(connection):
            await connection.execute(_FTS_DELETE, (wanted,))
            await connection.execute(_CJK_DELETE, (wanted,))
        # Sentences go by cascade; feed items keep their GUID (so they stay seen), not the id.
        await connection.execute(f"DELETE FROM articles WHERE id IN {listed}", (wanted,))
        removed_text = iso_at(removed_at)
        await connection.executemany(
            "INSERT INTO removed_articles (article_id, title, url, url_key, content_hash, "
            "removed_at, removed_by, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (i, row[1], row[2], row[3], row[4], removed_text, removed_by, row[5])
                for i, row in rows.items()
            ],
        )
    return [
        Tombstone(i, str(r[1]), r[3], str(r[4]), removed_at, removed_by, r[5])
        for i in dict.fromkeys(ids)
        if (r := rows.get(i)) is not None
    ]


async def find_tombstones(
    connection: Connection, url_keys: Sequence[str], hashes: Sequence[str] = ()
) -> list[Tombstone]:
    """Tombstones of removed articles with any of these addresses or content hashes."""
    texts = json_values(connection, kind="text")
    async with connection.execute(
        f"SELECT {_TOMBSTONE_COLUMNS} FROM removed_articles "
        f"WHERE url_key IN {texts} OR url IN {texts} OR content_hash IN {texts} "
        "ORDER BY id",
        (json.dumps(list(url_keys)), json.dumps(list(url_keys)), json.dumps(list(hashes))),
    ) as cursor:
        return [_tombstone(row) async for row in cursor]


async def list_tombstones(connection: Connection, *, limit: int = 50) -> list[Tombstone]:
    """The latest removals, newest first."""
    async with connection.execute(
        f"SELECT {_TOMBSTONE_COLUMNS} FROM removed_articles ORDER BY id DESC LIMIT ?", (limit,)
    ) as cursor:
        return [_tombstone(row) async for row in cursor]
