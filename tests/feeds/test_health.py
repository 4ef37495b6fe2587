"""Misbehaving feeds: each failure is recorded with its reason, backs off, pauses and recovers."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from bot.core.feeds import Feed, FeedState, feed_state
from bot.ingest.fetch import FetchLimits
from bot.service import Briefings
from bot.service.feeds import FeedError, FeedPolicy, Feeds
from tests.feeds.conftest import NOW_AT, SettableClock
from tests.feeds.site import Site, article_page, rss, story

GOOD = [story("fab", "Chipmaker opens new fab in Ohio", NOW_AT - timedelta(days=1))]


def publish(site: Site, path: str = "/rss.xml") -> str:
    """Serve a good one-item feed at ``path``."""
    site.serve("/news/fab", article_page(GOOD[0]))
    site.serve(path, rss(site.base, GOOD), content_type="application/rss+xml")
    return site.url(path)


async def follow_then_break(feeds: Feeds, site: Site, path: str = "/rss.xml") -> Feed:
    """Add a working feed, then leave it to the test to break."""
    added = await feeds.add(publish(site, path))
    return added.feed


async def poll_failure(feeds: Feeds, feed: Feed) -> Feed:
    """Poll ``feed`` once, expecting a failure, and return its new record."""
    summary = await feeds.poll([feed.id])
    assert summary.failed == 1
    return await feeds.find(feed.id)


async def test_http_404_is_recorded_and_backs_off(site: Site, feeds: Feeds) -> None:
    feed = await follow_then_break(feeds, site)
    site.status("/rss.xml", 404)
    after = await poll_failure(feeds, feed)
    assert feed_state(after) is FeedState.FAILING
    assert after.failures == 1
    assert after.last_error_kind == "http"
    assert after.last_error is not None
    assert "HTTP 404" in after.last_error
    assert after.last_error_at == NOW_AT
    assert after.next_poll_at >= NOW_AT + timedelta(minutes=60)  # 30 min doubled


async def test_http_500_then_recovery_clears_the_error(
    site: Site, feeds: Feeds, clock: SettableClock, briefings: Briefings
) -> None:
    feed = await follow_then_break(feeds, site)
    site.status("/rss.xml", 500)
    after = await poll_failure(feeds, feed)
    assert after.last_error is not None
    assert "HTTP 500" in after.last_error
    publish(site)
    clock.advance(hours=2)
    summary = await feeds.poll_due()
    assert summary.failed == 0
    healed = await feeds.find(feed.id)
    assert feed_state(healed) is FeedState.OK
    assert healed.failures == 0
    assert healed.last_error is None
    assert await briefings.store.count_articles() == 1


async def test_backoff_doubles_then_pauses_then_probes_daily(
    site: Site, feeds: Feeds, clock: SettableClock
) -> None:
    feed = await follow_then_break(feeds, site)
    site.status("/rss.xml", 503)
    waits = []
    for _ in range(feeds.policy.pause_after_failures):
        before = clock.now_at
        feed = await poll_failure(feeds, feed)
        waits.append(feed.next_poll_at - before)
        clock.now_at = feed.next_poll_at
    assert waits[1] > waits[0]
    assert waits[2] > waits[1]
    assert max(waits[:-1]) <= feeds.policy.max_backoff * (1 + feeds.policy.jitter)
    assert feed.paused
    assert feed_state(feed) is FeedState.PAUSED
    assert waits[-1] == feeds.policy.paused_probe
    # A paused feed is still probed (rarely) and resumes by itself when it answers again.
    publish(site)
    summary = await feeds.poll_due()
    assert [r.ok for r in summary.results] == [True]
    assert feed_state(await feeds.find(feed.id)) is FeedState.OK


async def test_admin_resume_makes_a_paused_feed_due_now(
    site: Site, briefings: Briefings, clock: SettableClock
) -> None:
    limits = FetchLimits(timeout_seconds=1.0, allow_private_hosts=True)
    policy = FeedPolicy(pause_after_failures=1, limits=limits)
    feeds = Feeds(briefings, policy=policy, clock=clock, rng=random.Random(1))
    feed = await follow_then_break(feeds, site)
    site.status("/rss.xml", 410)
    paused = await poll_failure(feeds, feed)
    assert paused.paused
    resumed = await feeds.resume(feed.id)
    assert not resumed.paused
    assert resumed.failures == 0
    assert resumed.next_poll_at == clock.now_at
    assert resumed.last_error is not None  # the last reason stays visible until a good poll


async def test_slow_feed_times_out_without_blocking_others(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    slow = await follow_then_break(feeds, site, "/slow.xml")
    await feeds.add(publish(site, "/good.xml"))
    site.slow("/slow.xml", 3.0)
    summary = await feeds.poll_due()
    by_url = {r.url: r for r in summary.results}
    assert by_url[site.url("/good.xml")].ok
    assert not by_url[slow.url].ok
    after = await feeds.find(slow.id)
    assert after.last_error_kind == "timeout"
    assert await briefings.store.count_articles() == 1


async def test_redirects_are_followed(site: Site, feeds: Feeds) -> None:
    feed = await follow_then_break(feeds, site, "/new.xml")
    site.redirect("/old.xml", "/moved.xml", 301)
    site.redirect("/moved.xml", site.url("/new.xml"), 302)
    added = await feeds.add(site.url("/old.xml"))
    summary = await feeds.poll([added.feed.id])
    assert summary.results[0].ok
    assert feed.url != added.feed.url


async def test_redirect_loop_and_too_many_redirects(site: Site, feeds: Feeds) -> None:
    feed = await follow_then_break(feeds, site)
    site.redirect("/rss.xml", "/loop.xml")
    site.redirect("/loop.xml", "/rss.xml")
    after = await poll_failure(feeds, feed)
    assert after.last_error_kind == "redirects"
    assert "loop" in (after.last_error or "")
    for n in range(10):
        site.redirect(f"/hop{n}", f"/hop{n + 1}")
    with pytest.raises(FeedError, match="redirects more than 5 times"):
        await feeds.add(site.url("/hop0"))


async def test_html_page_where_a_feed_should_be(site: Site, feeds: Feeds) -> None:
    feed = await follow_then_break(feeds, site)
    site.serve("/rss.xml", "<!DOCTYPE html><html><body><p>Welcome!</p></body></html>")
    after = await poll_failure(feeds, feed)
    assert after.last_error_kind == "not_a_feed"
    assert "web page, not a feed" in (after.last_error or "")
    with pytest.raises(FeedError, match="web page, not a feed"):
        await feeds.add(site.url("/rss.xml"))
    assert len(await feeds.list()) == 1


async def test_malformed_xml_is_a_parse_error(site: Site, feeds: Feeds) -> None:
    feed = await follow_then_break(feeds, site)
    site.serve(
        "/rss.xml", "<?xml version='1.0'?><rss><channel><title>Broken", content_type="text/xml"
    )
    after = await poll_failure(feeds, feed)
    assert after.last_error_kind in {"parse", "not_a_feed"}
    assert after.last_error is not None


async def test_wrong_content_type_is_refused(site: Site, feeds: Feeds) -> None:
    feed = await follow_then_break(feeds, site)
    site.serve("/rss.xml", b"\x89PNG\r\n", content_type="image/png")
    after = await poll_failure(feeds, feed)
    assert after.last_error_kind == "content_type"
    assert "image/png" in (after.last_error or "")


async def test_endless_body_hits_the_size_cap(
    site: Site, briefings: Briefings, clock: SettableClock
) -> None:
    limits = FetchLimits(timeout_seconds=5.0, max_bytes=256 * 1024, allow_private_hosts=True)
    feeds = Feeds(briefings, policy=FeedPolicy(limits=limits), clock=clock)
    feed = await follow_then_break(feeds, site)
    site.endless("/rss.xml")
    after = await poll_failure(feeds, feed)
    assert after.last_error_kind == "too_large"
    assert "256 KiB" in (after.last_error or "")


async def test_unreachable_host_is_a_connection_failure(
    site: Site, feeds: Feeds, briefings: Briefings, clock: SettableClock
) -> None:
    feed = await follow_then_break(feeds, site)
    dead = await briefings.store.add_feed(
        "http://127.0.0.1:9/feed.xml", title=None, interval_minutes=30, added_at=clock.now_at
    )
    summary = await feeds.poll_due()
    assert {r.feed_id: r.ok for r in summary.results} == {feed.id: True, dead[0].id: False}
    after = await feeds.find(dead[0].id)
    assert after.last_error_kind == "connect"


async def test_private_addresses_are_refused_by_default(briefings: Briefings) -> None:
    feeds = Feeds(briefings)
    with pytest.raises(FeedError, match="private or local address"):
        await feeds.add("http://127.0.0.1:8080/rss.xml")
    with pytest.raises(FeedError, match="private or local address"):
        await feeds.add("http://localhost/rss.xml")
    report = await feeds.ingest_url("http://10.1.2.3/story")
    assert "private or local" in report.rejected[0].reason
    with pytest.raises(FeedError, match="must start with http"):
        await feeds.add("ftp://example.com/feed")
