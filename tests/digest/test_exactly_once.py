"""Exactly once: concurrent posts, a restart between claim and post, failures release the claim."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from bot.core.digest_records import Outcome
from bot.service.digests import Digests, PostError, Trigger
from bot.store import ArticleStore
from tests.digest.conftest import CHANNEL_ID, GUILD_ID, MONDAY_AT, Clock, RecordingPoster


async def test_two_concurrent_posts_produce_one_message(digests: Digests) -> None:
    await digests.configure_channel(GUILD_ID, CHANNEL_ID)
    poster = RecordingPoster()
    results = await asyncio.gather(
        digests.post(GUILD_ID, poster, trigger=Trigger.SCHEDULE, scheduled_at=MONDAY_AT),
        digests.post(GUILD_ID, poster, trigger=Trigger.NOW),
    )
    outcomes = sorted(r.outcome for r in results)
    assert outcomes[1] is Outcome.POSTED or outcomes[0] is Outcome.POSTED
    assert {o for o in outcomes if o is not Outcome.POSTED} <= {
        Outcome.BUSY,
        Outcome.ALREADY_POSTED,
    }
    assert outcomes.count(Outcome.POSTED) == 1
    assert len(poster.posts) == 1
    again = await digests.post(GUILD_ID, poster, trigger=Trigger.NOW)
    assert again.outcome is Outcome.ALREADY_POSTED
    assert again.message_id in {r.message_id for r in results}
    assert len(poster.posts) == 1


async def test_two_processes_racing_on_one_file_post_once(
    store: ArticleStore, tmp_path: Path, clock: Clock
) -> None:
    other = await ArticleStore.open(store.path)
    try:
        first, second = Digests(store, clock=clock), Digests(other, clock=clock)
        await first.configure_channel(GUILD_ID, CHANNEL_ID)
        poster = RecordingPoster()
        results = await asyncio.gather(
            *(d.post(GUILD_ID, poster, trigger=Trigger.SCHEDULE) for d in (first, second))
        )
    finally:
        await other.close()
    assert [r.outcome for r in results].count(Outcome.POSTED) == 1
    assert len(poster.posts) == 1


async def test_restart_between_claim_and_post_does_not_post_twice(
    store: ArticleStore, clock: Clock
) -> None:
    digests = Digests(store, clock=clock)
    await digests.configure_channel(GUILD_ID, CHANNEL_ID)
    key = (GUILD_ID, CHANNEL_ID, "2026-W23")
    # The process that claimed died here: the claim row exists, nothing was posted or marked.
    claim = await store.claim_digest_post(
        key,
        token="dead-process",
        claimed_at=clock(),
        stale_before_at=clock() - timedelta(minutes=15),
        period_start_at=MONDAY_AT - timedelta(days=7),
        period_end_at=MONDAY_AT,
    )
    assert claim.status.value == "claimed"
    await store.close()
    reopened = await ArticleStore.open(store.path)
    try:
        restarted = Digests(reopened, clock=clock)
        poster = RecordingPoster()
        soon = await restarted.post(GUILD_ID, poster, trigger=Trigger.CATCH_UP)
        assert soon.outcome is Outcome.BUSY  # the claim may still be in flight elsewhere
        assert poster.posts == []
        clock.advance(timedelta(minutes=16))
        late = await restarted.post(GUILD_ID, poster, trigger=Trigger.RETRY, scheduled_at=MONDAY_AT)
        assert late.outcome is Outcome.POSTED
        again = await restarted.post(GUILD_ID, poster, trigger=Trigger.NOW)
        assert again.outcome is Outcome.ALREADY_POSTED
        assert len(poster.posts) == 1
        lost = await reopened.mark_digest_posted(
            key, token="dead-process", message_id=1, posted_at=clock(), snapshot="[]"
        )
        assert lost is False  # the dead claimer can no longer overwrite the real post
    finally:
        await reopened.close()


async def test_failure_releases_the_claim_and_is_recorded(digests: Digests) -> None:
    await digests.configure_channel(GUILD_ID, CHANNEL_ID)
    poster = RecordingPoster(failures=[PostError("missing permission", retryable=True)])
    failed = await digests.post(GUILD_ID, poster, trigger=Trigger.SCHEDULE)
    assert failed.outcome is Outcome.FAILED
    assert failed.retryable
    retried = await digests.post(GUILD_ID, poster, trigger=Trigger.RETRY)
    assert retried.outcome is Outcome.POSTED
    status = await digests.status(GUILD_ID)
    assert [a.outcome for a in status.attempts] == ["posted", "failed"]
    assert status.attempts[1].reason == "missing permission"


async def test_quiet_week_posts_a_note_or_nothing_as_chosen(digests: Digests, clock: Clock) -> None:
    await digests.configure_channel(GUILD_ID, CHANNEL_ID)
    clock.advance(timedelta(days=60))
    poster = RecordingPoster()
    noted = await digests.post(GUILD_ID, poster, trigger=Trigger.NOW)
    assert noted.outcome is Outcome.POSTED
    assert poster.posts[0][1].is_quiet
    await digests.configure_schedule(GUILD_ID, post_when_quiet=False)
    clock.advance(timedelta(days=7))
    skipped = await digests.post(GUILD_ID, poster, trigger=Trigger.NOW)
    assert skipped.outcome is Outcome.QUIET_SKIPPED
    assert len(poster.posts) == 1


async def test_next_digest_in_the_channel_reports_what_changed(
    digests: Digests, store: ArticleStore, clock: Clock
) -> None:
    from tests.digest.conftest import wire_copies

    await digests.configure_channel(GUILD_ID, CHANNEL_ID)
    poster = RecordingPoster()
    await digests.post(GUILD_ID, poster, trigger=Trigger.SCHEDULE, scheduled_at=MONDAY_AT)
    [fresh] = wire_copies(MONDAY_AT + timedelta(days=2), ("Bloomberg",))
    await store.add_articles([fresh], ingested_at=clock())
    clock.advance(timedelta(days=7))
    await digests.post(GUILD_ID, poster, trigger=Trigger.SCHEDULE, scheduled_at=clock())
    second = poster.posts[1][1]
    assert second.previous_at is not None
    [grown] = second.changes
    assert grown.change.value == "grew"
    assert grown.new_publishers == ("Bloomberg",)
