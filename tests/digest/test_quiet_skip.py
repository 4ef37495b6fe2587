"""A quiet week left unposted is a skip, not a post: scheduled runs leave it, /digest now can post."""

from __future__ import annotations

from datetime import timedelta

from bot.client import BriefBot
from bot.core.digest_records import Outcome
from bot.service.digests import Trigger
from bot.store import ArticleStore
from tests.digest.conftest import MONDAY_AT, Clock, wire_copies
from tests.discord_double.server import DiscordDouble

QUIET_MONDAY_AT = MONDAY_AT + timedelta(days=28)  # 2026-06-29, nothing published the week before


async def test_a_skipped_quiet_week_can_still_be_posted_with_digest_now(
    discord_double: DiscordDouble, digest_bot: BriefBot, store: ArticleStore, clock: Clock
) -> None:
    guild_id, channel = discord_double.guild.id, discord_double.channel
    await digest_bot.digests.configure_channel(guild_id, channel.id)
    await digest_bot.digests.configure_schedule(guild_id, post_when_quiet=False)
    clock.now_at = QUIET_MONDAY_AT
    scheduler = digest_bot.digest_scheduler
    skipped = await scheduler.run(guild_id, QUIET_MONDAY_AT, Trigger.SCHEDULE)
    assert skipped is not None
    assert (skipped.outcome, skipped.period) == (Outcome.QUIET_SKIPPED, "2026-W27")
    assert await store.find_digest_post((guild_id, channel.id, "2026-W27")) is None
    assert await digest_bot.digests.period_state(guild_id, QUIET_MONDAY_AT) == "skipped"
    again = await scheduler.run(guild_id, QUIET_MONDAY_AT, Trigger.CATCH_UP)
    assert again is not None
    assert again.outcome is Outcome.ALREADY_SKIPPED
    clock.advance(timedelta(days=1))
    assert await scheduler.catch_up() == []  # handled: neither re-run nor recorded as missed

    clock.advance(timedelta(days=1))  # Wednesday: news arrives after the skipped run
    await store.add_articles(
        wire_copies(clock() - timedelta(hours=6), ("Bloomberg",)), ingested_at=clock()
    )
    answer = await (await discord_double.invoke("digest now")).final_message()
    assert answer.visible_text() == f"Posted the digest for 2026-W27 in <#{channel.id}>."
    [posted] = discord_double.messages(channel, include_ephemeral=False)
    assert "Taiwan chipmakers" in posted.visible_text()
    repeat = await (await discord_double.invoke("digest now")).final_message()
    assert "already posted" in repeat.visible_text()
    assert len(discord_double.messages(channel, include_ephemeral=False)) == 1


async def test_digest_now_in_a_still_quiet_week_keeps_the_skip(
    digest_bot: BriefBot, discord_double: DiscordDouble, clock: Clock
) -> None:
    guild_id = discord_double.guild.id
    await digest_bot.digests.configure_channel(guild_id, discord_double.channel.id)
    await digest_bot.digests.configure_schedule(guild_id, post_when_quiet=False)
    clock.now_at = QUIET_MONDAY_AT
    poster = digest_bot.digest_poster
    await digest_bot.digests.post(guild_id, poster, trigger=Trigger.SCHEDULE)
    now = await digest_bot.digests.post(guild_id, poster, trigger=Trigger.NOW)
    assert now.outcome is Outcome.QUIET_SKIPPED
    assert await digest_bot.digests.period_state(guild_id, QUIET_MONDAY_AT) == "skipped"
    assert discord_double.messages(discord_double.channel, include_ephemeral=False) == []
