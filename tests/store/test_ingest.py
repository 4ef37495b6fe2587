"""Adding articles: ids, round trips, duplicates (URL, content, within a batch) and atomicity."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from bot.core.models import ArticleDraft, CardSection, CardSectionKind, DatePrecision
from bot.core.text import content_hash, sentences_of
from bot.store import AddStatus, ArticleStore, StoreWriteError
from tests.store.conftest import INGESTED_AT, draft


async def test_new_drafts_get_consecutive_ids_and_round_trip(store: ArticleStore) -> None:
    card = (
        CardSection(CardSectionKind.TLDR, ("Chip curbs widen.",)),
        CardSection(CardSectionKind.KEY_TAKEAWAYS, ("Exports fall.", "Prices rise.")),
    )
    first = ArticleDraft(
        title="Chip curbs",
        body="The rules widen. Dr. Lee agrees.\n\nSecond paragraph here.",
        publisher="Reuters",
        original_publisher="Caixin",
        author="Jane Roe",
        url="https://example.com/a?utm=1",
        canonical_url="https://example.com/a",
        language="en",
        published_at=datetime(2024, 3, 1, 8, 30, tzinfo=UTC),
        published_precision=DatePrecision.DAY,
        card=card,
        origin="seeds/a.txt",
    )
    second = draft("Other", "Another body.", url="https://example.com/b")
    results = await store.add_articles([first, second], ingested_at=INGESTED_AT)
    assert [(r.draft_index, r.status, r.article_id) for r in results] == [
        (0, AddStatus.ADDED, 1),
        (1, AddStatus.ADDED, 2),
    ]
    article = await store.get_article(1)
    assert article is not None
    assert (article.title, article.body, article.card) == (first.title, first.body, card)
    assert (article.publisher, article.original_publisher, article.author) == (
        "Reuters",
        "Caixin",
        "Jane Roe",
    )
    assert (article.url, article.canonical_url, article.origin) == (
        first.url,
        first.canonical_url,
        "seeds/a.txt",
    )
    assert article.published_at == first.published_at
    assert article.published_precision is DatePrecision.DAY
    assert article.ingested_at == INGESTED_AT
    assert article.content_hash == content_hash(first.body, card)
    assert article.sentences == tuple(sentences_of(1, first))
    assert article.sentences[-1].section is CardSectionKind.KEY_TAKEAWAYS
    assert await store.count_articles() == 2


async def test_same_canonical_url_is_a_duplicate_naming_the_stored_article(
    store: ArticleStore,
) -> None:
    await store.add_articles(
        [draft("A", "Body one.", url="https://x.org/1")], ingested_at=INGESTED_AT
    )
    [result] = await store.add_articles(
        [draft("A, updated", "A rewritten body.", url="https://x.org/1")], ingested_at=INGESTED_AT
    )
    assert (result.status, result.article_id) == (AddStatus.DUPLICATE, 1)
    assert "URL" in result.reason
    assert "1" in result.reason
    assert await store.count_articles() == 1


async def test_same_content_under_another_url_is_a_duplicate(store: ArticleStore) -> None:
    await store.add_articles(
        [draft("A", "Chips are scarce.\n\nVery scarce.", url="https://x.org/1")],
        ingested_at=INGESTED_AT,
    )
    # Whitespace, case and punctuation changes do not make new content.
    [result] = await store.add_articles(
        [draft("A copy", "chips ARE scarce\n\n\nvery  scarce!", url="https://mirror.org/9")],
        ingested_at=INGESTED_AT,
    )
    assert (result.status, result.article_id) == (AddStatus.DUPLICATE, 1)
    assert "content" in result.reason


async def test_duplicates_within_one_batch_point_at_the_first_copy(store: ArticleStore) -> None:
    results = await store.add_articles(
        [
            draft("A", "Body A.", url="https://x.org/a"),
            draft("B", "Body B.", url="https://x.org/a"),
            draft("C", "Body A.", url="https://x.org/c"),
            draft("D", "Body D.", url=None),
        ],
        ingested_at=INGESTED_AT,
    )
    assert [(r.status, r.article_id) for r in results] == [
        (AddStatus.ADDED, 1),
        (AddStatus.DUPLICATE, 1),
        (AddStatus.DUPLICATE, 1),
        (AddStatus.ADDED, 2),
    ]
    assert await store.count_articles() == 2


async def test_adding_the_same_batch_twice_adds_nothing_the_second_time(
    store: ArticleStore,
) -> None:
    batch = [draft(f"T{i}", f"Body {i}.", url=f"https://x.org/{i}") for i in range(5)]
    await store.add_articles(batch, ingested_at=INGESTED_AT)
    again = await store.add_articles(batch, ingested_at=INGESTED_AT + timedelta(days=1))
    assert {r.status for r in again} == {AddStatus.DUPLICATE}
    assert [r.article_id for r in again] == [1, 2, 3, 4, 5]
    assert await store.count_articles() == 5


async def test_a_failing_draft_mid_batch_leaves_nothing_of_the_batch(store: ArticleStore) -> None:
    await store.add_articles([draft("Kept", "Kept body.")], ingested_at=INGESTED_AT)
    bad = replace(draft("Bad", "Bad body about chips."), language=cast(Any, None))
    batch = [draft("Good chips", "Good body about chips."), bad, draft("Late", "Late body.")]
    with pytest.raises(StoreWriteError, match="none of them was kept"):
        await store.add_articles(batch, ingested_at=INGESTED_AT)
    assert await store.count_articles() == 1
    assert await store.search(["chips"]) == []
    # The store is still usable and the good drafts can go in afterwards.
    results = await store.add_articles([batch[0], batch[2]], ingested_at=INGESTED_AT)
    assert [r.status for r in results] == [AddStatus.ADDED, AddStatus.ADDED]
    assert [h.article.title for h in await store.search(["chips"])] == ["Good chips"]


async def test_big_batches_prepared_by_worker_processes_match_small_ones(
    store_location: Path | str,
) -> None:
    drafts = [
        draft(f"Article {i} on chips", f"Body {i}. More text.\n\nPart two {i}.", url=f"u:{i}")
        for i in range(130)
    ]
    bad = replace(drafts[120], language=cast(Any, None), url="u:bad", body="Unique bad body.")
    async with await ArticleStore.open(store_location, workers=2) as store:
        with pytest.raises(StoreWriteError):
            await store.add_articles([*drafts[:120], bad], ingested_at=INGESTED_AT)
        assert await store.count_articles() == 0
        results = await store.add_articles(drafts, ingested_at=INGESTED_AT)
        assert [r.article_id for r in results] == list(range(1, 131))
        stored = await store.get_articles([1, 130])
    assert [a.sentences for a in stored] == [
        tuple(sentences_of(1, drafts[0])),
        tuple(sentences_of(130, drafts[129])),
    ]


async def test_naive_datetimes_are_refused(store: ArticleStore) -> None:
    naive = draft("Naive", "Body.", published_at=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="naive"):
        await store.add_articles([naive], ingested_at=INGESTED_AT)
    with pytest.raises(ValueError, match="naive"):
        await store.add_articles([draft("X", "Y.")], ingested_at=datetime(2024, 1, 1))


async def test_an_empty_batch_does_nothing(store: ArticleStore) -> None:
    assert await store.add_articles([], ingested_at=INGESTED_AT) == []
    assert await store.count_articles() == 0
