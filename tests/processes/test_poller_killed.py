"""kill -9 of a ``briefbot feed poll`` process mid-poll loses nothing and stores nothing twice.

The site answers the first 40 requests and then holds every request: once the victim has a full
set of polls waiting (``concurrent_feeds``), it is killed. A new process polls every feed the
victim had not claimed at once; the feeds the victim claimed but did not finish stay leased to
it until ``BRIEFBOT_FEED_CLAIM_LEASE_SECONDS``, and are polled after that. In the end every feed
is polled, every article stored once, and only the victim's unfinished feeds were asked twice.
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
# Long enough that the first survivor (a fresh interpreter) starts well inside it.
LEASE_SECONDS = 8


async def _unfinished(url: str) -> dict[int, datetime]:
    """Feeds with no successful poll yet (by number on the site), and when they are due."""
    async with await ArticleStore.open(url) as store:
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
    feed_site.release()
    asked_of_victim = dict(feed_site.requests)

    survivor = await start(cli("feed", "poll"), tmp_path, settings, name="survivor")
    assert await survivor.finish() == 0, survivor.output()
    unfinished = await _unfinished(pg_url)
    # What the victim claimed (two batches) and had not finished: its polls in flight, the
    # rest of its batch, and any feed it fetched but had not recorded yet.
    assert in_flight <= set(unfinished)
    claimed = 2 * policy.claim_batch
    assert claimed - ANSWERED_BEFORE_KILL <= len(unfinished) <= claimed - len(in_flight)
    assert {feed_site.requests[n] for n in unfinished} <= {0, 1}  # left to the lease
    finished = set(range(FEEDS)) - set(unfinished)
    assert {feed_site.requests[n] for n in finished} == {1}

    # The victim's claims lapse at the end of its lease: then they are anyone's again.
    lapse_at = max(unfinished.values())
    await asyncio.sleep(max(0.0, (lapse_at - datetime.now(UTC)).total_seconds()) + 0.2)
    restarted = await start(cli("feed", "poll"), tmp_path, settings, name="restarted")
    assert await restarted.finish() == 0, restarted.output()

    assert await _unfinished(pg_url) == {}
    for number in range(FEEDS):
        # Asked twice only when the victim had asked and died before recording the poll.
        again = asked_of_victim.get(number, 0) if number in unfinished else 0
        assert feed_site.requests[number] == 1 + again, number
    assert max(feed_site.requests.values()) == 2
    async with await ArticleStore.open(pg_url) as store:
        assert await store.count_articles() == FEEDS * ITEMS
        feeds = await store.list_feeds()
        assert [feed.items_seen for feed in feeds] == [ITEMS] * FEEDS
