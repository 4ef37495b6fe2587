"""Fixtures for feed tests: the local news site, a store, and the feed service with a settable clock."""

from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from bot.ingest.fetch import FetchLimits
from bot.service import Briefings
from bot.service.feeds import FeedPolicy, Feeds
from bot.store import ArticleStore
from tests.feeds.site import Site

NOW_AT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


class SettableClock:
    """A clock tests move by hand."""

    def __init__(self, now_at: datetime) -> None:
        self.now_at = now_at

    def __call__(self) -> datetime:
        return self.now_at

    def advance(self, **delta: float) -> None:
        """Move the clock forward."""
        self.now_at += timedelta(**delta)


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    """The local news site on 127.0.0.1, random port."""
    news = Site()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", news.dispatch)
    runner = web.AppRunner(app, shutdown_timeout=0.5)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = runner.addresses[0][1]
    news.base = f"http://127.0.0.1:{port}"
    try:
        yield news
    finally:
        await runner.cleanup()


@pytest.fixture
def clock() -> SettableClock:
    """A clock at NOW_AT."""
    return SettableClock(NOW_AT)


def local_policy(**changes: object) -> FeedPolicy:
    """Short timeouts and local addresses allowed, for the test site."""
    limits = FetchLimits(timeout_seconds=1.0, connect_timeout_seconds=1.0, allow_private_hosts=True)
    settings: dict[str, object] = {"limits": limits}
    settings.update(changes)
    return FeedPolicy(**settings)  # type: ignore[arg-type]


@pytest.fixture
async def briefings(tmp_path: Path, clock: SettableClock) -> AsyncIterator[Briefings]:
    """An empty store (no seeds) behind the real briefings service."""
    store = await ArticleStore.open(tmp_path / "feeds.db", workers=1)
    try:
        yield Briefings(store, seeds_dir=tmp_path / "no-seeds", clock=clock)
    finally:
        await store.close()


@pytest.fixture
def feeds(briefings: Briefings, clock: SettableClock) -> Feeds:
    """The feed service over the empty store, with deterministic jitter."""
    return Feeds(briefings, policy=local_policy(), clock=clock, rng=random.Random(7))


@pytest.fixture
def threaded_site() -> Iterator[Site]:
    """The local news site served from its own thread, for tests that run the sync CLI."""
    news = Site()
    loop = asyncio.new_event_loop()
    started = threading.Event()
    runner_box: list[web.AppRunner] = []

    async def start() -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", news.dispatch)
        runner = web.AppRunner(app, shutdown_timeout=0.5)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        news.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        runner_box.append(runner)

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="news-site", daemon=True)
    thread.start()
    assert started.wait(5), "the local site did not start"
    try:
        yield news
    finally:
        asyncio.run_coroutine_threadsafe(runner_box[0].cleanup(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
