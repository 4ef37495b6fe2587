"""Two processes placing articles in one store's stories: a save lands only over the state it
was computed from, and racing libraries end with every article in exactly one story."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.core.models import Article, ArticleDraft
from bot.core.stories import story_date
from bot.core.story.clusterer import StoryClusterer
from bot.core.story.terms import story_terms
from bot.service.stories import UPDATE_ATTEMPTS, StoryLibrary
from bot.store import ArticleStore
from bot.store.stories import StoriesMovedOnError
from tests.store.conftest import INGESTED_AT, draft

SAVED_AT = datetime(2025, 1, 15, 13, 0, tzinfo=UTC)
EVENTS = (
    ("Bushehr", "earthquake", "Kaki", "Iran"),
    ("Aceh", "landslides", "Takengon", "Indonesia"),
    ("Klitschko", "title fight", "Rahman", "Atlantic City"),
    ("Lohan", "rehab", "Betty Ford", "Malibu"),
)


def _drafts(first: int, count: int) -> list[ArticleDraft]:
    """``count`` reports, a few per event, each worded differently, dated on the event's day."""
    drafts = []
    for number in range(first, first + count):
        name, what, place, country = EVENTS[number % len(EVENTS)]
        drafts.append(
            draft(
                f"{name} {what} report {number}: {place}, {country}",
                f"{name} was in the news after the {what} near {place} in {country}, outlet "
                f"{number} reported. Officials in {country} spoke about {place} and {name}.",
                url=f"https://example.org/{number}",
                publisher=f"Outlet {number}",
                published_at=datetime(2025, 1, 10 + number % len(EVENTS), 9, tzinfo=UTC),
            )
        )
    return drafts


def _place(clusterer: StoryClusterer, articles: Sequence[Article]) -> None:
    for article in sorted(articles, key=lambda a: a.id):
        clusterer.add(article.id, story_terms(article.title, article.body), story_date(article))
    clusterer.consolidate()


async def _all_articles(store: ArticleStore) -> list[Article]:
    return await store.get_articles(await store.unplaced_article_ids(), with_sentences=False)


async def test_a_save_computed_from_a_state_another_writer_moved_on_is_refused(
    store_location: Path | str,
) -> None:
    first = await ArticleStore.open(store_location, workers=1)
    second = await ArticleStore.open(store_location, workers=1)
    try:
        await first.add_articles(_drafts(0, 3), ingested_at=INGESTED_AT)
        early = await first.load_story_clusterer()
        early_articles = await _all_articles(first)
        # The second process loads the same state, a fourth article arrives, and it saves first.
        late = await second.load_story_clusterer()
        await second.add_articles(_drafts(3, 1), ingested_at=INGESTED_AT)
        _place(late, await _all_articles(second))
        await second.save_story_changes(late.drain_changes(), saved_at=SAVED_AT)
        _place(early, early_articles)
        with pytest.raises(StoriesMovedOnError, match="moved on to 4 articles"):
            await first.save_story_changes(early.drain_changes(), saved_at=SAVED_AT)
        # Nothing of the refused save landed: article 4's terms still count, all four placed.
        stored = await first.load_story_clusterer()
        assert stored.document_count == 4
        assert set(stored.story_of) == {1, 2, 3, 4}
        assert stored.frequencies == late.frequencies
    finally:
        await first.close()
        await second.close()


async def test_two_libraries_racing_over_one_store_place_each_article_in_one_story_once(
    store_location: Path | str,
) -> None:
    stores = [await ArticleStore.open(store_location, workers=1) for _ in range(2)]
    libraries = [StoryLibrary(s, clock=lambda: SAVED_AT) for s in stores]
    try:
        added = 0
        for _ in range(6):
            # Each process ingests its own reports and places whatever is unplaced, at once.
            async def ingest_and_place(index: int, first: int) -> int:
                await stores[index].add_articles(_drafts(first, 5), ingested_at=INGESTED_AT)
                return await libraries[index].update()

            placed = await asyncio.gather(
                ingest_and_place(0, added), ingest_and_place(1, added + 5)
            )
            added += 10
            assert sum(placed) <= 10
        await libraries[0].update()
        articles = await stores[0].get_articles(list(range(1, added + 1)), with_sentences=False)
        assert len(articles) == added
        state = await stores[1].load_story_clusterer()
        assert state.document_count == added
        assert sorted(state.story_of) == sorted(a.id for a in articles)
        # Every article's terms counted once: no save was lost or doubled.
        expected: Counter[str] = Counter()
        for article in articles:
            expected.update(story_terms(article.title, article.body).counts.keys())
        assert state.frequencies == expected
        # Each stored story holds its members, is keyed by its first, and no member is shared.
        members = Counter(state.story_of.values())
        assert set(state.stories) == set(members)
        for key, story in state.stories.items():
            assert len(story.article_ids) == members[key] == len(set(story.article_ids))
            assert key == f"s{min(story.article_ids)}"
        # Reports of one event are one story: four events, whatever the interleaving was.
        assert len(state.stories) == len(EVENTS)
    finally:
        for store in stores:
            await store.close()


class _Overtaken(ArticleStore):
    """A store whose every story save is overtaken: a rival process ingests and saves first."""

    rival: tuple[ArticleStore, StoryLibrary]
    reports = 100

    async def save_story_changes(self, *args: Any, **kwargs: Any) -> None:
        """Let the rival place everything and store one more report, then save (refused)."""
        store, library = self.rival
        await library.update()
        await store.add_articles(_drafts(self.reports, 1), ingested_at=INGESTED_AT)
        self.reports += 1
        await super().save_story_changes(*args, **kwargs)


async def test_a_library_always_overtaken_gives_up_without_failing_and_loses_nothing(
    store_location: Path | str, caplog: pytest.LogCaptureFixture
) -> None:
    rival_store = await ArticleStore.open(store_location, workers=1)
    ours = await _Overtaken.open(store_location, workers=1)
    assert isinstance(ours, _Overtaken)
    ours.rival = (rival_store, StoryLibrary(rival_store, clock=lambda: SAVED_AT))
    try:
        await ours.add_articles(_drafts(0, 4), ingested_at=INGESTED_AT)
        library = StoryLibrary(ours, clock=lambda: SAVED_AT)
        library.store = ours  # its unscoped view is a plain store, without the rival's turn
        with caplog.at_level(logging.WARNING, logger="bot.service.stories"):
            assert await library.update() == 0
        assert f"{UPDATE_ATTEMPTS} saves by other processes came first" in caplog.text
        # The rival's saves placed our reports with its own; its last report waits for the
        # next update, which places it: every article in one story, nothing lost.
        count = await rival_store.count_articles()
        assert count == 4 + UPDATE_ATTEMPTS
        assert await rival_store.unplaced_article_ids() == [count]
        assert await ours.rival[1].update() == 1
        state = await rival_store.load_story_clusterer()
        assert sorted(state.story_of) == list(range(1, count + 1))
    finally:
        await ours.close()
        await rival_store.close()
