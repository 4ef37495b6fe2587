"""Streams of batches: one transaction each, results in order, the next prepared meanwhile."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from bot.core.models import ArticleDraft
from bot.store import AddStatus, ArticleStore, DraftBatch, StoreWriteError
from tests.store.conftest import INGESTED_AT, draft


async def _stream(batches: Sequence[DraftBatch]) -> AsyncIterator[DraftBatch]:
    for batch in batches:
        yield batch


def _drafts(start: int, count: int) -> list[ArticleDraft]:
    return [
        draft(f"Story {i} on chips", f"Body {i}. More.\n\nTwo {i}.", url=f"u:{i}")
        for i in range(start, start + count)
    ]


@pytest.mark.parametrize("workers", [1, 2])
async def test_batches_get_the_results_add_articles_would_give(
    store_location: Path | str, workers: int
) -> None:
    first, second = _drafts(0, 120), [*_drafts(120, 110), _drafts(0, 1)[0]]
    async with await ArticleStore.open(store_location, workers=workers) as store:
        stream = _stream(
            [
                DraftBatch(first, INGESTED_AT),
                DraftBatch([], INGESTED_AT),
                DraftBatch(second, INGESTED_AT + timedelta(days=1)),
            ]
        )
        results = [r async for r in store.add_batches(stream)]
        assert [len(r) for r in results] == [120, 111]
        assert [r.article_id for r in results[0]] == list(range(1, 121))
        assert [r.article_id for r in results[1]] == [*range(121, 231), 1]
        assert results[1][-1].status is AddStatus.DUPLICATE
        [late] = await store.get_articles([230], with_sentences=False)
    assert late.ingested_at == INGESTED_AT + timedelta(days=1)


async def test_a_failing_batch_keeps_earlier_batches_and_stops_the_stream(
    store: ArticleStore,
) -> None:
    bad = replace(draft("Bad", "Bad body."), language=cast(Any, None))
    stream = _stream(
        [
            DraftBatch(_drafts(0, 3), INGESTED_AT),
            DraftBatch([*_drafts(3, 2), bad], INGESTED_AT),
            DraftBatch(_drafts(10, 2), INGESTED_AT),
        ]
    )
    seen: list[int] = []

    async def consume() -> None:
        async for results in store.add_batches(stream):
            seen.append(len(results))

    with pytest.raises(StoreWriteError, match="none of them was kept"):
        await consume()
    assert seen == [3]
    assert await store.count_articles() == 3


async def test_stopping_early_writes_no_further_batch(store: ArticleStore) -> None:
    stream = _stream([DraftBatch(_drafts(i * 5, 5), INGESTED_AT) for i in range(3)])
    batches = store.add_batches(stream)
    async for results in batches:
        assert len(results) == 5
        break
    await batches.aclose()
    assert await store.count_articles() == 5
    # The store still takes writes afterwards.
    again = await store.add_articles(_drafts(100, 1), ingested_at=INGESTED_AT)
    assert [r.article_id for r in again] == [6]
