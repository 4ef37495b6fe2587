"""Posting exactly once when Discord stores the digest but the answer is lost (5xx after delivery)."""

from __future__ import annotations

from bot.client import BriefBot
from bot.core.digest_records import Outcome, post_nonce
from bot.service.digests import Trigger
from tests.digest.conftest import MONDAY_AT
from tests.discord_double.server import DiscordDouble

PERIOD = "2026-W23"
POSTS = r"^POST /channels/\d+/messages$"


def _posts(double: DiscordDouble) -> list[tuple[int, object]]:
    return [
        (r.status, r.body.get("nonce") if isinstance(r.body, dict) else None)
        for r in double.requests
        if r.method == "POST" and r.path == f"/channels/{double.channel.id}/messages"
    ]


async def _configured(double: DiscordDouble, bot: BriefBot) -> str:
    await bot.digests.configure_channel(double.guild.id, double.channel.id)
    return post_nonce(double.guild.id, double.channel.id, PERIOD)


async def test_accepted_then_502_gives_exactly_one_digest(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    nonce = await _configured(discord_double, digest_bot)
    discord_double.inject_status_after_delivery(POSTS, 502)
    result = await digest_bot.digest_scheduler.run(
        discord_double.guild.id, MONDAY_AT, Trigger.SCHEDULE
    )
    assert result is not None
    assert result.outcome is Outcome.POSTED
    [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert shown.id == result.message_id
    # discord.py repeated the POST after the 502; the enforced nonce returned the first message.
    assert _posts(discord_double) == [(502, nonce), (200, nonce)]


async def test_accepted_then_503_is_found_in_the_channel_by_the_retry(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    await _configured(discord_double, digest_bot)
    guild_id = discord_double.guild.id
    discord_double.inject_status_after_delivery(POSTS, 503)  # discord.py does not repeat a 503
    failed = await digest_bot.digest_scheduler.run(guild_id, MONDAY_AT, Trigger.SCHEDULE)
    assert failed is not None
    assert (failed.outcome, failed.retryable) == (Outcome.FAILED, True)
    [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    retried = await digest_bot.digest_scheduler.run(guild_id, MONDAY_AT, Trigger.RETRY, 1)
    assert retried is not None
    assert (retried.outcome, retried.message_id) == (Outcome.ALREADY_POSTED, shown.id)
    assert len(discord_double.messages(discord_double.channel, include_ephemeral=False)) == 1
    assert len(_posts(discord_double)) == 1


async def test_when_the_channel_cannot_be_read_the_nonce_still_prevents_a_second_digest(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    nonce = await _configured(discord_double, digest_bot)
    guild_id, channel_id = discord_double.guild.id, discord_double.channel.id
    discord_double.inject_status_after_delivery(POSTS, 503)
    await digest_bot.digest_scheduler.run(guild_id, MONDAY_AT, Trigger.SCHEDULE)
    [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    discord_double.inject_status(rf"^GET /channels/{channel_id}/messages$", 503)
    retried = await digest_bot.digests.post(
        guild_id, digest_bot.digest_poster, trigger=Trigger.RETRY, scheduled_at=MONDAY_AT
    )
    assert (retried.outcome, retried.message_id) == (Outcome.POSTED, shown.id)
    assert len(discord_double.messages(discord_double.channel, include_ephemeral=False)) == 1
    assert _posts(discord_double) == [(503, nonce), (200, nonce)]
