"""100 racing ``/digest now`` and the scheduled runs of two bot processes on one PostgreSQL store:
exactly one post per channel and period.

Two ``briefbot run`` processes serve the same three servers (two replicas, as when an old and a
new deployment overlap): both start with every server's weekly slot just missed, so each one's
catch-up tries to post all three digests, while 100 ``/digest now`` are dispatched at once, in
turns to both processes. The double holds the first post to each channel until every other
attempt has been logged, so every claim is made while a post is in flight.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from bot.core.digest_records import Outcome
from bot.store import ArticleStore
from tests.discord_double.guilds import add_guild
from tests.discord_double.interactions import InteractionHandle
from tests.discord_double.server import DiscordDouble
from tests.processes.bots import (
    attempts,
    bot_environment,
    eventually,
    make_digests_due,
    start_bot,
    wait_for_attempts,
    wait_for_posted,
)
from tests.processes.children import running

RACING = 100
POST_ROUTE = r"^POST /channels/\d+/messages$"


async def test_racing_digest_now_and_scheduled_runs_post_once_per_channel_and_period(
    discord_double: DiscordDouble, pg_url: str, tmp_path: Path
) -> None:
    others = [add_guild(discord_double, name) for name in ("Rivals", "Allies")]
    servers = [(discord_double.guild, discord_double.channel)]
    servers += [(extra.guild, extra.channel) for extra in others]
    admins = [discord_double.admin, *(extra.admin for extra in others)]
    period = await make_digests_due(pg_url, [(g.id, c.id) for g, c in servers])
    guild_ids = [guild.id for guild, _ in servers]
    # Two bot processes and the double share two CPU cores here: Discord's 3 s to answer an
    # interaction is not what is under test.
    discord_double.response_deadline = 20.0
    discord_double.wait_limit = 30.0
    discord_double.gateway.spread_interactions = True
    first_posts = discord_double.hold(POST_ROUTE, times=len(servers))
    settings = bot_environment(pg_url, discord_double)
    bots = [await start_bot(discord_double, tmp_path, settings, name=f"bot{n}") for n in (0, 1)]
    async with running(*bots), await ArticleStore.open(pg_url, workers=1) as store:
        await eventually(lambda: discord_double.gateway.connection_count == 2)
        await discord_double.wait_until(
            lambda: {c["name"] for c in discord_double.commands()} >= {"digest"}
        )

        async def now(n: int) -> InteractionHandle:
            guild, channel = servers[n % len(servers)]
            admin = admins[n % len(servers)]
            return await discord_double.invoke(
                "digest now", guild=guild, channel=channel, user=admin
            )

        handles = await asyncio.gather(*(now(n) for n in range(RACING)))
        await asyncio.gather(*(handle.acknowledged() for handle in handles))
        # Every /digest now claims right after it is acknowledged; all but the (at most one
        # per channel) first claimers log "busy" while the first posts are held.
        await wait_for_attempts(store, guild_ids, RACING - len(servers), trigger="now")
        await eventually(lambda: len(first_posts.held) == len(servers))  # each winner posting
        first_posts.release()
        answers = [await handle.final_message() for handle in handles]
        await eventually(
            lambda: all(discord_double.messages(c, include_ephemeral=False) for _, c in servers)
        )
        await wait_for_posted(store, guild_ids)
        logged = {g.id: await attempts(store, g.id) for g, _ in servers}
        for guild, channel in servers:
            [posted] = discord_double.messages(channel, include_ephemeral=False)
            sent = [
                r
                for r in discord_double.requests
                if re.match(POST_ROUTE, f"{r.method} {r.path}") and str(channel.id) in r.path
            ]
            assert len(sent) == 1, f"{len(sent)} posts to the channel of {guild.name}"
            stored = await store.find_digest_post((guild.id, channel.id, period))
            assert stored is not None
            assert stored.message_id == posted.id
            outcomes = [a.outcome for a in logged[guild.id]]
            assert outcomes.count(Outcome.POSTED) == 1, outcomes
            assert set(outcomes) <= {Outcome.POSTED, Outcome.BUSY, Outcome.ALREADY_POSTED}
            assert {a.period for a in logged[guild.id]} == {period}
    every = [a for found in logged.values() for a in found]
    assert sum(a.trigger == "now" for a in every) == RACING
    assert sum(a.trigger == "catch-up" for a in every) >= 2  # each process's start-up
    assert sum(a.outcome == Outcome.BUSY for a in every) >= RACING - len(servers)
    assert all(answer.visible_text() for answer in answers)
    sessions = {
        session
        for event, session in discord_double.gateway.dispatched_sessions
        if event == "INTERACTION_CREATE"
    }
    assert len(sessions) == 2, "both processes answered /digest now"
