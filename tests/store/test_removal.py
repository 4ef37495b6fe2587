"""Removing articles: rows, sentences and both indexes go, tombstones stay and withhold re-adds."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import psycopg

from bot.core.removals import CLI_REMOVER, discord_remover
from bot.store import AddStatus, ArticleStore
from bot.store.database import connect, migrate
from tests.store.conftest import INGESTED_AT, draft

REMOVED_AT = datetime(2025, 2, 1, 9, 30, tzinfo=UTC)


async def _three(store: ArticleStore) -> None:
    await store.add_articles(
        [
            draft(
                "Solar tariffs rise", "Solar panel tariffs rose sharply.", url="https://a.test/1"
            ),
            draft(
                "芯片出口管制", "芯片出口管制收紧。Chip exports tighten.", url="https://a.test/2"
            ),
            draft("Wind farms expand", "Offshore wind farms expand again.", url="https://a.test/3"),
        ],
        ingested_at=INGESTED_AT,
    )


def _integrity(path: Path | str) -> None:
    if isinstance(path, str):  # PostgreSQL: the word index is a column, bigram rows cascade
        with psycopg.connect(path) as connection:
            orphans = connection.execute(
                "SELECT (SELECT count(*) FROM sentences WHERE article_id NOT IN "
                "(SELECT id FROM articles)) + (SELECT count(*) FROM articles_cjk_bigrams "
                "WHERE article_id NOT IN (SELECT id FROM articles))"
            ).fetchone()
        assert orphans == (0,)
        return
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        raw.execute(
            "INSERT INTO articles_cjk_bigrams (articles_cjk_bigrams) VALUES ('integrity-check')"
        )
        orphans = raw.execute(
            "SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()
    assert orphans == (0,)


async def test_a_removed_article_leaves_listing_search_and_both_indexes(
    store: ArticleStore,
) -> None:
    await _three(store)
    removed = await store.remove_articles([2, 1], removed_at=REMOVED_AT, removed_by=CLI_REMOVER)
    assert [t.article_id for t in removed] == [2, 1]
    assert removed[0].url == "https://a.test/2"
    assert removed[0].removed_by == "cli"
    assert await store.count_articles() == 1
    assert [a.id for a in await store.list_articles()] == [3]
    assert await store.get_article(1) is None
    assert await store.search(["solar"]) == []
    assert await store.search(["芯片"]) == []
    assert await store.search(["chip"]) == []
    assert [h.article.id for h in await store.search(["wind"])] == [3]
    assert await store.term_document_counts(["solar", "wind"]) == {"solar": 0, "wind": 1}
    _integrity(store.path)


async def test_unknown_ids_are_skipped_and_tombstones_are_listed_newest_first(
    store: ArticleStore,
) -> None:
    await _three(store)
    assert await store.remove_articles([99], removed_at=REMOVED_AT, removed_by="cli") == []
    await store.remove_articles([3, 99], removed_at=REMOVED_AT, removed_by=discord_remover(42))
    await store.remove_articles([1], removed_at=REMOVED_AT, removed_by=CLI_REMOVER)
    listed = await store.list_tombstones()
    assert [(t.article_id, t.removed_by) for t in listed] == [(1, "cli"), (3, "discord:42")]
    assert listed[1].removed_at == REMOVED_AT
    assert listed[1].title == "Wind farms expand"
    assert len(listed[1].content_hash) >= 32
    assert await store.count_articles() == 1


async def test_a_tombstone_keeps_the_file_an_unlinked_article_came_from(
    store: ArticleStore,
) -> None:
    note = replace(draft("Wafer note", "Wafer prices rose again."), origin="notes/wafer.md")
    [added] = await store.add_articles([note], ingested_at=INGESTED_AT)
    [removed] = await store.remove_articles(
        [added.article_id], removed_at=REMOVED_AT, removed_by=CLI_REMOVER
    )
    assert (removed.url, removed.origin) == (None, "notes/wafer.md")
    [listed] = await store.list_tombstones()
    assert (listed.url, listed.origin) == (None, "notes/wafer.md")


async def test_a_removed_address_or_content_is_withheld_and_a_hand_ingest_restores_it(
    store: ArticleStore,
) -> None:
    await _three(store)
    await store.remove_articles([1], removed_at=REMOVED_AT, removed_by=CLI_REMOVER)
    again = draft("Solar tariffs rise", "Solar panel tariffs rose sharply.", url="https://a.test/1")
    elsewhere = draft("Copy", "Solar panel tariffs rose sharply.", url="https://mirror.test/9")
    [same_url, same_text] = await store.add_articles([again, elsewhere], ingested_at=INGESTED_AT)
    assert same_url.status is AddStatus.WITHHELD
    assert same_url.article_id == 1
    assert same_url.reason == "article 1 was removed on 2025-02-01 by cli"
    assert same_text.status is AddStatus.WITHHELD
    assert await store.search(["solar"]) == []
    [restored] = await store.add_articles([again], ingested_at=INGESTED_AT, restore_removed=True)
    assert restored.status is AddStatus.ADDED
    assert restored.restored == "article 1 was removed on 2025-02-01 by cli"
    assert restored.article_id == 4  # ids are never reused, removed ones included
    assert await store.list_tombstones() == []
    assert [h.article.id for h in await store.search(["solar"])] == [4]
    [repeat] = await store.add_articles([again], ingested_at=INGESTED_AT)
    assert repeat.status is AddStatus.DUPLICATE
    _integrity(store.path)


async def test_the_newest_article_removed_does_not_give_its_id_to_the_next(
    store: ArticleStore,
) -> None:
    await _three(store)
    await store.remove_articles([3], removed_at=REMOVED_AT, removed_by=CLI_REMOVER)
    [fresh] = await store.add_articles([draft("Hydro", "Dams.")], ingested_at=INGESTED_AT)
    assert fresh.article_id == 4


async def test_tombstones_are_found_by_address_or_hash(store: ArticleStore) -> None:
    await _three(store)
    [tombstone] = await store.remove_articles([2], removed_at=REMOVED_AT, removed_by="cli")
    assert await store.find_tombstones(["https://a.test/2"]) == [tombstone]
    assert await store.find_tombstones([], [tombstone.content_hash]) == [tombstone]
    assert await store.find_tombstones(["https://a.test/1"]) == []


async def test_a_store_at_schema_12_is_upgraded_with_the_tombstone_table(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite"
    connection: aiosqlite.Connection = await connect(path)
    try:
        assert await migrate(connection, path, target=12) == 12
    finally:
        await connection.close()
    async with await ArticleStore.open(path, workers=1) as store:
        await _three(store)
        await store.remove_articles([1], removed_at=REMOVED_AT, removed_by=CLI_REMOVER)
        assert len(await store.list_tombstones()) == 1
