"""Reading articles back: newest-first listing, filters, lookups by id, publishers and meta."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store import ArticleStore
from tests.store.conftest import INGESTED_AT, draft


async def _dated(store: ArticleStore) -> None:
    await store.add_articles(
        [
            draft("Old", "Old body.", published_at=datetime(2020, 1, 1, tzinfo=UTC)),
            draft("Undated", "No date body.", publisher="AP"),
            draft("New", "New body.", published_at=datetime(2024, 1, 1, tzinfo=UTC)),
            draft("Middle", "Middle body.", published_at=datetime(2022, 1, 1, tzinfo=UTC)),
        ],
        ingested_at=INGESTED_AT,
    )


async def test_listing_is_newest_first_with_ingest_time_for_undated(store: ArticleStore) -> None:
    await _dated(store)
    listed = await store.list_articles()
    # The undated article counts as ingested on 2025-01-15, after every publication date.
    assert [a.title for a in listed] == ["Undated", "New", "Middle", "Old"]
    assert all(a.sentences == () for a in listed)


async def test_listing_pages_and_filters(store: ArticleStore) -> None:
    await _dated(store)
    assert [a.title for a in await store.list_articles(limit=2, offset=1)] == ["New", "Middle"]
    assert [a.title for a in await store.list_articles(publisher="ap")] == ["Undated"]
    window = await store.list_articles(
        since_at=datetime(2021, 1, 1, tzinfo=UTC), until_at=INGESTED_AT - timedelta(days=1)
    )
    assert [a.title for a in window] == ["New", "Middle"]


async def test_get_articles_keeps_the_asked_order_and_skips_unknown_ids(
    store: ArticleStore,
) -> None:
    await _dated(store)
    found = await store.get_articles([3, 99, 1, 3])
    assert [a.id for a in found] == [3, 1]
    assert all(a.sentences for a in found)
    bare = await store.get_articles([2], with_sentences=False)
    assert bare[0].sentences == ()
    assert await store.get_articles([]) == []
    assert await store.get_article(99) is None


async def test_publishers_are_counted_ignoring_case(store: ArticleStore) -> None:
    await store.add_articles(
        [
            draft("A", "Body a.", publisher="Reuters"),
            draft("B", "Body b.", publisher="reuters"),
            draft("C", "Body c.", publisher="AP"),
            draft("D", "Body d.", publisher=None),
        ],
        ingested_at=INGESTED_AT,
    )
    counted = await store.publishers()
    assert [(name.lower(), n) for name, n in counted] == [("reuters", 2), ("ap", 1)]
