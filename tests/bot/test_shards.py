"""Two bot processes as shards 0 and 1 of 2 on one store, through the sharding Discord double."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.client import BriefBot
from bot.core.shards import shard_of
from bot.service import Briefings
from bot.service.digests import Digests
from bot.settings import Settings
from bot.store import ArticleStore
from tests.conftest import SEEDS_DIR
from tests.discord_double.guilds import ExtraGuild, add_guild
from tests.discord_double.harness import connected, pointed_at
from tests.discord_double.server import DiscordDouble

NOW_AT = datetime(2026, 6, 1, tzinfo=UTC)


def other_shard_guild(double: DiscordDouble) -> ExtraGuild:
    """A second server that lands on the other of two shards than the standard one."""
    while True:
        extra = add_guild(double, "Rivals")
        if shard_of(extra.guild.id, 2) != shard_of(double.guild.id, 2):
            return extra
        double.hub.world.guilds.remove(extra.guild)


@contextlib.asynccontextmanager
async def shard_process(
    double: DiscordDouble, path: Path, shard_id: int, *, sync: bool
) -> AsyncIterator[BriefBot]:
    """One bot process: its own store connections on the shared file, running one shard of two."""
    store = await ArticleStore.open(path)
    settings = Settings(
        discord_token=double.token,
        dev_guild_id=None,
        database_path=path,
        seeds_dir=SEEDS_DIR,
        shard_count=2,
        shard_ids=str(shard_id),
    )
    service = Briefings(store, seeds_dir=SEEDS_DIR, clock=lambda: NOW_AT)
    bot = BriefBot(
        service, settings, sync_on_start=sync, page_timeout=30.0, guild_ready_timeout=0.2
    )
    try:
        async with connected(bot, double, wait_ready=True, shard_id=shard_id):
            yield bot
    finally:
        await store.close()


@pytest.fixture
async def store_path(tmp_path: Path) -> Path:
    """A seeded store file with both servers' digests configured."""
    path = tmp_path / "briefbot.db"
    async with await ArticleStore.open(path) as store:
        service = Briefings(store, seeds_dir=SEEDS_DIR, clock=lambda: NOW_AT)
        await service.ensure_seeded()
    return path


async def test_each_shard_process_serves_only_its_own_servers(
    discord_double: DiscordDouble, store_path: Path
) -> None:
    second = other_shard_guild(discord_double)
    first_shard = shard_of(discord_double.guild.id, 2)
    async with await ArticleStore.open(store_path) as store:
        digests = Digests(store, clock=lambda: NOW_AT)
        await digests.configure_channel(discord_double.guild.id, discord_double.channel.id)
        await digests.configure_channel(second.guild.id, second.channel.id)
    with pointed_at(discord_double):
        async with (
            shard_process(discord_double, store_path, 0, sync=True) as zero,
            shard_process(discord_double, store_path, 1, sync=False) as one,
        ):
            await discord_double.wait_for_commands()
            assert discord_double.gateway.shards == {0: (0, 2), 1: (1, 2)}
            asked = sorted(p["shard"] for p in discord_double.hub.identify_payloads)
            assert asked == [[0, 2], [1, 2]]
            by_shard = {0: zero, 1: one}
            mine, theirs = by_shard[first_shard], by_shard[1 - first_shard]
            # Each process's guild cache holds only its shard's servers.
            assert {g.id for g in mine.guilds} == {discord_double.guild.id}
            assert {g.id for g in theirs.guilds} == {second.guild.id}
            # Scheduled digests: each process schedules only its own server's.
            assert mine.digest_scheduler.next_run_at(discord_double.guild.id) is not None
            assert mine.digest_scheduler.next_run_at(second.guild.id) is None
            assert theirs.digest_scheduler.next_run_at(second.guild.id) is not None
            assert theirs.digest_scheduler.next_run_at(discord_double.guild.id) is None
            # Interactions reach the process that serves the server, in both servers.
            for guild, channel, user in (
                (discord_double.guild, discord_double.channel, discord_double.admin),
                (second.guild, second.channel, second.admin),
            ):
                handle = await discord_double.invoke(
                    "brief", {"topic": "chips"}, guild=guild, channel=channel, user=user
                )
                answer = await handle.final_message()
                assert "chip" in answer.visible_text().lower()
                assert discord_double.gateway.dispatched_to[-1] == (
                    "INTERACTION_CREATE",
                    shard_of(guild.id, 2),
                )
