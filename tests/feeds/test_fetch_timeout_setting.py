"""BRIEFBOT_FEED_FETCH_TIMEOUT_SECONDS: how long a feed request may take before it is a timeout."""

from __future__ import annotations

import asyncio
import random

import pytest
from aiohttp import web

from bot.service import Briefings
from bot.service.feeds import FeedPolicy, Feeds
from bot.settings import load_settings
from tests.feeds.conftest import SettableClock
from tests.feeds.site import Site
from tests.feeds.test_health import follow_then_break


@pytest.mark.parametrize(("seconds", "ok"), [("0.5", False), ("10", True)])
async def test_the_setting_decides_whether_a_slow_feed_times_out(
    monkeypatch: pytest.MonkeyPatch,
    site: Site,
    briefings: Briefings,
    clock: SettableClock,
    *,
    seconds: str,
    ok: bool,
) -> None:
    monkeypatch.setenv("BRIEFBOT_FEED_FETCH_TIMEOUT_SECONDS", seconds)
    monkeypatch.setenv("BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS", "true")
    policy = FeedPolicy.from_settings(load_settings())
    feeds = Feeds(briefings, policy=policy, clock=clock, rng=random.Random(3))
    slow = await follow_then_break(feeds, site, "/slow.xml")
    answer = site.routes["/slow.xml"]

    async def late_answer(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(1.5)
        return await answer(request)

    site.routes["/slow.xml"] = late_answer
    summary = await feeds.poll_due()
    assert [r.ok for r in summary.results] == [ok]
    after = await feeds.find(slow.id)
    assert (after.last_error_kind == "timeout") is not ok
