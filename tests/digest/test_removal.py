"""Removed articles leave digests: this week's stories, and a story carried over from the last one."""

from __future__ import annotations

from datetime import timedelta

from bot.core.removals import CLI_REMOVER
from bot.service.digests import Digests, Trigger
from bot.service.removal import Removals
from bot.store import ArticleStore
from tests.digest.conftest import (
    CHANNEL_ID,
    GUILD_ID,
    MONDAY_AT,
    Clock,
    RecordingPoster,
    wire_copies,
)


async def _ids_by_publisher(store: ArticleStore) -> dict[str, int]:
    return {a.publisher or "": a.id for a in await store.list_articles()}


async def test_a_removed_article_leaves_the_digest_and_its_story(
    digests: Digests, store: ArticleStore, clock: Clock
) -> None:
    before = await digests.preview(GUILD_ID)
    assert any(s.title == "Heatwave grips southern Spain" for s in before.stories)
    ids = await _ids_by_publisher(store)
    removals = Removals(store, clock=clock)
    await removals.remove([ids["Iberia News"], ids["Nikkei"]], removed_by=CLI_REMOVER)
    after = await digests.preview(GUILD_ID)
    assert after.article_count == before.article_count - 2
    assert all(s.title != "Heatwave grips southern Spain" for s in after.stories)
    for story in after.stories:
        assert "Nikkei" not in story.publishers
        assert ids["Nikkei"] not in {source.article_id for source in story.sources}
    assert ids["Nikkei"] not in {i for s in after.snapshot for i in s.article_ids}


async def test_the_next_digest_does_not_bring_back_an_article_of_the_last_one(
    digests: Digests, store: ArticleStore, clock: Clock
) -> None:
    await digests.configure_channel(GUILD_ID, CHANNEL_ID)
    poster = RecordingPoster()
    await digests.post(GUILD_ID, poster, trigger=Trigger.SCHEDULE, scheduled_at=MONDAY_AT)
    ids = await _ids_by_publisher(store)
    await Removals(store, clock=clock).remove([ids["Taipei Times"]], removed_by=CLI_REMOVER)
    # The story grows, so the next digest links it with last week's articles.
    [fresh] = wire_copies(MONDAY_AT + timedelta(days=2), ("Bloomberg",))
    await store.add_articles([fresh], ingested_at=clock())
    clock.advance(timedelta(days=7))
    await digests.post(GUILD_ID, poster, trigger=Trigger.SCHEDULE, scheduled_at=clock())
    second = poster.posts[1][1]
    [grown] = second.changes
    assert grown.new_publishers == ("Bloomberg",)
    assert set(grown.publishers) == {"Bloomberg", "Nikkei", "Reuters"}
    assert ids["Taipei Times"] not in {source.article_id for source in grown.sources}
    assert ids["Taipei Times"] not in {i for s in second.snapshot for i in s.article_ids}
