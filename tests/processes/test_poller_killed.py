"""kill -9 of a ``briefbot feed poll`` process mid-poll loses nothing and stores nothing twice.

The site answers the first 40 requests and then holds every request: once the victim has a poll
waiting in each of its slots (``concurrent_feeds``), it is killed. What it had claimed and not
finished stays leased to it until ``BRIEFBOT_FEED_CLAIM_LEASE_SECONDS``: a survivor started at
once polls every other feed, and those only once the lease has lapsed (in its own pass if it is
still polling then, or in a process started after). In the end every feed is polled, every
article stored once, and only the victim's unfinished feeds were asked twice.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from bot.service.feeds import FeedPolicy
from bot.store import ArticleStore
from tests.processes.children import cli, start
from tests.processes.conftest import FEEDS, ITEMS, follow_all, poller_settings
from tests.processes.feed_site import FeedSite

ANSWERED_BEFORE_KILL = 40
LEASE_SECONDS = 5


async def _unfinished(url: str) -> dict[int, datetime]:
    """Feeds with no successful poll yet (by number on the site), and when they are due."""
    async with await ArticleStore.open(url, workers=1) as store:
        feeds = await store.list_feeds()
    return {
        int(feed.url.rsplit("/", 1)[1].removesuffix(".xml")): feed.next_poll_at
        for feed in feeds
        if feed.last_success_at is None
    }


async def test_a_poller_killed_mid_poll_loses_nothing_and_polls_nothing_twice(
    pg_url: str, feed_site: FeedSite, tmp_path: Path
) -> None:
    await follow_all(pg_url, feed_site)
    policy = FeedPolicy()
    settings = poller_settings(pg_url, BRIEFBOT_FEED_CLAIM_LEASE_SECONDS=str(LEASE_SECONDS))
    feed_site.hold_after(ANSWERED_BEFORE_KILL)
    victim = await start(cli("feed", "poll"), tmp_path, settings, name="victim")
    in_flight = await feed_site.wait_held(at_least=policy.concurrent_feeds)
    assert await victim.kill() == -9
    killed_at = datetime.now(UTC)
    feed_site.release()
    asked_of_victim = dict(feed_site.requests)
    # The victim's claims: unfinished feeds not due before their lease lapses.
    leased = {n: due_at for n, due_at in (await _unfinished(pg_url)).items() if due_at > killed_at}
    assert in_flight <= set(leased)
    assert len(leased) <= policy.concurrent_feeds * policy.claim_batch

    survivor = await start(cli("feed", "poll"), tmp_path, settings, name="survivor")
    assert await survivor.finish() == 0, survivor.output()
    lapse_at = max(leased.values())
    await asyncio.sleep(max(0.0, (lapse_at - datetime.now(UTC)).total_seconds()) + 0.2)
    restarted = await start(cli("feed", "poll"), tmp_path, settings, name="restarted")
    assert await restarted.finish() == 0, restarted.output()

    assert await _unfinished(pg_url) == {}
    for number, due_at in leased.items():
        after_kill = [at for at in feed_site.asked_at[number] if at > killed_at]
        assert len(after_kill) == 1
        assert after_kill[0] >= due_at, f"feed {number} polled while the victim's lease held"
    for number in range(FEEDS):
        # Asked twice only when the victim had asked and died before recording the poll.
        again = asked_of_victim.get(number, 0) if number in leased else 0
        assert feed_site.requests[number] == 1 + again, number
    async with await ArticleStore.open(pg_url, workers=1) as store:
        assert await store.count_articles() == FEEDS * ITEMS
        feeds = await store.list_feeds()
        assert [feed.items_seen for feed in feeds] == [ITEMS] * FEEDS
