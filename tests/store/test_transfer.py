"""Copying an SQLite store into PostgreSQL: every table, the same reads and searches after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.digest_records import DigestSettings
from bot.core.scope import Scope
from bot.store import ArticleStore
from bot.store.transfer import TransferError, copy_to_postgres
from tests.store.conftest import INGESTED_AT, background, draft

ADDED_AT = datetime(2025, 1, 10, 8, 0, tzinfo=UTC)
QUERIES = (["chips"], ["wind farms"], ["芯片"], ["weather"], ["trains", "music"])


async def _fill(store: ArticleStore) -> None:
    await store.add_articles(
        [
            draft(
                "Chip exports tighten",
                "Chip makers face new export rules.",
                url="https://a.test/1",
                published_at=datetime(2025, 1, 3, tzinfo=UTC),
            ),
            draft("芯片出口管制", "芯片出口管制收紧。", url="https://a.test/2"),
            draft("Wind farms expand", "Offshore wind farms expand.", url="https://a.test/3"),
            *background(30),
        ],
        ingested_at=INGESTED_AT,
    )
    await store.scoped(Scope.server(42)).add_articles(
        [draft("Server chips", "Chips for one server.", url="https://a.test/4")],
        ingested_at=INGESTED_AT,
    )
    await store.remove_articles([3], removed_at=INGESTED_AT, removed_by="cli")
    await store.set_meta("seeded_at", "2025-01-01T00:00:00+00:00")
    for n in range(3):
        await store.add_feed(
            f"https://feeds.test/{n}.xml", title=f"Feed {n}", interval_minutes=30, added_at=ADDED_AT
        )
    await store.save_digest_settings(
        DigestSettings(1 << 40, 7 << 40, 0, datetime(2025, 1, 1, 9, 0).time(), "UTC", True, True),
        updated_at=ADDED_AT,
    )


async def test_a_copy_holds_every_table_and_answers_as_the_sqlite_store_does(
    tmp_path: Path, pg_url: str
) -> None:
    path = tmp_path / "s.sqlite"
    async with await ArticleStore.open(path, workers=1) as sqlite_store:
        await _fill(sqlite_store)
    report = await copy_to_postgres(path, pg_url)
    assert report.articles == 33
    assert report.counts["removed_articles"] == 1
    assert report.counts["articles_cjk_bigrams"] == 1
    async with (
        await ArticleStore.open(path, workers=1) as sqlite_store,
        await ArticleStore.open(pg_url, workers=1) as pg_store,
    ):
        for query in QUERIES:
            expected = [h.article.id for h in await sqlite_store.search(query)]
            assert [h.article.id for h in await pg_store.search(query)] == expected, query
        assert await pg_store.list_articles(limit=100) == await sqlite_store.list_articles(
            limit=100
        )
        assert await pg_store.get_articles([1, 2, 34]) == await sqlite_store.get_articles(
            [1, 2, 34]
        )
        assert await pg_store.list_feeds() == await sqlite_store.list_feeds()
        assert await pg_store.all_digest_settings() == await sqlite_store.all_digest_settings()
        assert await pg_store.list_tombstones() == await sqlite_store.list_tombstones()
        assert await pg_store.get_meta("seeded_at") == "2025-01-01T00:00:00+00:00"
        assert await pg_store.owners_of([34]) == {34: {42}}
        # New rows continue after the copied ones: ids are never reused.
        [added] = await pg_store.add_articles(
            [draft("After", "Written after the copy.")], ingested_at=INGESTED_AT
        )
        assert added.article_id == 35
        feed, _ = await pg_store.add_feed(
            "https://feeds.test/new.xml",
            title=None,
            interval_minutes=30,
            added_at=ADDED_AT + timedelta(days=1),
        )
        assert feed.id == 4


async def test_a_copy_into_a_store_that_holds_articles_is_refused(
    tmp_path: Path, pg_url: str
) -> None:
    path = tmp_path / "s.sqlite"
    async with await ArticleStore.open(path, workers=1) as sqlite_store:
        await _fill(sqlite_store)
    async with await ArticleStore.open(pg_url, workers=1) as pg_store:
        await pg_store.add_articles([draft("There", "Already there.")], ingested_at=INGESTED_AT)
    with pytest.raises(TransferError, match="already holds articles"):
        await copy_to_postgres(path, pg_url)
    async with await ArticleStore.open(pg_url, workers=1) as pg_store:
        assert await pg_store.count_articles() == 1


async def test_a_missing_source_is_a_clear_error(tmp_path: Path, pg_url: str) -> None:
    with pytest.raises(TransferError, match="no SQLite store"):
        await copy_to_postgres(tmp_path / "absent.sqlite", pg_url)
