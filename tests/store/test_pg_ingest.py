"""PostgreSQL bulk ingest: the duplicate lookup probes indexes whatever the table statistics say."""

from __future__ import annotations

import json

import psycopg

from bot.store import ArticleStore
from bot.store.pg import translate
from bot.store.writing import _PG_EXISTING
from tests.store.conftest import INGESTED_AT, draft


async def test_the_duplicate_lookup_reads_the_url_and_hash_indexes_even_on_stale_statistics(
    pg_url: str,
) -> None:
    async with await ArticleStore.open(pg_url, workers=1) as store:
        await store.add_articles(
            [draft(f"Story {i}", f"Body {i}.", url=f"https://e.com/{i}") for i in range(300)],
            ingested_at=INGESTED_AT,
        )
    query, order = translate(_PG_EXISTING)
    keys = [json.dumps([f"https://e.com/{i}" for i in range(5)]), json.dumps(["a", "b"])]
    assert order is not None
    with psycopg.connect(pg_url, autocommit=True) as connection:
        # Statistics of an empty table, as a bulk load's first autovacuum leaves them: the
        # planner then prefers reading the whole table to the indexes.
        connection.execute(
            "UPDATE pg_class SET reltuples = 1, relpages = 1 WHERE relname = 'articles'"
        )
        plan = "\n".join(
            row[0]
            for row in connection.execute(
                "EXPLAIN (COSTS OFF) " + query, [keys[i] for i in order]
            ).fetchall()
        )
        found = connection.execute(query, [keys[i] for i in order]).fetchall()
    assert "Seq Scan on articles" not in plan
    assert "articles_by_url" in plan
    assert "articles_by_hash" in plan
    assert sorted(row[1] for row in found) == [f"https://e.com/{i}" for i in range(5)]
