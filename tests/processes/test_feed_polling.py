"""Two ``briefbot feed poll`` processes on one PostgreSQL store poll each of 200 feeds once.

The site holds its answers until more requests are in flight than one process ever sends at once
(``FeedPolicy.concurrent_feeds``), so both processes are provably polling together; it counts
the requests of every feed.
"""

from __future__ import annotations

from pathlib import Path

from bot.core.urls import canonicalise_url
from bot.service.feeds import FeedPolicy
from bot.store import ArticleStore
from tests.processes.children import cli, start
from tests.processes.conftest import FEEDS, ITEMS, follow_all, poller_settings
from tests.processes.feed_site import FeedSite, item_slug


async def test_two_processes_poll_every_feed_once_and_store_every_article_once(
    pg_url: str, feed_site: FeedSite, tmp_path: Path
) -> None:
    await follow_all(pg_url, feed_site)
    one_process_at_most = FeedPolicy().concurrent_feeds
    feed_site.overlap(one_process_at_most + 1)
    settings = poller_settings(pg_url)
    pollers = [
        await start(cli("feed", "poll"), tmp_path, settings, name=f"poller{n}") for n in range(2)
    ]
    statuses = [await poller.finish() for poller in pollers]
    assert statuses == [0, 0], [poller.output() for poller in pollers]

    assert feed_site.most_in_flight > one_process_at_most  # both processes polled at once
    assert sorted(feed_site.requests) == list(range(FEEDS))
    assert set(feed_site.requests.values()) == {1}, "a feed was polled twice"
    async with await ArticleStore.open(pg_url) as store:
        feeds = await store.list_feeds()
        failed = [
            (feed.url, feed.last_error)
            for feed in feeds
            if feed.last_success_at is None or feed.failures != 0
        ]
        assert failed == []
        assert [feed.items_seen for feed in feeds] == [ITEMS] * FEEDS
        assert sum(feed.articles_added for feed in feeds) == FEEDS * ITEMS
        assert await store.count_articles() == FEEDS * ITEMS
        links = [
            canonicalise_url(f"{feed_site.base}/atom/{item_slug(feed, item)}")
            for feed in range(FEEDS)
            for item in range(ITEMS)
        ]
        assert len(await store.articles_by_url(links)) == FEEDS * ITEMS
