"""Migration 15's backfill: long articles stored whole are cut into head and tail, and re-indexed."""

from __future__ import annotations

import json

import aiosqlite

from bot.store.cjk import cjk_bigrams
from bot.store.date_keys import DATE_KEY_COLUMN
from bot.store.facets import FACETS_COLUMN, TEXT_COLUMNS
from bot.store.preparation import lead_of
from bot.store.rows import sentences_json
from bot.store.tails import STORED_BODY_CHARS, STORED_SENTENCES, TAIL_INSERT, split_article

_FTS_COLUMNS = ", ".join((*TEXT_COLUMNS, FACETS_COLUMN))
# An item is at least `[0,0,null,""]` and a comma: shorter JSON cannot hold too many sentences.
_MIN_ITEM_CHARS = 14
_LONG = """
SELECT a.id FROM articles a LEFT JOIN sentences s ON s.article_id = a.id
WHERE length(a.body) > ?
   OR (length(s.items) > ? AND json_array_length(s.items) > ?)
"""


async def split_long_articles(connection: aiosqlite.Connection) -> None:
    """Move what lies beyond each long article's head to its tail row; index only the head."""
    params = (STORED_BODY_CHARS, STORED_SENTENCES * _MIN_ITEM_CHARS, STORED_SENTENCES)
    async with connection.execute(_LONG, params) as cursor:
        ids = [int(row[0]) async for row in cursor]
    for article_id in ids:  # one at a time: each may be many megabytes
        await _split(connection, article_id)


async def _split(connection: aiosqlite.Connection, article_id: int) -> None:
    # An external-content FTS5 index forgets a row only when told its exact indexed values.
    await connection.execute(
        f"INSERT INTO articles_fts (articles_fts, rowid, {_FTS_COLUMNS}) "
        f"SELECT 'delete', {DATE_KEY_COLUMN}, {_FTS_COLUMNS} FROM articles WHERE id = ?",
        (article_id,),
    )
    query = (
        f"SELECT a.{DATE_KEY_COLUMN}, a.title, a.body, a.card_text, coalesce(s.items, '[]') "
        "FROM articles a LEFT JOIN sentences s ON s.article_id = a.id WHERE a.id = ?"
    )
    async with connection.execute(query, (article_id,)) as cursor:
        row = await cursor.fetchone()
    assert row is not None  # the id was just listed, in the same transaction
    key, title, body, card_text, items = row
    split = split_article(body, json.loads(items))
    await connection.execute(
        "UPDATE articles SET body = ?, lead = ? WHERE id = ?",
        (split.body, lead_of(split.body), article_id),
    )
    await connection.execute(
        "INSERT OR REPLACE INTO sentences (article_id, items) VALUES (?, ?)",
        (article_id, sentences_json(split.items)),
    )
    await connection.execute(
        TAIL_INSERT, (article_id, split.tail_body, sentences_json(split.tail_items))
    )
    await connection.execute(
        f"INSERT INTO articles_fts (rowid, {_FTS_COLUMNS}) "
        f"SELECT {DATE_KEY_COLUMN}, {_FTS_COLUMNS} FROM articles WHERE id = ?",
        (article_id,),
    )
    await connection.execute("DELETE FROM articles_cjk_bigrams WHERE rowid = ?", (key,))
    cjk_title, cjk_body = cjk_bigrams(title), cjk_bigrams(split.body + "\n" + card_text)
    if cjk_title or cjk_body:
        await connection.execute(
            "INSERT INTO articles_cjk_bigrams (rowid, title, body) VALUES (?, ?, ?)",
            (key, cjk_title, cjk_body),
        )
