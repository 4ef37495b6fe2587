"""Two bot processes on one store: a schedule changed in one reaches the other, which posts once,
at the new time, for the right period; start-up after a fresh schedule records no missed run."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.client import BriefBot
from bot.render.digest_embeds import digest_marker
from bot.scheduler import DigestScheduler
from bot.service import Briefings
from bot.store import ArticleStore
from tests.bot.conftest import bot_settings
from tests.conftest import SEEDS_DIR
from tests.digest.conftest import Clock, wire_copies
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble

# Sunday 2026-06-07, ISO week 23; the Sunday before (2026-05-31) is week 22.
SUNDAY_AT = datetime(2026, 6, 7, 3, 10, tzinfo=UTC)


@contextlib.asynccontextmanager
async def process(
    double: DiscordDouble, path: Path | str, clock: Clock, tmp_path: Path
) -> AsyncIterator[BriefBot]:
    """One bot process: its own store connections on the shared file, its own scheduler."""
    store = await ArticleStore.open(path)
    try:
        service = Briefings(store, seeds_dir=SEEDS_DIR, clock=clock)
        bot = BriefBot(
            service, bot_settings(double, tmp_path), page_timeout=30.0, guild_ready_timeout=0.05
        )
        async with connected(bot, double, wait_ready=True):
            yield bot
    finally:
        await store.close()


async def fire(scheduler: DigestScheduler, guild_id: int) -> None:
    """Run the guild's weekly job the way APScheduler does when its trigger fires."""
    job = scheduler.scheduler.get_job(f"digest:{guild_id}")
    assert job is not None
    await job.func(*job.args)


def _slot(scheduler: DigestScheduler, guild_id: int) -> tuple[int, int, int]:
    # APScheduler counts in real time: compare the weekly slot, not the date of the next run.
    next_at = scheduler.next_run_at(guild_id)
    assert next_at is not None
    return next_at.weekday(), next_at.hour, next_at.minute


async def _ask(double: DiscordDouble, name: str, options: dict[str, object]) -> str:
    answer = await (await double.invoke(name, options)).final_message()
    return answer.visible_text()


async def test_a_schedule_change_in_one_process_moves_the_other_and_it_posts_once(
    discord_double: DiscordDouble, store: ArticleStore, tmp_path: Path
) -> None:
    clock = Clock(SUNDAY_AT)
    await store.add_articles(
        wire_copies(SUNDAY_AT - timedelta(days=4), ("Bloomberg",)), ingested_at=clock()
    )
    guild_id, channel = discord_double.guild.id, discord_double.channel
    async with (
        process(discord_double, store.path, clock, tmp_path / "b") as other,
        process(discord_double, store.path, clock, tmp_path / "a") as handling,
    ):
        # Interactions reach the process that connected last: `handling`.
        await _ask(discord_double, "digest channel", {"channel": channel})
        await _ask(discord_double, "digest schedule", {"day": "sun", "time": "03:17"})
        assert await other.digest_scheduler.sync() == 1
        stale_job = other.digest_scheduler.scheduler.get_job(f"digest:{guild_id}")
        assert stale_job is not None
        moved = await _ask(discord_double, "digest schedule", {"time": "03:20"})
        assert "every Sun at 03:20 (UTC)" in moved

        # 03:17: the other process's job fires before its next poll. It re-reads the store,
        # sees the slot moved, posts nothing (above all not last week's digest) and reschedules.
        clock.now_at = SUNDAY_AT.replace(minute=17)
        assert await stale_job.func(*stale_job.args) is None
        assert discord_double.messages(channel, include_ephemeral=False) == []
        assert _slot(other.digest_scheduler, guild_id) == (6, 3, 20)
        assert await other.digest_scheduler.sync() == 0  # the poll finds nothing new now

        clock.now_at = SUNDAY_AT.replace(minute=20, second=1)
        await fire(other.digest_scheduler, guild_id)
        await fire(handling.digest_scheduler, guild_id)
    [posted] = discord_double.messages(channel, include_ephemeral=False)
    assert posted.embeds[-1]["footer"]["text"] == digest_marker("2026-W23")
    assert "Weekly digest · 2026-05-31 – 2026-06-07" in posted.visible_text()
    attempts = await store.digest_attempts(guild_id, limit=5)
    assert [(a.trigger, a.period, a.outcome) for a in attempts] == [
        ("schedule", "2026-W23", "already posted"),
        ("schedule", "2026-W23", "posted"),
    ]


async def test_the_poll_alone_moves_a_job_scheduled_from_settings_changed_elsewhere(
    discord_double: DiscordDouble, store: ArticleStore, tmp_path: Path
) -> None:
    clock = Clock(SUNDAY_AT)
    guild_id = discord_double.guild.id
    async with process(discord_double, store.path, clock, tmp_path) as bot:
        other_store = await ArticleStore.open(store.path)
        try:
            from bot.service.digests import Digests

            elsewhere = Digests(other_store, clock=clock)
            await elsewhere.configure_channel(guild_id, discord_double.channel.id)
            await elsewhere.configure_schedule(guild_id, weekday="sun", time_of_day="03:17")
            assert bot.digest_scheduler.next_run_at(guild_id) is None
            assert await bot.digest_scheduler.sync() == 1
            assert _slot(bot.digest_scheduler, guild_id) == (6, 3, 17)
            await elsewhere.turn_off(guild_id)
            assert await bot.digest_scheduler.sync() == 1
            assert bot.digest_scheduler.next_run_at(guild_id) is None
        finally:
            await other_store.close()


async def test_start_up_minutes_after_a_fresh_schedule_records_no_missed_run(
    discord_double: DiscordDouble, store: ArticleStore, tmp_path: Path
) -> None:
    clock = Clock(SUNDAY_AT)
    guild_id = discord_double.guild.id
    async with process(discord_double, store.path, clock, tmp_path / "a"):
        await _ask(discord_double, "digest channel", {"channel": discord_double.channel})
        await _ask(discord_double, "digest schedule", {"day": "sun", "time": "03:05"})
    clock.advance(timedelta(minutes=4))
    async with process(discord_double, store.path, clock, tmp_path / "b") as restarted:
        # Last Sunday's 03:05 is 7 days back, but the schedule did not exist then.
        assert await restarted.digest_scheduler.catch_up() == []
        status = await restarted.digests.status(guild_id)
        assert status.attempts == ()
        clock.advance(timedelta(days=7, hours=13))  # down through the next slot, past grace
        assert await restarted.digest_scheduler.catch_up() == []
        [missed] = (await restarted.digests.status(guild_id)).attempts
    assert missed.outcome == "missed"
    assert missed.reason == (
        "the bot was down at the 2026-06-14 03:05 UTC run, 13 h ago, past the 12 h grace window"
    )
