"""kill -9 of one of two bot processes mid-digest: the survivor posts the digest exactly once.

The victim starts alone and its start-up catch-up claims the just-missed slot; the double holds
its post, either before Discord takes it (the message never exists) or after (the message exists,
the answer is lost). The survivor starts meanwhile: its catch-up finds the claim busy and comes
back once the claim can be stale (``BRIEFBOT_DIGEST_STALE_CLAIM_SECONDS``). The victim is killed;
the survivor takes the stale claim over, looks in the channel, and posts only if nothing is there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.digest_records import Outcome
from bot.store import ArticleStore
from tests.discord_double.server import DiscordDouble
from tests.processes.bots import (
    attempts,
    bot_environment,
    make_digests_due,
    start_bot,
    wait_for_attempts,
)
from tests.processes.children import running

POST_ROUTE = r"^POST /channels/\d+/messages$"
# Longer than the survivor needs to start (a fresh interpreter, 3-5 s on a loaded 2-core
# machine), so it first finds the victim's claim busy.
STALE_SECONDS = 10


@pytest.mark.parametrize("delivered", [False, True], ids=["before-delivery", "after-delivery"])
async def test_a_bot_killed_mid_digest_loses_nothing_and_posts_nothing_twice(
    discord_double: DiscordDouble, pg_url: str, tmp_path: Path, delivered: bool
) -> None:
    guild, channel = discord_double.guild, discord_double.channel
    period = await make_digests_due(pg_url, [(guild.id, channel.id)])
    discord_double.wait_limit = 30.0
    victims_post = discord_double.hold(POST_ROUTE, after_delivery=delivered)
    settings = bot_environment(
        pg_url, discord_double, BRIEFBOT_DIGEST_STALE_CLAIM_SECONDS=str(STALE_SECONDS)
    )
    victim = await start_bot(discord_double, tmp_path, settings, name="victim")
    async with running(victim), await ArticleStore.open(pg_url, workers=1) as store:
        await victims_post.wait_arrived(within=30.0)
        assert await store.digest_post_state((guild.id, channel.id, period)) == "claimed"
        survivor = await start_bot(discord_double, tmp_path, settings, name="survivor")
        async with running(survivor):
            await wait_for_attempts(store, [guild.id], 1)
            [busy] = await attempts(store, guild.id)
            assert (busy.trigger, busy.outcome) == ("catch-up", Outcome.BUSY), (
                f"the survivor started after the victim's claim went stale ({STALE_SECONDS} s)"
            )
            assert await victim.kill() == -9
            victims_post.release()
            await wait_for_attempts(store, [guild.id], 2, within=STALE_SECONDS + 20.0)
            stored = await store.find_digest_post((guild.id, channel.id, period))
            logged = await attempts(store, guild.id)
    [posted] = discord_double.messages(channel, include_ephemeral=False)
    assert stored is not None
    assert stored.message_id == posted.id
    finish = logged[1]
    assert finish.trigger == "retry"
    assert finish.outcome == (Outcome.ALREADY_POSTED if delivered else Outcome.POSTED)
    assert len(logged) == 2
    # The victim's held post reached Discord only when delivered; the survivor then sent none.
    sent = [r for r in discord_double.requests if re.match(POST_ROUTE, f"{r.method} {r.path}")]
    assert len(sent) == 1
    looked = [r for r in discord_double.requests if r.method == "GET" and "/messages" in r.path]
    assert looked, "the survivor looked in the channel before posting"
