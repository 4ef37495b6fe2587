"""Reading articles back: by id, newest first, per publisher, and counts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.core.brief.budget import MAX_BODY_CHARS, MAX_SENTENCE_JSON_CHARS, MAX_SENTENCES
from bot.core.models import Article, Sentence
from bot.store.dialect import Connection, always, json_values, nocase
from bot.store.rows import article_columns, article_from_row, iso_at, sentences_from_json
from bot.store.scoping import visible_sql
from bot.store.tails import tail_sentences


async def get_articles(
    connection: Connection,
    ids: Sequence[int],
    *,
    with_sentences: bool = True,
    heads: bool = False,
    visible: Sequence[int] | None = None,
) -> list[Article]:
    """The articles with these ids, in the order asked, skipping ids that do not exist.

    ``visible``: only articles of these owners (``bot.store.scoping``); others count as absent.

    ``heads`` reads only what a brief considers of each (``bot.core.brief.budget``): the body's
    and the sentences' openings, so a huge article costs no more than a long one.
    """
    if not ids:
        return []
    wanted = json.dumps(list(ids))
    columns = article_columns(body_chars=MAX_BODY_CHARS if heads else None)
    scope_sql, scope_params = visible_sql("articles.id", visible)
    query = f"SELECT {columns} FROM articles WHERE id IN {json_values(connection)} {scope_sql}"
    async with connection.execute(query, (wanted, *scope_params)) as cursor:
        rows = {row[0]: row async for row in cursor}
    sentences: dict[int, tuple[Sentence, ...]] = {}
    if with_sentences and rows:
        items_sql = f"substr(items, 1, {MAX_SENTENCE_JSON_CHARS:d})" if heads else "items"
        limit = MAX_SENTENCES if heads else None
        query = f"""
            SELECT article_id, {items_sql} FROM sentences
            WHERE article_id IN {json_values(connection)}
        """
        async with connection.execute(query, (json.dumps(list(rows)),)) as cursor:
            async for article_id, items in cursor:
                sentences[article_id] = sentences_from_json(article_id, items, limit=limit)
        if not heads:  # a head never reaches its tail: STORED_SENTENCES > MAX_SENTENCES
            for article_id, items in (await tail_sentences(connection, list(rows))).items():
                sentences[article_id] += sentences_from_json(article_id, items)
    return [
        article_from_row(rows[i], sentences.get(i, ())) for i in dict.fromkeys(ids) if i in rows
    ]


def date_filters(
    connection: Connection,
    publisher: str | None,
    since_at: datetime | None,
    until_at: datetime | None,
    *,
    alias: str,
) -> tuple[str, list[Any]]:
    """SQL conditions (joined with AND, each starting with AND) for publisher and date range."""
    sql = ""
    params: list[Any] = []
    if publisher is not None:
        sql += f" AND {nocase(connection, alias + '.publisher')} = {nocase(connection, '?')}"
        params.append(publisher)
    if since_at is not None:
        sql += f" AND {alias}.dated_at >= ?"
        params.append(iso_at(since_at))
    if until_at is not None:
        sql += f" AND {alias}.dated_at < ?"
        params.append(iso_at(until_at))
    return sql, params


async def list_articles(
    connection: Connection,
    *,
    limit: int,
    offset: int,
    publisher: str | None,
    since_at: datetime | None,
    until_at: datetime | None,
    heads: bool = False,
    language: str | None = None,
    visible: Sequence[int] | None = None,
) -> list[Article]:
    """Articles newest first (publication date, else ingest time), without their sentences.

    ``heads`` reads only the opening of each body (``bot.core.brief.budget``); ``language``
    keeps only articles stored with that code; ``visible`` keeps the articles of these owners.
    """
    conditions, params = date_filters(connection, publisher, since_at, until_at, alias="a")
    if language is not None:
        conditions += " AND a.language = ?"
        params.append(language)
    scope_sql, scope_params = visible_sql("a.id", visible)
    conditions, params = conditions + scope_sql, params + scope_params
    columns = article_columns("a", body_chars=MAX_BODY_CHARS if heads else None)
    query = f"""
        SELECT {columns} FROM articles a WHERE {always(connection)} {conditions}
        ORDER BY a.dated_at DESC, a.id DESC LIMIT ? OFFSET ?
    """
    async with connection.execute(query, (*params, limit, offset)) as cursor:
        return [article_from_row(row) async for row in cursor]


async def count_articles(connection: Connection, visible: Sequence[int] | None = None) -> int:
    """How many articles are stored (of these owners, when ``visible`` is given)."""
    if visible is None:
        query, params = "SELECT count(*) FROM articles", []
    else:
        marks = ", ".join("?" for _ in visible)
        query = f"SELECT count(DISTINCT article_id) FROM article_owners WHERE owner_id IN ({marks})"
        params = list(visible)
    async with connection.execute(query, params) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def publishers(
    connection: Connection, visible: Sequence[int] | None = None
) -> list[tuple[str, int]]:
    """Each publisher (ignoring case) with its article count, largest first."""
    scope_sql, params = visible_sql("articles.id", visible)
    query = f"""
        SELECT min(publisher), count(*) AS n FROM articles WHERE publisher IS NOT NULL {scope_sql}
        GROUP BY {nocase(connection, "publisher")} ORDER BY n DESC, 1
    """
    async with connection.execute(query, params) as cursor:
        return [(str(name), int(n)) async for name, n in cursor]
