"""Many local feeds on 127.0.0.1 for the process tests and the polling benchmark.

Each of ``count`` Atom feeds (full text: no page fetch) answers after ``latency`` seconds, like a
news site across the internet. The site counts the requests of every feed, knows how many are in
flight, and can make its answers wait: ``hold_after(n)`` keeps every request after the first
``n`` waiting until ``release()``, to catch a poller mid-poll; ``overlap(k)`` holds answers until
``k`` requests are in flight at once, which proves several processes are polling together.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aiohttp import web

from tests.feeds.site import atom, story


def item_slug(feed: int, item: int) -> str:
    """The slug (and so the address) of one item of one feed."""
    return f"feed{feed}-item{item}"


@dataclass
class FeedSite:
    """The running site: its address, per-feed request counts and the gates on its answers."""

    count: int
    items: int
    published_at: datetime
    latency: float = 0.0
    base: str = ""
    requests: Counter[int] = field(default_factory=Counter)
    # When each feed was asked for, by the wall clock (which the processes' leases use).
    asked_at: dict[int, list[datetime]] = field(default_factory=dict)
    in_flight: int = 0
    most_in_flight: int = 0
    # Loop times of the first request and of the last answer: the span the polling took.
    first_at: float | None = None
    last_at: float | None = None
    _bodies: dict[int, bytes] = field(default_factory=dict)
    _served: int = 0
    _hold_after: int | None = None
    _released: asyncio.Event = field(default_factory=asyncio.Event)
    held: set[int] = field(default_factory=set)
    _held_changed: asyncio.Event = field(default_factory=asyncio.Event)
    _overlap: int | None = None
    _overlapped: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None

    @property
    def span(self) -> float:
        """Seconds from the first request to the last answer (0 before any request)."""
        if self.first_at is None or self.last_at is None:
            return 0.0
        return self.last_at - self.first_at

    def url(self, feed: int) -> str:
        """The address of feed number ``feed``."""
        return f"{self.base}/feed/{feed}.xml"

    @property
    def urls(self) -> list[str]:
        """Every feed's address, in order."""
        return [self.url(n) for n in range(self.count)]

    def _body(self, feed: int) -> bytes:
        if feed not in self._bodies:
            stories = [
                story(
                    item_slug(feed, k),
                    f"Feed {feed} story {k}: chip plant {feed * 10 + k} opens",
                    self.published_at - timedelta(hours=k + 1),
                )
                for k in range(self.items)
            ]
            self._bodies[feed] = atom(self.base, stories, title=f"Feed {feed}").encode()
        return self._bodies[feed]

    def hold_after(self, served: int) -> None:
        """Keep every request after the first ``served`` waiting until ``release()``."""
        self._hold_after = served

    def overlap(self, in_flight: int) -> None:
        """Hold answers until ``in_flight`` requests wait at once (then answer them all)."""
        self._overlap = in_flight

    def release(self) -> None:
        """Let held requests go on and stop holding new ones."""
        self._hold_after = None
        self._released.set()

    async def wait_held(self, at_least: int = 1, within: float = 30.0) -> set[int]:
        """Wait until ``at_least`` requests are held; the feeds they asked for."""
        async with asyncio.timeout(within):
            while len(self.held) < at_least:
                self._held_changed.clear()
                await self._held_changed.wait()
        return set(self.held)

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        feed = int(request.match_info["number"])
        if not 0 <= feed < self.count:
            return web.Response(status=404)
        self.requests[feed] += 1
        self.asked_at.setdefault(feed, []).append(datetime.now(UTC))
        if self.first_at is None:
            self.first_at = asyncio.get_running_loop().time()
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self._hold_after is not None and self._served >= self._hold_after:
                self.held.add(feed)
                self._held_changed.set()
                await self._released.wait()
            self._served += 1
            if self._overlap is not None:
                if self.in_flight >= self._overlap:
                    self._overlapped.set()
                async with asyncio.timeout(20.0):  # a clear failure rather than a hung test
                    await self._overlapped.wait()
            await asyncio.sleep(self.latency)
            return web.Response(body=self._body(feed), content_type="application/atom+xml")
        finally:
            self.in_flight -= 1
            self.last_at = asyncio.get_running_loop().time()

    async def start(self) -> None:
        """Listen on a random port of 127.0.0.1."""
        app = web.Application()
        app.router.add_get("/feed/{number:\\d+}.xml", self._serve)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.base = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        """Let anything held go and stop listening."""
        self.release()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
