"""Stored story state on both backends: a reload places the next article as the live state."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.core.models import DatePrecision
from bot.core.stories import date_span
from bot.core.story.terms import story_terms
from bot.store import ArticleStore
from tests.store.conftest import INGESTED_AT, draft

QUAKE = (
    "Magnitude 6.1 earthquake strikes Bushehr province in Iran, killing 37 people",
    "The quake hit Kaki near Bushehr on Tuesday, Iranian state television said.",
)
SAVED_AT = datetime(2025, 1, 15, 13, 0, tzinfo=UTC)


async def test_a_span_known_only_to_a_year_stays_so_through_the_store(
    store_location: Path | str,
) -> None:
    store = await ArticleStore.open(store_location, workers=1)
    try:
        await store.add_articles([draft(*QUAKE)], ingested_at=INGESTED_AT)
        live = await store.load_story_clusterer()
        year = date_span(datetime(2024, 1, 1, tzinfo=UTC), DatePrecision.YEAR)
        live.add(1, story_terms(*QUAKE), year)
        live.consolidate()
        await store.save_story_changes(live.drain_changes(), saved_at=SAVED_AT)
        restored = await store.load_story_clusterer()
    finally:
        await store.close()
    story = restored.stories["s1"]
    assert (story.first_at, story.last_at, story.wide) == (
        datetime(2024, 1, 1, tzinfo=UTC),
        datetime(2024, 12, 31, tzinfo=UTC),
        True,
    )
    # Both take July's report and narrow the story to its day.
    july = datetime(2024, 7, 4, 9, 30, tzinfo=UTC)
    for clusterer in (live, restored):
        assert clusterer.add(2, story_terms(*QUAKE), july) == "s1"
        assert (clusterer.stories["s1"].first_at, clusterer.stories["s1"].wide) == (july, False)
