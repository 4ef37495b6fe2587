"""Versioned schema: each migration's SQL, applied in order, recorded in ``PRAGMA user_version``.

One list for both backends: a step's ``pg_sql`` is its PostgreSQL form (``bot.store.pg_schema``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiosqlite

from bot.store.cjk import cjk_bigrams, cjk_text
from bot.store.date_keys import DATE_KEY_COLUMN, DATE_KEY_SQL
from bot.store.digests import DIGEST_SCHEMA_SQL, DIGEST_V16_SQL
from bot.store.facets import FACETS_COLUMN, FACETS_SQL, RANK_WEIGHTS, TEXT_COLUMNS
from bot.store.feeds import FEEDS_SQL, FOLLOWERS_BACKFILL_SQL, FOLLOWERS_SQL
from bot.store.pg_schema import PG_BASELINE_SQL, PG_V19_SQL, PG_V20_SQL
from bot.store.removal import TOMBSTONE_ORIGIN_SQL, TOMBSTONES_SQL
from bot.store.rows import sentences_json
from bot.store.scoping import BACKFILL_SQL, OWNERS_SQL
from bot.store.stories import STORIES_SQL, STORIES_V18_SQL
from bot.store.tail_backfill import split_long_articles
from bot.store.tails import TAILS_SQL

Backfill = Callable[[aiosqlite.Connection], Awaitable[None]]


_V1_SQL = f"""
CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    title               TEXT NOT NULL,
    publisher           TEXT,
    original_publisher  TEXT,
    author              TEXT,
    url                 TEXT,
    canonical_url       TEXT,
    language            TEXT NOT NULL DEFAULT 'en',
    published_at        TEXT,
    published_precision TEXT NOT NULL DEFAULT 'unknown'
                        CHECK (published_precision IN ('day', 'month', 'year', 'unknown')),
    ingested_at         TEXT NOT NULL,
    dated_at            TEXT NOT NULL,
    body                TEXT NOT NULL,
    lead                TEXT NOT NULL,
    card                TEXT NOT NULL DEFAULT '[]',
    card_text           TEXT NOT NULL DEFAULT '',
    content_hash        TEXT NOT NULL,
    origin              TEXT
);
CREATE UNIQUE INDEX articles_by_url ON articles (coalesce(canonical_url, url))
    WHERE coalesce(canonical_url, url) IS NOT NULL;
CREATE UNIQUE INDEX articles_by_hash ON articles (content_hash);
CREATE INDEX articles_by_date ON articles (dated_at);
CREATE INDEX articles_by_publisher ON articles (publisher COLLATE NOCASE, dated_at);

CREATE TABLE sentences (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    paragraph  INTEGER NOT NULL,
    section    TEXT,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, lead, body, card_text,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts, rank)
    VALUES ('rank', 'bm25({", ".join(map(str, RANK_WEIGHTS))})');
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, 'row');
"""

# unicode61 keeps a run of CJK characters as one token, so CJK words get their own trigram index,
# holding only the CJK runs of each article (empty for English, so it stays small).
_V2_SQL = """
CREATE VIRTUAL TABLE articles_cjk USING fts5 (title, body, tokenize = 'trigram');
"""


# Search checks publisher and date for every full-text match: a narrow covering index avoids
# reading the wide article rows for that.
_V4_SQL = """
CREATE INDEX articles_filter ON articles (id, publisher COLLATE NOCASE, dated_at);
"""


# Bigrams instead of trigrams for CJK: two-character words (most Chinese words) become single
# index lookups instead of a scan of every CJK text, and phrases of bigrams match longer words.
_V7_SQL = """
CREATE VIRTUAL TABLE articles_cjk_bigrams USING fts5 (title, body, tokenize = 'unicode61');
DROP TABLE articles_cjk;
"""


# FTS5 flushes its in-memory term table to a new index segment whenever it outgrows ``hashsize``
# (1 MB by default), several times per 500-article batch; one flush per batch means fewer, bigger
# segments and less merging: about a fifth less index time per article.
FTS_HASH_BYTES = 16 * 1024 * 1024
_V8_SQL = f"""
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', {FTS_HASH_BYTES:d});
INSERT INTO articles_cjk_bigrams (articles_cjk_bigrams, rank) VALUES ('hashsize', {FTS_HASH_BYTES:d});
"""


# Filter tokens (``bot.store.facets``) join the word index as a fifth, zero-weight column; the
# index is rebuilt from the stored rows, and the vocabulary view follows the new table.
FTS_WEIGHTS = (*RANK_WEIGHTS, 0.0)


def _word_index_sql(content_rowid: str, *, optimize: bool) -> str:
    """Statements that drop the word index and its vocabulary view and rebuild them from rows."""
    return f"""
DROP TABLE articles_vocab;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    {", ".join(TEXT_COLUMNS)}, {FACETS_COLUMN},
    content = 'articles', content_rowid = '{content_rowid}',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts, rank)
    VALUES ('rank', 'bm25({", ".join(map(str, FTS_WEIGHTS))})');
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', {FTS_HASH_BYTES:d});
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
{"INSERT INTO articles_fts (articles_fts) VALUES ('optimize');" if optimize else ""}
CREATE VIRTUAL TABLE articles_vocab USING fts5vocab (articles_fts, 'row');
"""


_V9_SQL = f"""
ALTER TABLE articles ADD COLUMN {FACETS_COLUMN} TEXT GENERATED ALWAYS AS ({FACETS_SQL}) VIRTUAL;
{_word_index_sql("id", optimize=False)}"""


# Sentences are only ever read whole, per article: one JSON row per article instead of one row per
# sentence makes storing them about twenty times cheaper (a fifth of the writer's time at ingest).
_V10_SQL = """
ALTER TABLE sentences RENAME TO sentences_v9;
CREATE TABLE sentences (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    items      TEXT NOT NULL
);
"""


# The word index is re-keyed by date (``bot.store.date_keys``) and rebuilt from the stored rows.
_V11_SQL = f"""
ALTER TABLE articles ADD COLUMN {DATE_KEY_COLUMN} INTEGER
    GENERATED ALWAYS AS ({DATE_KEY_SQL}) VIRTUAL;
CREATE UNIQUE INDEX articles_by_date_key ON articles ({DATE_KEY_COLUMN});
{_word_index_sql(DATE_KEY_COLUMN, optimize=True)}"""


# The CJK index gets the same date keys, so both indexes agree on "newest" and seek to date ranges.
_V12_SQL = f"""
ALTER TABLE articles_cjk_bigrams RENAME TO articles_cjk_bigrams_v11;
CREATE VIRTUAL TABLE articles_cjk_bigrams USING fts5 (title, body, tokenize = 'unicode61');
INSERT INTO articles_cjk_bigrams (articles_cjk_bigrams, rank) VALUES ('hashsize', {FTS_HASH_BYTES:d});
INSERT INTO articles_cjk_bigrams (rowid, title, body)
    SELECT a.{DATE_KEY_COLUMN}, c.title, c.body
    FROM articles_cjk_bigrams_v11 c JOIN articles a ON a.id = c.rowid
    ORDER BY a.{DATE_KEY_COLUMN};
DROP TABLE articles_cjk_bigrams_v11;
"""


# Per-server libraries: who holds each article and who follows each feed. What was stored
# before belongs to the shared library; the instance vocabulary counts terms within a scope.
_V17_SQL = f"""{OWNERS_SQL}{BACKFILL_SQL}
{FOLLOWERS_SQL}{FOLLOWERS_BACKFILL_SQL}
CREATE VIRTUAL TABLE articles_vocab_instances USING fts5vocab (articles_fts, 'instance');
"""


_PACK_ROWS = 1000


async def _pack_sentences(connection: aiosqlite.Connection) -> None:
    insert = "INSERT INTO sentences (article_id, items) VALUES (?, ?)"
    packed: list[tuple[int, str]] = []
    current: int | None = None
    items: list[list[Any]] = []
    query = (
        "SELECT article_id, position, paragraph, section, text FROM sentences_v9 "
        "ORDER BY article_id, position"
    )
    async with connection.execute(query) as cursor:
        async for article_id, position, paragraph, section, text in cursor:
            if article_id != current:
                if current is not None:
                    packed.append((current, sentences_json(items)))
                current, items = article_id, []
                if len(packed) >= _PACK_ROWS:  # a big store's sentences never sit in memory
                    await connection.executemany(insert, packed)
                    packed = []
            items.append([position, paragraph, section, text])
    if current is not None:
        packed.append((current, sentences_json(items)))
    await connection.executemany(insert, packed)
    await connection.execute("DROP TABLE sentences_v9")


async def _backfill_cjk_bigrams(connection: aiosqlite.Connection) -> None:
    async with connection.execute("SELECT id, title, body, card_text FROM articles") as cursor:
        rows = [
            (row[0], cjk_bigrams(row[1]), cjk_bigrams(row[2] + "\n" + row[3]))
            async for row in cursor
        ]
    await connection.executemany(
        "INSERT INTO articles_cjk_bigrams (rowid, title, body) VALUES (?, ?, ?)",
        [row for row in rows if row[1] or row[2]],
    )


async def _backfill_cjk(connection: aiosqlite.Connection) -> None:
    async with connection.execute("SELECT id, title, body, card_text FROM articles") as cursor:
        rows = [
            (row[0], cjk_text(row[1]), cjk_text(row[2] + "\n" + row[3])) async for row in cursor
        ]
    await connection.executemany(
        "INSERT INTO articles_cjk (rowid, title, body) VALUES (?, ?, ?)",
        [row for row in rows if row[1] or row[2]],
    )


_PRECISIONS_V1 = "IN ('day', 'month', 'year', 'unknown')"
_PRECISIONS_V3 = "IN ('day', 'week', 'month', 'year', 'unknown')"


async def _allow_week_precision(connection: aiosqlite.Connection) -> None:
    # SQLite cannot ALTER a CHECK constraint; loosening one leaves the stored rows valid, so the
    # documented writable_schema procedure applies and avoids rebuilding (and cascading) the table.
    async with connection.execute("PRAGMA schema_version") as cursor:
        row = await cursor.fetchone()
    schema_version = int(row[0]) if row is not None else 0
    await connection.execute("PRAGMA writable_schema = ON")
    await connection.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'articles'",
        (_PRECISIONS_V1, _PRECISIONS_V3),
    )
    await connection.execute(f"PRAGMA schema_version = {schema_version + 1:d}")
    await connection.execute("PRAGMA writable_schema = OFF")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: the version it produces, its SQL, and an optional data backfill.

    ``pg_sql`` is the step on PostgreSQL (``bot.store.pg_database``): steps up to
    ``PG_BASELINE_VERSION`` have none (the baseline holds them all), every later step needs one.
    """

    version: int
    sql: str
    backfill: Backfill | None = None
    pg_sql: str | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, _V1_SQL),
    Migration(2, _V2_SQL, _backfill_cjk),
    Migration(3, "", _allow_week_precision),
    Migration(4, _V4_SQL),
    Migration(5, FEEDS_SQL),
    Migration(6, DIGEST_SCHEMA_SQL),
    Migration(7, _V7_SQL, _backfill_cjk_bigrams),
    Migration(8, _V8_SQL),
    Migration(9, _V9_SQL),
    Migration(10, _V10_SQL, _pack_sentences),
    Migration(11, _V11_SQL),
    Migration(12, _V12_SQL),
    Migration(13, TOMBSTONES_SQL),
    Migration(14, STORIES_SQL),
    # Long articles keep their head in their rows and the rest in a tail (``bot.store.tails``).
    Migration(15, TAILS_SQL, split_long_articles),
    Migration(16, DIGEST_V16_SQL),
    # PostgreSQL starts here: one baseline schema equal to SQLite's after this step.
    Migration(17, _V17_SQL, pg_sql=PG_BASELINE_SQL),
    Migration(18, STORIES_V18_SQL, pg_sql=STORIES_V18_SQL),
    # PostgreSQL only: date indexes that end with the id, and lz4 for long texts (SQLite's
    # indexes already hold the rowid).
    Migration(19, "", pg_sql=PG_V19_SQL),
    # PostgreSQL only: row lengths and corpus statistics for bm25 (FTS5 keeps its own).
    Migration(20, "", pg_sql=PG_V20_SQL),
    # Tombstones keep the removed article's origin (its file), on both backends.
    Migration(21, TOMBSTONE_ORIGIN_SQL, pg_sql=TOMBSTONE_ORIGIN_SQL),
)
PG_BASELINE_VERSION = 17
SCHEMA_VERSION = MIGRATIONS[-1].version
