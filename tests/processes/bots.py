"""Bot processes for the process tests: ``briefbot run`` children on one PostgreSQL store, talking
to the Discord double of the parent test, with every guild's digest due (a missed slot minutes
ago, which each process's start-up catch-up posts)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.digest import period_key
from bot.core.digest_records import DigestAttempt, DigestSettings, Outcome
from bot.store import ArticleStore
from tests.digest.conftest import wire_copies
from tests.discord_double.server import DiscordDouble
from tests.processes.children import Child, bot_run, start

# The slot that was due this long ago: well inside the grace window, so catch-up posts it.
MISSED_BY = timedelta(minutes=3)


def period_zone(now_at: datetime) -> str:
    """A time zone in which the missed slot and now fall in the same digest period (ISO week)."""
    for name in ("UTC", "Asia/Tokyo"):
        zone = ZoneInfo(name)
        if period_key(now_at - MISSED_BY, zone) == period_key(now_at, zone):
            return name
    raise AssertionError("UTC and Tokyo cannot both be at the start of a week")


async def make_digests_due(url: str, channels: Sequence[tuple[int, int]]) -> str:
    """Store a week of articles and, per (guild, channel), a digest whose slot was just missed;
    the period it posts."""
    now_at = datetime.now(UTC)
    zone_name = period_zone(now_at)
    zone = ZoneInfo(zone_name)
    slot_at = (now_at - MISSED_BY).astimezone(zone)
    async with await ArticleStore.open(url) as store:
        outlets = ("Reuters", "Taipei Times", "Nikkei")
        await store.add_articles(
            wire_copies(now_at - timedelta(days=2), outlets), ingested_at=now_at
        )
        for guild_id, channel_id in channels:
            settings = DigestSettings(
                guild_id,
                channel_id,
                slot_at.weekday(),
                slot_at.time().replace(second=0, microsecond=0),
                zone_name,
                schedule_since_at=now_at - timedelta(days=8),
            )
            await store.save_digest_settings(settings, updated_at=now_at - timedelta(days=8))
    return period_key(now_at, zone)


def bot_environment(url: str, double: DiscordDouble, **more: str) -> dict[str, str]:
    """What a bot process needs: the shared store and the double's token (commands global)."""
    return {
        "BRIEFBOT_DATABASE_URL": url,
        "BRIEFBOT_DISCORD_TOKEN": double.token,
        **more,
    }


async def start_bot(
    double: DiscordDouble, folder: Path, settings: dict[str, str], *, name: str
) -> Child:
    """One ``briefbot run`` process against the double."""
    return await start(bot_run(double.url), folder, settings, name=name)


async def eventually(check: Callable[[], object], *, within: float = 30.0) -> None:
    """Wait until ``check()`` is true, looking every 50 ms (for state in another process)."""
    # Another process's state (a socket count, its rows) signals nothing here: look again.
    async with asyncio.timeout(within):
        while not check():  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def attempts(store: ArticleStore, guild_id: int) -> list[DigestAttempt]:
    """Every digest attempt logged for the guild (by any process), oldest first."""
    return list(reversed(await store.digest_attempts(guild_id, limit=1000)))


async def wait_for_attempts(
    store: ArticleStore,
    guild_ids: Sequence[int],
    count: int,
    *,
    trigger: str | None = None,
    within: float = 30.0,
) -> None:
    """Wait until the processes have logged ``count`` digest attempts (of ``trigger``, when
    given) for these guilds in all."""

    async def logged() -> int:
        found = [a for guild_id in guild_ids for a in await attempts(store, guild_id)]
        return sum(1 for a in found if trigger is None or a.trigger == trigger)

    async with asyncio.timeout(within):
        while await logged() < count:  # noqa: ASYNC110 (rows written by other processes)
            await asyncio.sleep(0.1)


async def wait_for_posted(
    store: ArticleStore, guild_ids: Sequence[int], *, within: float = 30.0
) -> None:
    """Wait until every one of these guilds has its "posted" attempt logged (a process logs it
    just after the message is sent)."""

    async def all_logged() -> bool:
        for guild_id in guild_ids:
            if not any(a.outcome == Outcome.POSTED for a in await attempts(store, guild_id)):
                return False
        return True

    async with asyncio.timeout(within):
        while not await all_logged():  # noqa: ASYNC110 (rows written by other processes)
            await asyncio.sleep(0.1)
