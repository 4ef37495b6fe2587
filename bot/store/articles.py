"""Writing articles (deduplicated, one transaction per batch) and reading them back."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import aiosqlite

from bot.core.models import Article, ArticleDraft, Sentence
from bot.core.text import content_hash, sentences_of, split_paragraphs
from bot.store.cjk import cjk_text
from bot.store.errors import StoreWriteError
from bot.store.rows import (
    article_columns,
    article_from_row,
    card_json,
    card_plain_text,
    iso_at,
    sentence_from_row,
)


class AddStatus(StrEnum):
    """What became of one draft handed to ``add_articles``."""

    ADDED = "added"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome for draft ``draft_index``: its new id, or the id of the article it repeats."""

    draft_index: int
    status: AddStatus
    article_id: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Identity:
    url_key: str | None
    content_hash: str


def _identify(drafts: Sequence[ArticleDraft]) -> list[_Identity]:
    return [
        _Identity(d.canonical_url or d.url or None, content_hash(d.body, d.card)) for d in drafts
    ]


_INSERT_ARTICLE = """
INSERT INTO articles (id, title, publisher, original_publisher, author, url, canonical_url,
    language, published_at, published_precision, ingested_at, dated_at, body, lead, card,
    card_text, content_hash, origin)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_SENTENCE = (
    "INSERT INTO sentences (article_id, position, paragraph, section, text) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_FTS = """
INSERT INTO articles_fts (rowid, title, lead, body, card_text)
SELECT id, title, lead, body, card_text FROM articles WHERE id BETWEEN ? AND ?
"""
_INSERT_CJK = "INSERT INTO articles_cjk (rowid, title, body) VALUES (?, ?, ?)"


@dataclass(slots=True)
class _Rows:
    articles: list[tuple[Any, ...]]
    sentences: list[tuple[Any, ...]]
    cjk: list[tuple[int, str, str]]


def _rows_for(fresh: Sequence[tuple[int, ArticleDraft, _Identity]], ingested_text: str) -> _Rows:
    rows = _Rows([], [], [])
    for article_id, draft, identity in fresh:
        published_text = None if draft.published_at is None else iso_at(draft.published_at)
        paragraphs = split_paragraphs(draft.body)
        card_text = card_plain_text(draft.card)
        rows.articles.append(
            (
                article_id,
                draft.title,
                draft.publisher,
                draft.original_publisher,
                draft.author,
                draft.url or None,
                draft.canonical_url or None,
                draft.language,
                published_text,
                draft.published_precision.value,
                ingested_text,
                published_text or ingested_text,
                draft.body,
                paragraphs[0] if paragraphs else "",
                card_json(draft.card),
                card_text,
                identity.content_hash,
                draft.origin,
            )
        )
        rows.sentences.extend(
            (s.article_id, s.position, s.paragraph, s.section and s.section.value, s.text)
            for s in sentences_of(article_id, draft)
        )
        title_cjk = cjk_text(draft.title)
        body_cjk = cjk_text(draft.body + "\n" + card_text)
        if title_cjk or body_cjk:
            rows.cjk.append((article_id, title_cjk, body_cjk))
    return rows


async def _existing(
    connection: aiosqlite.Connection, identities: Sequence[_Identity]
) -> tuple[dict[str, int], dict[str, int]]:
    urls = json.dumps(sorted({i.url_key for i in identities if i.url_key is not None}))
    hashes = json.dumps(sorted({i.content_hash for i in identities}))
    by_url: dict[str, int] = {}
    by_hash: dict[str, int] = {}
    query = """
        SELECT id, coalesce(canonical_url, url), content_hash FROM articles
        WHERE coalesce(canonical_url, url) IN (SELECT value FROM json_each(?))
        UNION ALL
        SELECT id, coalesce(canonical_url, url), content_hash FROM articles
        WHERE content_hash IN (SELECT value FROM json_each(?))
    """
    async with connection.execute(query, (urls, hashes)) as cursor:
        async for article_id, url_key, hash_ in cursor:
            if url_key is not None:
                by_url.setdefault(url_key, article_id)
            by_hash.setdefault(hash_, article_id)
    return by_url, by_hash


async def _next_id(connection: aiosqlite.Connection) -> int:
    async with connection.execute("SELECT coalesce(max(id), 0) + 1 FROM articles") as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def add_articles(
    connection: aiosqlite.Connection,
    drafts: Sequence[ArticleDraft],
    *,
    ingested_at: datetime,
) -> list[AddResult]:
    """Store new drafts in one transaction; a repeated URL or content becomes a DUPLICATE result."""
    if not drafts:
        return []
    ingested_text = iso_at(ingested_at)
    identities = await asyncio.to_thread(_identify, drafts)
    await connection.execute("BEGIN IMMEDIATE")
    try:
        by_url, by_hash = await _existing(connection, identities)
        next_id = await _next_id(connection)
        first_id = next_id
        results: list[AddResult] = []
        fresh: list[tuple[int, ArticleDraft, _Identity]] = []
        for index, (draft, identity) in enumerate(zip(drafts, identities, strict=True)):
            same_url = by_url.get(identity.url_key) if identity.url_key is not None else None
            if same_url is not None:
                reason = f"same URL as article {same_url}"
                results.append(AddResult(index, AddStatus.DUPLICATE, same_url, reason))
                continue
            same_content = by_hash.get(identity.content_hash)
            if same_content is not None:
                reason = f"same content as article {same_content}"
                results.append(AddResult(index, AddStatus.DUPLICATE, same_content, reason))
                continue
            fresh.append((next_id, draft, identity))
            results.append(AddResult(index, AddStatus.ADDED, next_id))
            if identity.url_key is not None:
                by_url[identity.url_key] = next_id
            by_hash[identity.content_hash] = next_id
            next_id += 1
        if fresh:
            rows = await asyncio.to_thread(_rows_for, fresh, ingested_text)
            await connection.executemany(_INSERT_ARTICLE, rows.articles)
            await connection.executemany(_INSERT_SENTENCE, rows.sentences)
            await connection.execute(_INSERT_FTS, (first_id, next_id - 1))
            if rows.cjk:
                await connection.executemany(_INSERT_CJK, rows.cjk)
        await connection.execute("COMMIT")
    except BaseException as error:
        await connection.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise StoreWriteError(
                f"Could not store a batch of {len(drafts)} articles ({error}); "
                "none of them was kept."
            ) from error
        raise
    return results


async def get_articles(
    connection: aiosqlite.Connection, ids: Sequence[int], *, with_sentences: bool = True
) -> list[Article]:
    """The articles with these ids, in the order asked, skipping ids that do not exist."""
    if not ids:
        return []
    wanted = json.dumps(list(ids))
    query = f"SELECT {article_columns()} FROM articles WHERE id IN (SELECT value FROM json_each(?))"
    async with connection.execute(query, (wanted,)) as cursor:
        rows = {row[0]: row async for row in cursor}
    sentences: dict[int, list[Sentence]] = {}
    if with_sentences and rows:
        query = """
            SELECT article_id, position, paragraph, section, text FROM sentences
            WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, position
        """
        async with connection.execute(query, (json.dumps(list(rows)),)) as cursor:
            async for row in cursor:
                sentences.setdefault(row[0], []).append(sentence_from_row(row))
    return [
        article_from_row(rows[i], tuple(sentences.get(i, ())))
        for i in dict.fromkeys(ids)
        if i in rows
    ]


def date_filters(
    publisher: str | None, since_at: datetime | None, until_at: datetime | None, *, alias: str
) -> tuple[str, list[Any]]:
    """SQL conditions (joined with AND, each starting with AND) for publisher and date range."""
    sql = ""
    params: list[Any] = []
    if publisher is not None:
        sql += f" AND {alias}.publisher = ? COLLATE NOCASE"
        params.append(publisher)
    if since_at is not None:
        sql += f" AND {alias}.dated_at >= ?"
        params.append(iso_at(since_at))
    if until_at is not None:
        sql += f" AND {alias}.dated_at < ?"
        params.append(iso_at(until_at))
    return sql, params


async def list_articles(
    connection: aiosqlite.Connection,
    *,
    limit: int,
    offset: int,
    publisher: str | None,
    since_at: datetime | None,
    until_at: datetime | None,
) -> list[Article]:
    """Articles newest first (publication date, else ingest time), without their sentences."""
    conditions, params = date_filters(publisher, since_at, until_at, alias="a")
    query = f"""
        SELECT {article_columns("a")} FROM articles a WHERE 1 {conditions}
        ORDER BY a.dated_at DESC, a.id DESC LIMIT ? OFFSET ?
    """
    async with connection.execute(query, (*params, limit, offset)) as cursor:
        return [article_from_row(row) async for row in cursor]


async def count_articles(connection: aiosqlite.Connection) -> int:
    """How many articles are stored."""
    async with connection.execute("SELECT count(*) FROM articles") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def publishers(connection: aiosqlite.Connection) -> list[tuple[str, int]]:
    """Each publisher (ignoring case) with its article count, largest first."""
    query = """
        SELECT min(publisher), count(*) AS n FROM articles WHERE publisher IS NOT NULL
        GROUP BY publisher COLLATE NOCASE ORDER BY n DESC, 1
    """
    async with connection.execute(query) as cursor:
        return [(str(name), int(n)) async for name, n in cursor]
