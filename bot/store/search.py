"""Ranked full-text search: bm25 over the porter index, plus a bigram index for CJK words."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.core.cjk import bigrams_of
from bot.core.models import SearchHit
from bot.core.snippets import MAX_SCANNED, Snippets
from bot.store import pg_search
from bot.store.articles import date_filters, get_articles
from bot.store.date_keys import article_id_sql, key_bounds
from bot.store.dialect import Connection, is_pg
from bot.store.facets import filtered, text_only
from bot.store.migrations import FTS_WEIGHTS
from bot.store.query import parse_terms, quote_phrase
from bot.store.rows import article_columns, article_from_row, card_plain_text
from bot.store.scoping import visible_sql

MARK_START = "«"
MARK_END = "»"
ELLIPSIS = "…"
SNIPPET_TOKENS = 24
_CJK_SNIPPET_BEFORE = 30
_CJK_SNIPPET_AFTER = 60
# Matches beyond this many (newest published first) are not ranked: see ``_search_words``.
MAX_RANKED = 2000
MAX_CJK_RANKED = 1000
# A scoped vocabulary checks this many times the terms it returns against the scope.
_SCOPED_VOCABULARY_FACTOR = 3
# Explicit weights: FTS5 evaluates a configured ``rank`` with arguments through extra SQL per row.
_BM25 = f"bm25(articles_fts, {', '.join(map(str, FTS_WEIGHTS))})"
_CJK_BM25 = "bm25(articles_cjk_bigrams, 10.0, 1.0)"


async def search(
    connection: Connection,
    terms: Sequence[str],
    *,
    publisher: str | None = None,
    since_at: datetime | None = None,
    until_at: datetime | None = None,
    limit: int = 20,
    language: str | None = None,
    snippets: bool = True,
    visible: Sequence[int] | None = None,
) -> list[SearchHit]:
    """Articles matching any term, best first; score is -bm25 (word index or CJK bigram index).

    Only the ``MAX_RANKED`` most recently published matches of a query (``MAX_CJK_RANKED`` for
    CJK words) are ranked, which bounds latency for very common words.
    ``since_at`` is inclusive, ``until_at`` exclusive, both on the publication date (else the
    ingest time). ``language`` keeps only articles stored with that code ("fr"); ``visible``
    only those of these owners (``bot.store.scoping``).
    """
    query = parse_terms(terms)
    if query.is_empty or limit <= 0:
        return []
    conditions, params = _language_filter(
        date_filters(connection, publisher, since_at, until_at, alias="a"), language
    )
    scope_sql, scope_params = visible_sql("a.id", visible)
    filters = (conditions + scope_sql, params + scope_params)
    keys = key_bounds(since_at, until_at)
    hits: list[SearchHit] = []
    if query.phrases:
        # The publisher token makes that filter part of the MATCH; the SQL filters stay exact.
        expression = filtered(query.fts_expression, publisher=publisher)
        hits.extend(
            await _search_words(
                connection,
                expression,
                query.phrases,
                filters,
                keys,
                limit=limit,
                covered=language is None,
                snippets=snippets,
            )
        )
    if query.needles:
        cjk = await _search_cjk(
            connection, query.needles, filters, keys, limit, covered=language is None
        )
        hits.extend(cjk)
        best: dict[int, SearchHit] = {}
        for hit in hits:
            if hit.article.id not in best or best[hit.article.id].score < hit.score:
                best[hit.article.id] = hit
        hits = sorted(best.values(), key=lambda h: (-h.score, h.article.id))
    return hits[:limit]


async def _search_words(
    connection: Connection,
    expression: str,
    phrases: Sequence[str],
    filters: tuple[str, list[Any]],
    keys: tuple[int | None, int | None],
    *,
    limit: int,
    covered: bool,
    snippets: bool = True,
) -> list[SearchHit]:
    columns = article_columns("a", body_chars=MAX_SCANNED if snippets else 0)
    if is_pg(connection):
        rows = await pg_search.ranked_words(
            connection,
            phrases,
            filters,
            keys,
            columns=columns,
            limit=limit,
            max_ranked=MAX_RANKED,
        )
    else:
        rows = await _ranked_words(
            connection, expression, filters, keys, columns=columns, limit=limit, covered=covered
        )
    # Snippets are cut here rather than by FTS5's snippet(), which re-reads every match between
    # the winners (or re-seeks every phrase per winner): a quarter of a filtered search's time.
    articles = [article_from_row(row[:-1]) for row in rows]
    if not snippets:
        return [SearchHit(a, float(row[-1]), "") for a, row in zip(articles, rows, strict=True)]
    cutter = Snippets(
        phrases, tokens=SNIPPET_TOKENS, marks=(MARK_START, MARK_END), ellipsis=ELLIPSIS
    )
    # In a thread, as FTS5's snippet() ran in the connection's: a long page must not hold up
    # the event loop.
    cut = await asyncio.to_thread(
        lambda: [cutter.cut((a.title, a.body, card_plain_text(a.card))) for a in articles]
    )
    return [
        SearchHit(article, float(row[-1]), snippet)
        for article, row, snippet in zip(articles, rows, cut, strict=True)
    ]


async def _ranked_words(
    connection: Connection,
    expression: str,
    filters: tuple[str, list[Any]],
    keys: tuple[int | None, int | None],
    *,
    columns: str,
    limit: int,
    covered: bool,
) -> list[Any]:
    conditions, params = filters
    key_conditions, key_params = _key_conditions("articles_fts", keys)
    join = _filter_join("articles_fts", covered=covered)
    # bm25 costs microseconds per match, so only the MAX_RANKED newest matches (walked in rowid,
    # that is date, order, which FTS5 gives for free) are ranked.
    sql = f"""
        WITH candidates AS (
            SELECT articles_fts.rowid AS key, {_BM25} AS rank
            FROM articles_fts {join if conditions else ""}
            WHERE articles_fts MATCH ? {key_conditions} {conditions}
            ORDER BY articles_fts.rowid DESC LIMIT {MAX_RANKED:d}
        ),
        top AS (
            SELECT {article_id_sql("key")} AS id, rank FROM candidates ORDER BY rank, id LIMIT ?
        )
        SELECT {columns}, -top.rank
        FROM top JOIN articles a ON a.id = top.id
        ORDER BY top.rank, top.id
    """
    async with connection.execute(sql, (expression, *key_params, *params, limit)) as cursor:
        return list(await cursor.fetchall())


def cjk_expression(needles: Sequence[str]) -> str:
    """An FTS5 expression over the bigram index: each needle a phrase of its bigrams.

    A one-character needle becomes a prefix query, so it misses only run-final occurrences.
    """
    parts: list[str] = []
    for needle in needles:
        if len(needle) == 1:
            parts.append(quote_phrase(needle) + " *")
        else:
            parts.append(quote_phrase(" ".join(bigrams_of(needle))))
    return " OR ".join(parts)


def cjk_snippet(needles: Sequence[str], text: str) -> str:
    """The text around the first needle found, the needle marked with « »."""
    found = [(text.find(n), n) for n in needles if n in text]
    if not found:
        return text[: _CJK_SNIPPET_BEFORE + _CJK_SNIPPET_AFTER].replace("\n", " ")
    start, needle = min(found)
    left = max(0, start - _CJK_SNIPPET_BEFORE)
    end = start + len(needle)
    right = min(len(text), end + _CJK_SNIPPET_AFTER)
    return (
        (ELLIPSIS if left > 0 else "")
        + text[left:start]
        + MARK_START
        + needle
        + MARK_END
        + text[end:right]
        + (ELLIPSIS if right < len(text) else "")
    ).replace("\n", " ")


def _key_conditions(table: str, keys: tuple[int | None, int | None]) -> tuple[str, list[int]]:
    """SQL bounds on an index's rowids (date keys) for a date range, and their parameters."""
    # A date range becomes a rowid range FTS5 seeks to: the exact filters then check only the
    # matches inside it, not every match of the query.
    sql = ""
    params: list[int] = []
    for bound, operator in zip(keys, (">=", "<"), strict=True):
        if bound is not None:
            sql += f" AND {table}.rowid {operator} ?"
            params.append(bound)
    return sql, params


def _language_filter(filters: tuple[str, list[Any]], language: str | None) -> tuple[str, list[Any]]:
    """The publisher and date filters, plus the language one when there is one."""
    if language is None:
        return filters
    conditions, params = filters
    return f"{conditions} AND a.language = ?", [*params, language]


def _filter_join(table: str, *, covered: bool) -> str:
    """The join that checks an index match against the filters (``covered`` by the index)."""
    key = article_id_sql(table + ".rowid")
    if not covered:
        # The covering index has no language column: the planner reads the rows.
        return f"JOIN articles a ON a.id = {key}"
    # The narrow covering index makes per-match filter checks cheap (the table rows are wide).
    return f"JOIN articles a INDEXED BY articles_filter ON a.id = {key}"


async def _search_cjk(
    connection: Connection,
    needles: Sequence[str],
    filters: tuple[str, list[Any]],
    keys: tuple[int | None, int | None],
    limit: int,
    *,
    covered: bool,
) -> list[SearchHit]:
    if is_pg(connection):
        top = await pg_search.ranked_cjk(
            connection, needles, filters, keys, limit=limit, max_ranked=MAX_CJK_RANKED
        )
    else:
        top = await _ranked_cjk(connection, needles, filters, keys, limit=limit, covered=covered)
    articles = await get_articles(connection, [rowid for rowid, _ in top], with_sentences=False)
    return [
        SearchHit(article, value, cjk_snippet(needles, article.title + "\n" + article.body))
        for (_, value), article in zip(top, articles, strict=True)
    ]


async def _ranked_cjk(
    connection: Connection,
    needles: Sequence[str],
    filters: tuple[str, list[Any]],
    keys: tuple[int | None, int | None],
    *,
    limit: int,
    covered: bool,
) -> list[tuple[int, float]]:
    conditions, params = filters
    key_conditions, key_params = _key_conditions("articles_cjk_bigrams", keys)
    join = _filter_join("articles_cjk_bigrams", covered=covered)
    sql = f"""
        WITH candidates AS MATERIALIZED (
            SELECT {article_id_sql("articles_cjk_bigrams.rowid")} AS id, {_CJK_BM25} AS rank
            FROM articles_cjk_bigrams {join if conditions else ""}
            WHERE articles_cjk_bigrams MATCH ? {key_conditions} {conditions}
            ORDER BY articles_cjk_bigrams.rowid DESC LIMIT {MAX_CJK_RANKED:d}
        )
        SELECT id, -rank FROM candidates ORDER BY rank, id LIMIT ?
    """
    args = (cjk_expression(needles), *key_params, *params, limit)
    async with connection.execute(sql, args) as cursor:
        return [(int(rowid), float(value)) async for rowid, value in cursor]


async def term_document_counts(
    connection: Connection, terms: Sequence[str], visible: Sequence[int] | None = None
) -> dict[str, int]:
    """For each term, how many articles contain it (stemmed words, phrases or CJK words)."""
    scope_sql, scope_params = visible_sql("matched.id", visible)
    counts: dict[str, int] = {}
    for term in terms:
        parsed = parse_terms([term])
        if parsed.is_empty:
            counts[term] = 0
            continue
        if is_pg(connection):
            counts[term] = await pg_search.count_matches(
                connection, parsed.phrases, parsed.needles, (scope_sql, scope_params)
            )
            continue
        selects: list[str] = []
        params: list[Any] = []
        if parsed.phrases:
            selects.append(
                f"SELECT {article_id_sql('rowid')} AS id FROM articles_fts "
                "WHERE articles_fts MATCH ?"
            )
            params.append(text_only(parsed.fts_expression))
        if parsed.needles:
            selects.append(
                f"SELECT {article_id_sql('rowid')} AS id FROM articles_cjk_bigrams "
                "WHERE articles_cjk_bigrams MATCH ?"
            )
            params.append(cjk_expression(parsed.needles))
        sql = f"SELECT count(*) FROM ({' UNION '.join(selects)}) matched WHERE 1 {scope_sql}"
        async with connection.execute(sql, [*params, *scope_params]) as cursor:
            row = await cursor.fetchone()
        counts[term] = int(row[0]) if row is not None else 0
    return counts


async def vocabulary(
    connection: Connection,
    *,
    limit: int = 200,
    prefix: str | None = None,
    visible: Sequence[int] | None = None,
) -> list[tuple[str, int]]:
    """Indexed (stemmed, lower-case) terms with their document counts, most frequent first.

    Without a prefix this reads the whole index, so it is for occasional suggestions only.
    With ``visible``, only terms found in those owners' articles, with their counts there.
    """
    if is_pg(connection):
        return await pg_search.vocabulary(connection, limit=limit, prefix=prefix, visible=visible)
    # Facet tokens (``0p…``) are filters, not words.
    conditions = (
        "length(term) BETWEEN 2 AND 30 AND term GLOB '*[a-z]*' AND term NOT GLOB '0p[0-9a-f]*'"
    )
    params: list[Any] = []
    if prefix:
        lowered = prefix.casefold()
        conditions += " AND term >= ? AND term < ?"
        params.extend([lowered, lowered[:-1] + chr(ord(lowered[-1]) + 1)])
    if visible is None:
        sql = (
            f"SELECT term, doc FROM articles_vocab WHERE {conditions} "
            "ORDER BY doc DESC, term LIMIT ?"
        )
        async with connection.execute(sql, (*params, limit)) as cursor:
            return [(str(term), int(doc)) async for term, doc in cursor]
    # The row vocabulary counts every owner's articles: a scoped reader counts the instances of
    # the likeliest terms in its own articles (a prefix narrows the instances read).
    if not prefix:
        sql = f"SELECT term FROM articles_vocab WHERE {conditions} ORDER BY doc DESC, term LIMIT ?"
        async with connection.execute(sql, (*params, limit * _SCOPED_VOCABULARY_FACTOR)) as cursor:
            candidates = [str(row[0]) async for row in cursor]
        if not candidates:
            return []
        conditions = "term IN (SELECT value FROM json_each(?))"
        params = [json.dumps(candidates)]
    scope_sql, scope_params = visible_sql(article_id_sql("doc"), visible)
    sql = f"""
        SELECT term, count(DISTINCT doc) AS n FROM articles_vocab_instances
        WHERE {conditions} {scope_sql} GROUP BY term ORDER BY n DESC, term LIMIT ?
    """
    async with connection.execute(sql, (*params, *scope_params, limit)) as cursor:
        return [(str(term), int(n)) async for term, n in cursor]
