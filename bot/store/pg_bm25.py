"""FTS5's bm25 on PostgreSQL: corpus statistics, cached document frequencies, the score's SQL.

SQLite ranks by ``bm25(articles_fts, 10, 5, 1, 2, 0)``: for each phrase of the query,
``idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl))``, where ``f`` is the phrase's
occurrences in the row with each weighed by its column's weight, ``D`` the row's length in tokens
(all columns), ``avgdl`` the corpus' mean length and ``idf = log((N - n + 0.5) / (n + 0.5))``
(at least 1e-6) for the ``n`` of ``N`` rows holding the phrase. Here ``f`` is ``ts_rank_cd`` of
the phrase alone with the column weights (its cover density is then the weighted occurrence
count), ``D`` the stored ``search_length`` column and ``N`` and the total length a statistics row
that triggers keep up to date. ``n`` costs a count over the GIN index per phrase, so the counts
are kept per process until the articles change (the statistics row's ``generation``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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


_counts: dict[str, tuple[int, dict[str, int]]] = {}


async def corpus(connection: PgConnection) -> Corpus:
    """The current statistics row."""
    sql = "SELECT token::text, generation, articles, tokens FROM search_stats"
    async with connection.execute(sql) as cursor:
        row = await cursor.fetchone()
    if row is None:  # only a database whose row was deleted by hand
        return Corpus("", -1, 0, 0)
    return Corpus(str(row[0]), int(row[1]), int(row[2]), int(row[3]))


async def document_counts(
    connection: PgConnection, state: Corpus, phrases: Sequence[str]
) -> list[int]:
    """How many articles hold each phrase, counted once per phrase and state of the articles."""
    generation, known = _counts.get(state.token, (None, {}))
    if generation != state.generation or len(known) > _MAX_CACHED:
        known = {}
        _counts[state.token] = (state.generation, known)
    missing = [p for p in dict.fromkeys(phrases) if p not in known]
    if missing:
        sql = f"""
            SELECT x.t, (SELECT count(*) FROM articles a WHERE a.search_vector @@ x.q)
            FROM (SELECT t, phraseto_tsquery('{TEXT_CONFIG}', t) AS q
                  FROM unnest(?::text[]) AS t) x
        """
        async with connection.execute(sql, (missing,)) as cursor:
            found = {str(phrase): int(count) async for phrase, count in cursor}
        if state.generation >= 0:
            known.update(found)
        return [found[p] if p in found else known[p] for p in phrases]
    return [known[p] for p in phrases]


def score_sql(count: int, *, vector: str, length: str, queries: str, factors: str) -> str:
    """The bm25 of a row as SQL: ``count`` phrases (``queries[i]``, 1-based) with their
    ``factors[i]`` (idf times k1 + 1), the row's detoasted ``vector`` and its ``length`` term.

    ``length`` is ``k1 * (1 - b + b * D / avgdl)``; the @@ check skips ts_rank_cd on the rows a
    phrase is not in (most rows hold one or two of a long query's phrases).
    """
    parts = []
    for i in range(1, count + 1):
        tf = f"ts_rank_cd('{PG_RANK_WEIGHTS}', {vector}, {queries}[{i}], 0) * {TF_SCALE:g}"
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
