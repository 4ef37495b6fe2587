"""FTS5's bm25 on PostgreSQL: corpus statistics, cached document frequencies, the score's SQL.

SQLite ranks by ``bm25(articles_fts, 10, 5, 1, 2, 0)``: for each phrase of the query,
``idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl))``, where ``f`` is the phrase's
occurrences in the row with each weighed by its column's weight, ``D`` the row's length in tokens
(all columns), ``avgdl`` the corpus' mean length and ``idf = log((N - n + 0.5) / (n + 0.5))``
(at least 1e-6) for the ``n`` of ``N`` rows holding the phrase. Here ``f`` is ``ts_rank_cd`` of
the phrase alone with the column weights (its cover density is then the weighted occurrence
count), ``D`` the stored ``search_length`` column and ``N`` and the total length a statistics row
that triggers keep up to date. ``n`` costs a count over the GIN index per phrase (15 ms for a
common word at 100,000 articles), so a process keeps the counts until more than
``STALE_FRACTION`` of the articles they counted have changed (the statistics row's
``generation`` counts changed rows): a 1 % older idf moves scores by far less than the
tokenizers' differences do, and a small store (under 100 articles) is always counted afresh.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.store.facets import RANK_WEIGHTS
from bot.store.pg import PgConnection
from bot.store.pg_schema import PG_RANK_WEIGHTS, TEXT_CONFIG

K1 = 1.2
B = 0.75
# ts_rank_cd weights are at most 1 (PG_RANK_WEIGHTS is RANK_WEIGHTS over the largest).
TF_SCALE = max(RANK_WEIGHTS)
_MIN_IDF = 1e-6
# A process keeps at most this many phrases' counts per database before starting afresh.
_MAX_CACHED = 20_000
STALE_FRACTION = 0.01


@dataclass(frozen=True, slots=True)
class Corpus:
    """The statistics row: which database and state it describes, and its size in rows and tokens."""

    token: str
    generation: int
    articles: int
    tokens: int

    @property
    def average_length(self) -> float:
        """The mean row length in tokens (1 for an empty corpus, which nothing matches)."""
        return self.tokens / self.articles if self.articles > 0 and self.tokens > 0 else 1.0

    def idf(self, hits: int) -> float:
        """FTS5's inverse document frequency of a phrase held by ``hits`` rows."""
        value = math.log((self.articles - hits + 0.5) / (hits + 0.5))
        return value if value > 0.0 else _MIN_IDF


WORDS = "words"
CJK = "cjk"
# The bigram index weighs a title 10 and a body 1 (``bot.store.search._CJK_BM25``).
CJK_TF_SCALE = 10.0
# Per statistics row token: the generation and article count when counting began, the counts.
_counts: dict[str, tuple[int, int, dict[str, int]]] = {}


async def corpus(connection: PgConnection, index: str = WORDS) -> Corpus:
    """The current statistics row of an index (``WORDS`` or ``CJK``)."""
    sql = "SELECT token::text, generation, articles, tokens FROM search_stats WHERE name = ?"
    async with connection.execute(sql, (index,)) as cursor:
        row = await cursor.fetchone()
    if row is None:  # only a database whose row was deleted by hand
        return Corpus("", -1, 0, 0)
    return Corpus(str(row[0]), int(row[1]), int(row[2]), int(row[3]))


async def document_counts(
    connection: PgConnection, state: Corpus, phrases: Sequence[str]
) -> list[int]:
    """How many articles hold each phrase, counted once per phrase and state of the articles."""
    sql = f"""
        SELECT x.t, (SELECT count(*) FROM articles a WHERE a.search_vector @@ x.q)
        FROM (SELECT t, phraseto_tsquery('{TEXT_CONFIG}', t) AS q
              FROM unnest(?::text[]) AS t) x
    """

    async def count(missing: list[str]) -> dict[str, int]:
        async with connection.execute(sql, (missing,)) as cursor:
            return {str(phrase): int(n) async for phrase, n in cursor}

    return await _cached(state, phrases, count)


async def cjk_document_counts(
    connection: PgConnection, state: Corpus, needles: Sequence[tuple[str, str, str]]
) -> list[int]:
    """How many bigram rows match each needle, given as (needle, tsquery SQL, its parameter)."""
    by_needle = {needle: (query, param) for needle, query, param in needles}

    async def count(missing: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for needle in missing:  # a needle or two per query: one small statement each
            query, param = by_needle[needle]
            sql = f"SELECT count(*) FROM articles_cjk_bigrams WHERE vector @@ {query}"
            async with connection.execute(sql, (param,)) as cursor:
                row = await cursor.fetchone()
            found[needle] = int(row[0]) if row is not None else 0
        return found

    return await _cached(state, [needle for needle, _, _ in needles], count)


async def _cached(
    state: Corpus,
    phrases: Sequence[str],
    count: Callable[[list[str]], Awaitable[dict[str, int]]],
) -> list[int]:
    """Each phrase's count from the process cache, or from ``count`` (run on the missing ones)."""
    generation, articles, known = _counts.get(state.token, (-1, 0, {}))
    changed = state.generation - generation
    if not 0 <= changed <= int(articles * STALE_FRACTION) or len(known) > _MAX_CACHED:
        known = {}
        _counts[state.token] = (state.generation, state.articles, known)
    missing = [p for p in dict.fromkeys(phrases) if p not in known]
    if not missing:
        return [known[p] for p in phrases]
    found = await count(missing)
    if state.generation >= 0:
        known.update(found)
    return [found[p] if p in found else known[p] for p in phrases]


def score_sql(
    count: int,
    *,
    vector: str,
    length: str,
    queries: str,
    factors: str,
    weights: str = PG_RANK_WEIGHTS,
    scale: float = TF_SCALE,
) -> str:
    """The bm25 of a row as SQL: ``count`` phrases (``queries[i]``, 1-based) with their
    ``factors[i]`` (idf times k1 + 1), the row's detoasted ``vector`` and its ``length`` term.

    ``length`` is ``k1 * (1 - b + b * D / avgdl)``; the @@ check skips ts_rank_cd on the rows a
    phrase is not in (most rows hold one or two of a long query's phrases).
    """
    parts = []
    for i in range(1, count + 1):
        tf = f"ts_rank_cd('{weights}', {vector}, {queries}[{i}], 0) * {scale:g}"
        parts.append(
            f"CASE WHEN {vector} @@ {queries}[{i}] "
            f"THEN {factors}[{i}] * (1 - {length} / ({tf} + {length})) ELSE 0 END"
        )
    return " + ".join(parts) if parts else "0"


def length_terms(state: Corpus) -> tuple[float, float]:
    """``k1 * (1 - b)`` and ``k1 * b / avgdl``: a row's length term is the first plus D times the
    second."""
    return K1 * (1 - B), K1 * B / state.average_length


def factors(state: Corpus, counts: Sequence[int]) -> list[float]:
    """Each phrase's idf times ``k1 + 1`` (bm25's numerator without the frequency)."""
    return [state.idf(n) * (K1 + 1) for n in counts]
