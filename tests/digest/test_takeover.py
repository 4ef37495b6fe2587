"""A stale claim taken over is reconciled with the channel: the dead process's post is never repeated."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.client import BriefBot
from bot.core.digest_records import DigestAttempt, Outcome, post_nonce
from bot.render.digest_embeds import digest_marker
from bot.service.digests import STALE_CLAIM, Trigger
from bot.store import ArticleStore
from bot.store.digests import ClaimStatus
from tests.digest.conftest import MONDAY_AT, Clock
from tests.discord_double.server import DiscordDouble
from tests.discord_double.state import RecordedMessage

PERIOD = "2026-W23"
FOUND = "found in the channel after a restart or a failed send"


async def _dead_process_claims(
    store: ArticleStore, clock: Clock, key: tuple[int, int, str]
) -> None:
    claim = await store.claim_digest_post(
        key,
        token="dead-process",
        claimed_at=clock(),
        stale_before_at=clock() - STALE_CLAIM,
        period_start_at=MONDAY_AT - timedelta(days=7),
        period_end_at=MONDAY_AT,
    )
    assert claim.status is ClaimStatus.CLAIMED


def _history_reads(double: DiscordDouble) -> list[tuple[dict[str, str], int]]:
    return [
        (r.query, r.status)
        for r in double.requests
        if r.method == "GET" and r.path == f"/channels/{double.channel.id}/messages"
    ]


async def _configured(double: DiscordDouble, bot: BriefBot) -> tuple[int, int, str]:
    await bot.digests.configure_channel(double.guild.id, double.channel.id)
    return double.guild.id, double.channel.id, PERIOD


async def test_takeover_finds_the_message_a_dead_process_sent_and_does_not_post_again(
    discord_double: DiscordDouble, digest_bot: BriefBot, store: ArticleStore, clock: Clock
) -> None:
    key = await _configured(discord_double, digest_bot)
    guild_id, channel_id, _ = key
    await _dead_process_claims(store, clock, key)
    digest = await digest_bot.digests.build(guild_id, channel_id=channel_id, until_at=MONDAY_AT)
    # Discord accepted the dead process's message; it died before marking the claim posted.
    sent_id = await digest_bot.digest_poster.post(
        channel_id, digest, period=PERIOD, nonce=post_nonce(guild_id, channel_id, PERIOD)
    )
    clock.advance(STALE_CLAIM + timedelta(minutes=1))
    result = await digest_bot.digests.post(
        guild_id, digest_bot.digest_poster, trigger=Trigger.RETRY, scheduled_at=MONDAY_AT
    )
    assert result.outcome is Outcome.ALREADY_POSTED
    assert result.message_id == sent_id
    assert result.reason == FOUND
    [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert shown.id == sent_id
    assert shown.embeds[-1]["footer"]["text"] == digest_marker(PERIOD)
    row = await store.find_digest_post(key)
    assert row is not None
    assert row.message_id == sent_id
    assert row.snapshot != "[]"  # the next digest can still say what changed
    again = await digest_bot.digests.post(guild_id, digest_bot.digest_poster, trigger=Trigger.NOW)
    assert (again.outcome, again.message_id) == (Outcome.ALREADY_POSTED, sent_id)
    assert _history_reads(discord_double) == [({"limit": "50"}, 200)]
    status = await digest_bot.digests.status(guild_id)
    assert status.attempts[1].reason == FOUND


async def test_takeover_posts_once_when_only_other_digests_and_quotes_are_in_the_channel(
    discord_double: DiscordDouble, digest_bot: BriefBot, store: ArticleStore, clock: Clock
) -> None:
    key = await _configured(discord_double, digest_bot)
    guild_id, channel_id, _ = key
    earlier = await digest_bot.digests.build(guild_id, until_at=MONDAY_AT - timedelta(days=7))
    last_week = await digest_bot.digest_poster.post(
        channel_id, earlier, period="2026-W22", nonce=post_nonce(guild_id, channel_id, "2026-W22")
    )
    world = discord_double.hub.world
    quote = RecordedMessage(world.ids.next_id(), channel_id, guild_id, discord_double.admin)
    quote.embeds = [{"type": "rich", "title": "look", "footer": {"text": digest_marker(PERIOD)}}]
    world.messages[quote.id] = quote
    await _dead_process_claims(store, clock, key)
    clock.advance(STALE_CLAIM + timedelta(minutes=1))
    result = await digest_bot.digests.post(
        guild_id, digest_bot.digest_poster, trigger=Trigger.RETRY, scheduled_at=MONDAY_AT
    )
    assert result.outcome is Outcome.POSTED
    shown = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert [m.id for m in shown] == [last_week, quote.id, result.message_id]
    assert len(_history_reads(discord_double)) == 1


async def test_a_fresh_claim_does_not_read_the_history(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    guild_id, _, _ = await _configured(discord_double, digest_bot)
    result = await digest_bot.digests.post(guild_id, digest_bot.digest_poster, trigger=Trigger.NOW)
    assert result.outcome is Outcome.POSTED
    assert _history_reads(discord_double) == []


@pytest.mark.parametrize("status", [403, 503])
async def test_unreadable_history_falls_back_to_posting_once(
    discord_double: DiscordDouble,
    digest_bot: BriefBot,
    clock: Clock,
    caplog: pytest.LogCaptureFixture,
    status: int,
) -> None:
    store = digest_bot.digests.store
    key = await _configured(discord_double, digest_bot)
    guild_id, channel_id, _ = key
    await _dead_process_claims(store, clock, key)
    clock.advance(STALE_CLAIM + timedelta(minutes=1))
    discord_double.inject_status(rf"^GET /channels/{channel_id}/messages$", status)
    with caplog.at_level(logging.WARNING, logger="bot.service.digests"):
        result = await digest_bot.digests.post(
            guild_id, digest_bot.digest_poster, trigger=Trigger.RETRY, scheduled_at=MONDAY_AT
        )
    assert result.outcome is Outcome.POSTED
    [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert shown.id == result.message_id
    assert _history_reads(discord_double) == [({"limit": "50"}, status)]
    assert any("posting anyway" in r.getMessage() for r in caplog.records)
    row = await store.find_digest_post(key)
    assert row is not None
    assert row.message_id == result.message_id


async def test_a_retry_after_a_failed_send_that_was_delivered_does_not_post_again(
    discord_double: DiscordDouble, digest_bot: BriefBot, store: ArticleStore, clock: Clock
) -> None:
    guild_id, channel_id, _ = await _configured(discord_double, digest_bot)
    digest = await digest_bot.digests.build(guild_id, channel_id=channel_id, until_at=MONDAY_AT)
    # Discord stored the message but the answer was lost (a 5xx after delivery): the attempt
    # was logged as failed and the claim released.
    delivered_id = await digest_bot.digest_poster.post(
        channel_id, digest, period=PERIOD, nonce=post_nonce(guild_id, channel_id, PERIOD)
    )
    failed = DigestAttempt(
        guild_id,
        channel_id,
        PERIOD,
        clock(),
        Trigger.SCHEDULE,
        Outcome.FAILED,
        "Discord answered 503",
    )
    await store.record_digest_attempt(failed)
    result = await digest_bot.digests.post(
        guild_id, digest_bot.digest_poster, trigger=Trigger.RETRY, scheduled_at=MONDAY_AT
    )
    assert (result.outcome, result.message_id) == (Outcome.ALREADY_POSTED, delivered_id)
    assert len(discord_double.messages(discord_double.channel, include_ephemeral=False)) == 1
    assert len(_history_reads(discord_double)) == 1
