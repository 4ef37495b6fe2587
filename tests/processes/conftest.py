"""Fixtures for the process tests: a PostgreSQL store the processes share and the local feeds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.store import ArticleStore
from tests.processes.feed_site import FeedSite

FEEDS = 200
ITEMS = 1


@pytest.fixture
async def feed_site() -> AsyncIterator[FeedSite]:
    """200 one-item Atom feeds on 127.0.0.1, answering after 10 ms, items from the last hours."""
    site = FeedSite(FEEDS, ITEMS, published_at=datetime.now(UTC), latency=0.01)
    await site.start()
    try:
        yield site
    finally:
        await site.stop()


async def follow_all(url: str, site: FeedSite) -> None:
    """Create the shared store (schema included) and follow every feed of the site, due now."""
    added_at = datetime.now(UTC) - timedelta(minutes=1)
    async with await ArticleStore.open(url) as store:
        for address in site.urls:
            await store.add_feed(address, title=None, interval_minutes=60, added_at=added_at)


def poller_settings(url: str, **more: str) -> dict[str, str]:
    """What a ``briefbot feed poll`` process needs: the shared store and local feeds allowed.

    Requests are cut only after 10 minutes: the site holds answers until the second process polls
    too, and on a loaded machine its start-up alone can take longer than the default 20 s.
    """
    return {
        "BRIEFBOT_DATABASE_URL": url,
        "BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS": "true",
        "BRIEFBOT_FEED_FETCH_TIMEOUT_SECONDS": "600",
        **more,
    }
