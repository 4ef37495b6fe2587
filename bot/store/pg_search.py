"""Full-text search on PostgreSQL: ``tsvector`` matches ranked by FTS5's bm25, CJK by bigram phrases.

The same contract as ``bot.store.search`` on SQLite: any phrase matches, only the newest
``MAX_RANKED`` matches are ranked, higher scores first; the score is -bm25 as there, computed by
``bot.store.pg_bm25`` (the tokenizers differ slightly, so scores agree to a few digits).

Each tsquery is computed once, in a MATERIALIZED CTE the planner cannot see into. Given the query
as a constant, it estimates how many rows match and, finding them few enough, reads every row's
tsvector (out of line, so the costs it counts leave out nearly all of that work) rather than the
GIN index: at 20,000 articles 330 ms instead of 15 ms for a brief's OR of 20 words. An unknown
query gets the default estimate, which always picks the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.cjk import bigrams_of
from bot.store import pg_bm25
from bot.store.pg import PgConnection
from bot.store.pg_schema import CJK_CONFIG, PG_CJK_WEIGHTS, TEXT_CONFIG

# The newest matches are first looked for among the newest articles (``ranked_words``) when at
# least WINDOW_HITS of the newest PROBE_ROWS match (10 %); the window then holds as many of the
# newest articles as should give WINDOW_SPARE times ``max_ranked`` matches at that rate.
PROBE_ROWS = 200
WINDOW_HITS = 20
WINDOW_SPARE = 2
_MAX_KEY = 2**63 - 1


def text_query(phrases: Sequence[str]) -> tuple[str, list[str]]:
    """A tsquery expression OR-ing each phrase (words in order), and its parameters."""
    parts = [f"phraseto_tsquery('{TEXT_CONFIG}', ?)" for _ in phrases]
    return " || ".join(parts), list(phrases)


def cjk_query(needles: Sequence[str]) -> tuple[str, list[str]]:
    """A tsquery expression over the bigram index: each needle a phrase of its bigrams.

    A one-character needle is a prefix query, as on SQLite.
    """
    return _or_of_parts(_cjk_parts(needles))


def _or_of_parts(parts: Sequence[tuple[str, str]]) -> tuple[str, list[str]]:
    """The tsquery SQL OR-ing these (SQL, parameter) parts, and its parameters."""
    return " || ".join(sql for sql, _ in parts), [param for _, param in parts]


def _cjk_parts(needles: Sequence[str]) -> list[tuple[str, str]]:
    """Each needle's tsquery SQL and its parameter."""
    parts: list[tuple[str, str]] = []
    for needle in needles:
        if len(needle) == 1:
            parts.append(
                (f"to_tsquery('{CJK_CONFIG}', ?)", "'" + needle.replace("'", "''") + "':*")
            )
        else:
            parts.append((f"phraseto_tsquery('{CJK_CONFIG}', ?)", " ".join(bigrams_of(needle))))
    return parts


def _key_conditions(column: str, keys: tuple[int | None, int | None]) -> tuple[str, list[int]]:
    sql = ""
    params: list[int] = []
    for bound, operator in zip(keys, (">=", "<"), strict=True):
        if bound is not None:
            sql += f" AND {column} {operator} ?"
            params.append(bound)
    return sql, params


async def ranked_words(
    connection: PgConnection,
    phrases: Sequence[str],
    filters: tuple[str, list[Any]],
    keys: tuple[int | None, int | None],
    *,
    columns: str,
    limit: int,
    max_ranked: int,
) -> list[tuple[Any, ...]]:
    """Rows of ``columns`` (alias ``a``) plus the score, of the best matches of the phrases.

    FTS5 walks its index in date order and stops at the ``max_ranked`` newest matches; a GIN
    scan visits every matching row (for its date) before any can be dropped. So when a sample
    of the newest articles shows that enough of them match, the matches are first looked for
    among as many of the newest articles as should hold ``WINDOW_SPARE`` times enough, and the
    older articles are read only if those fall short.
    """
    conditions, params = filters
    key_sql, key_params = _key_conditions("a.date_key", keys)
    where = f"{key_sql} {conditions}"
    state = await pg_bm25.corpus(connection)
    counts = await pg_bm25.document_counts(connection, state, phrases)
    fixed, per_token = pg_bm25.length_terms(state)
    rank = pg_bm25.score_sql(
        len(phrases), vector="d.v", length="d.norm", queries="q.each", factors="q.factors"
    )
    newest = f"FROM articles a WHERE true {where} ORDER BY a.date_key DESC"
    # A NULL bound: no window (too few matches in the sample), or one holding every article.
    recent = (  # date keys are positive
        "AND (SELECT windowed FROM bound) AND a.date_key >= coalesce((SELECT k FROM bound), 0)"
    )
    # ``+ 0``: no index condition, as the older rows are most of the table (the date index would
    # be read whole); the date is on the row the GIN match visits anyway.
    # The window's phrase rows are checked here only when its word rows fall short (AND stops at
    # the first false, and each count runs only when first needed).
    older = (
        f"AND (SELECT older FROM bound) "
        f"AND (SELECT count(*) FROM recent_words) < {max_ranked:d} "
        f"AND (SELECT count(*) FROM recent_words) + (SELECT count(*) FROM recent_loose l "
        f"JOIN articles r ON r.ctid = l.tid, q WHERE (r.search_vector @@ q.phrases) IS TRUE) "
        f"< {max_ranked:d} AND a.date_key + 0 < coalesce((SELECT k FROM bound), {_MAX_KEY:d})"
    )
    # ``chosen`` ends in OFFSET 0 so that the planner keeps it whole: pulled up, the two reads
    # of ``k`` ran the window's date lookup twice (6 ms each for a window of 60,000 articles).
    window_rows = f"{WINDOW_SPARE * max_ranked * PROBE_ROWS:d} / nullif(hits, 0)"
    sql = f"""
        WITH terms AS MATERIALIZED (
            SELECT phraseto_tsquery('{TEXT_CONFIG}', t) AS exact,
                plainto_tsquery('{TEXT_CONFIG}', t) AS loose, ord
            FROM unnest(?::text[]) WITH ORDINALITY AS x(t, ord)
        ),
        q AS MATERIALIZED (
            SELECT {_or_of("exact", "numnode(exact) > 0")} AS q,
                array_agg(exact ORDER BY ord) AS each, ?::float8[] AS factors,
                {_or_of("exact", "numnode(exact) = 1")} AS words,
                {_or_of("loose", "numnode(exact) > 1")} AS loose,
                {_or_of("exact", "numnode(exact) > 1")} AS phrases
            FROM terms
        ),
        probe AS MATERIALIZED (
            SELECT count(*) FILTER (WHERE s.search_vector @@ q.q) AS hits
            FROM (SELECT a.search_vector {newest} LIMIT {PROBE_ROWS:d}) s, q
        ),
        bound AS MATERIALIZED (
            SELECT windowed, k, k IS NOT NULL OR NOT windowed AS older FROM (
                SELECT hits >= {WINDOW_HITS:d} AS windowed, CASE WHEN hits >= {WINDOW_HITS:d}
                    THEN (SELECT a.date_key {newest} OFFSET {window_rows} - 1 LIMIT 1)
                END AS k FROM probe OFFSET 0
            ) chosen
        ),
        {_matches("recent", f"{where} {recent}")},
        {_matches("older", f"{where} {older}")},
        -- Newest first, each row's tsvector detoasted once (ts_delete of no lexeme) for its
        -- phrase check and all the phrases' scores, until max_ranked rows have matched; each
        -- row is found again by the ctid its match gave (in this statement's snapshot).
        walked AS (
            SELECT a.id, d.v, d.norm FROM (
                SELECT * FROM recent UNION ALL SELECT * FROM older ORDER BY date_key DESC
            ) c JOIN articles a ON a.ctid = c.tid, q, LATERAL (
                SELECT ts_delete(a.search_vector, ''::text) AS v,
                    ?::float8 + ?::float8 * a.search_length AS norm OFFSET 0
            ) d
            WHERE c.sure OR (d.v @@ q.phrases) IS TRUE
            ORDER BY c.date_key DESC LIMIT {max_ranked:d}
        ),
        top AS (
            SELECT d.id, {rank} AS rank FROM walked d, q ORDER BY rank DESC, d.id LIMIT ?
        )
        SELECT {columns}, top.rank FROM top JOIN articles a ON a.id = top.id
        ORDER BY top.rank DESC, top.id
    """
    filter_params = [*key_params, *params]
    weights = pg_bm25.factors(state, counts)
    arguments = (list(phrases), weights, *(filter_params * 6), fixed, per_token, limit)
    async with connection.execute(sql, arguments) as cursor:
        return await cursor.fetchall()


def _matches(name: str, where: str) -> str:
    """CTEs ending in ``name``: (id, date_key, sure) of the rows that may match ``q`` under
    ``where``.

    The GIN index answers a one-word term exactly; a phrase's word order needs each row's
    tsvector, and a bitmap scan then rechecks every row on the pages it touches. So the words
    are matched alone (``sure``), and the rows matching a phrase's words and no single word are
    left for the caller to check for the phrase: it reads the newest rows' tsvectors to rank
    them anyway, and stops at the ``max_ranked`` newest that match.
    """
    return f"""{name}_words AS MATERIALIZED (
            SELECT a.id, a.date_key, a.ctid AS tid FROM articles a, q
            WHERE a.search_vector @@ q.words {where}
        ),
        {name}_loose AS MATERIALIZED (
            SELECT a.id, a.date_key, a.ctid AS tid FROM articles a, q
            WHERE a.search_vector @@ q.loose {where}
            EXCEPT SELECT id, date_key, tid FROM {name}_words
        ),
        {name} AS MATERIALIZED (
            SELECT id, date_key, tid, true AS sure FROM {name}_words
            UNION ALL SELECT id, date_key, tid, false AS sure FROM {name}_loose
        )"""


def _or_of(column: str, condition: str) -> str:
    """The tsqueries of ``column`` over the terms meeting ``condition``, OR-ed (NULL for none)."""
    return f"string_agg('(' || {column}::text || ')', ' | ') FILTER (WHERE {condition})::tsquery"


async def ranked_cjk(
    connection: PgConnection,
    needles: Sequence[str],
    filters: tuple[str, list[Any]],
    keys: tuple[int | None, int | None],
    *,
    limit: int,
    max_ranked: int,
) -> list[tuple[int, float]]:
    """(article id, score) of the best matches of CJK needles in the bigram index (bm25)."""
    conditions, params = filters
    parts = _cjk_parts(needles)
    query, query_params = _or_of_parts(parts)
    key_sql, key_params = _key_conditions("a.date_key", keys)
    state = await pg_bm25.corpus(connection, pg_bm25.CJK)
    counts = await pg_bm25.cjk_document_counts(
        connection, state, [(n, sql, param) for n, (sql, param) in zip(needles, parts, strict=True)]
    )
    fixed, per_token = pg_bm25.length_terms(state)
    rank = pg_bm25.score_sql(
        len(needles),
        vector="d.v",
        length="d.norm",
        queries="q.each",
        factors="q.factors",
        weights=PG_CJK_WEIGHTS,
        scale=pg_bm25.CJK_TF_SCALE,
    )
    each = ", ".join(sql for sql, _ in parts)
    sql = f"""
        WITH q AS MATERIALIZED (
            SELECT {query} AS q, ARRAY[{each}] AS each, ?::float8[] AS factors
        ),
        candidates AS MATERIALIZED (
            SELECT c.ctid AS tid FROM articles_cjk_bigrams c JOIN articles a ON a.id = c.article_id, q
            WHERE c.vector @@ q.q {key_sql} {conditions}
            ORDER BY a.date_key DESC LIMIT {max_ranked:d}
        )
        SELECT c.article_id, {rank} AS rank
        FROM candidates JOIN articles_cjk_bigrams c ON c.ctid = candidates.tid, q, LATERAL (
            SELECT ts_delete(c.vector, ''::text) AS v,
                ?::float8 + ?::float8 * c.search_length AS norm OFFSET 0
        ) d
        ORDER BY rank DESC, c.article_id LIMIT ?
    """
    arguments = (
        *query_params,  # for q.q, then once more for q.each
        *query_params,
        pg_bm25.factors(state, counts),
        *key_params,
        *params,
        fixed,
        per_token,
        limit,
    )
    async with connection.execute(sql, arguments) as cursor:
        return [(int(row[0]), float(row[1])) async for row in cursor]


async def count_matches(
    connection: PgConnection,
    phrases: Sequence[str],
    needles: Sequence[str],
    scope: tuple[str, list[Any]],
) -> int:
    """How many articles match the phrases or the CJK needles (within the ``scope`` condition)."""
    ctes: list[str] = []
    selects: list[str] = []
    params: list[Any] = []
    if phrases:
        query, query_params = text_query(phrases)
        ctes.append(f"words AS MATERIALIZED (SELECT {query} AS q)")
        selects.append("SELECT id FROM articles, words WHERE search_vector @@ words.q")
        params.extend(query_params)
    if needles:
        query, query_params = cjk_query(needles)
        ctes.append(f"cjk AS MATERIALIZED (SELECT {query} AS q)")
        selects.append(
            "SELECT article_id AS id FROM articles_cjk_bigrams, cjk WHERE vector @@ cjk.q"
        )
        params.extend(query_params)
    scope_sql, scope_params = scope
    sql = (
        f"WITH {', '.join(ctes)} SELECT count(*) FROM ({' UNION '.join(selects)}) matched "
        f"WHERE true {scope_sql}"
    )
    async with connection.execute(sql, [*params, *scope_params]) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def vocabulary(
    connection: PgConnection,
    *,
    limit: int,
    prefix: str | None,
    visible: Sequence[int] | None,
) -> list[tuple[str, int]]:
    """Indexed (stemmed) terms with their document counts, most frequent first (``ts_stat``)."""
    documents = "SELECT search_vector FROM articles"
    if visible is not None:
        # ts_stat takes its query as text: the owner ids are integers, safe to spell out.
        owners = ", ".join(str(int(owner)) for owner in visible) or "NULL"
        documents += (
            " WHERE EXISTS (SELECT 1 FROM article_owners o WHERE o.article_id = articles.id "
            f"AND o.owner_id IN ({owners}))"
        )
    conditions = "length(word) BETWEEN 2 AND 30 AND word ~ '[a-z]'"
    params: list[Any] = [documents]
    if prefix:
        lowered = prefix.casefold()
        conditions += " AND word >= ? AND word < ?"
        params.extend([lowered, lowered[:-1] + chr(ord(lowered[-1]) + 1)])
    sql = f"SELECT word, ndoc FROM ts_stat(?) WHERE {conditions} ORDER BY ndoc DESC, word LIMIT ?"
    async with connection.execute(sql, (*params, limit)) as cursor:
        return [(str(word), int(n)) async for word, n in cursor]
