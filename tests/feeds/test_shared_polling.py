"""Several processes on one store poll each due feed once and share the feeds between them."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from pathlib import Path

from bot.service import Briefings
from bot.service.feeds import Feeds
from bot.store import ArticleStore
from tests.feeds.conftest import NOW_AT, SettableClock, local_policy
from tests.feeds.site import Site, article_page, rss, story

FEEDS = 6


def publish_feeds(site: Site) -> list[str]:
    """Six one-item feeds with their pages; their addresses."""
    addresses = []
    for number in range(FEEDS):
        item = story(f"item{number}", f"Chip story {number}", NOW_AT - timedelta(hours=number + 1))
        site.serve(f"/news/{item.slug}", article_page(item))
        site.serve(f"/feed{number}.xml", rss(site.base, [item]), content_type="application/rss+xml")
        addresses.append(site.url(f"/feed{number}.xml"))
    return addresses


async def test_two_processes_never_poll_a_feed_twice(
    site: Site, tmp_path: Path, clock: SettableClock
) -> None:
    path = tmp_path / "shared.db"
    stores = [await ArticleStore.open(path, workers=1) for _ in range(2)]
    try:
        services = [
            Feeds(
                Briefings(store, seeds_dir=tmp_path / "none", clock=clock),
                policy=local_policy(claim_batch=1),
                clock=clock,
                rng=random.Random(n),
            )
            for n, store in enumerate(stores)
        ]
        for address in publish_feeds(site):
            await services[0].add(address)
        summaries = await asyncio.gather(*(service.poll_due() for service in services))
        polled = [[r.url for r in summary.results] for summary in summaries]
        assert sorted(polled[0] + polled[1]) == sorted(f.url for f in await stores[0].list_feeds())
        assert all(site.count(f"/feed{n}.xml") == 2 for n in range(FEEDS))  # add's probe + 1 poll
        assert await stores[1].count_articles() == FEEDS
        # Nothing is due again until each feed's interval has passed.
        again = await asyncio.gather(*(service.poll_due() for service in services))
        assert [s.results for s in again] == [(), ()]
    finally:
        for store in stores:
            await store.close()
