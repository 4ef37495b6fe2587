"""Polling RSS and Atom feeds from the local site: what is stored, dedup, no flood, 304s."""

from __future__ import annotations

from datetime import timedelta

from bot.core.feeds import FeedState, feed_state
from bot.service import Briefings
from bot.service.feeds import Feeds
from tests.feeds.conftest import NOW_AT, SettableClock
from tests.feeds.site import Site, Story, article_page, atom, rss, story

RECENT = [
    story("fab", "Chipmaker opens new fab in Ohio", NOW_AT - timedelta(days=1)),
    story("rules", "Export rules on lithography tools tighten", NOW_AT - timedelta(days=2)),
]
OLD = story("archive", "Old archive story about memory prices", NOW_AT - timedelta(days=30))


def publish(site: Site, stories: list[Story], **kwargs: str) -> str:
    """Serve an RSS feed of ``stories`` and their pages; return the feed address."""
    for item in stories:
        site.serve(f"/news/{item.slug}", article_page(item, meta_date="2026-05-30"))
    site.serve("/rss.xml", rss(site.base, stories), content_type="application/rss+xml", **kwargs)
    return site.url("/rss.xml")


async def test_rss_items_become_articles_from_their_pages(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    added = await feeds.add(publish(site, [*RECENT, OLD]))
    assert added.is_new
    assert added.items == 3
    assert added.feed.title == "Test Wire: Tech"
    summary = await feeds.poll_due()
    assert summary.failed == 0
    result = summary.results[0]
    assert len(result.report.added) == 2
    assert result.skipped_old == 1  # no flood: the 30-day-old item is not taken
    assert site.count("/news/archive") == 0
    stored = await briefings.list_articles()
    assert {a.title for a in stored} == {s.title for s in RECENT}
    fab = next(a for a in stored if a.title.startswith("Chipmaker"))
    assert fab.canonical_url == site.url("/news/fab")  # tracking parameter stripped
    assert fab.url == site.url("/news/fab?utm_source=rss")
    assert fab.published_at == RECENT[0].published_at  # the feed's date wins over the page's
    assert fab.publisher == "Test Wire"
    assert fab.author == "Dana Reporter"
    assert "paragraph 3" in fab.body
    assert "Copyright" not in fab.body
    assert "Home" not in fab.body
    feed = await feeds.find(added.feed.id)
    assert feed_state(feed) is FeedState.OK
    assert feed.articles_added == 2
    assert feed.items_seen == 3
    assert feed.last_polled_at == NOW_AT
    assert NOW_AT + timedelta(minutes=27) <= feed.next_poll_at <= NOW_AT + timedelta(minutes=33)


async def test_user_agent_is_clear(site: Site, feeds: Feeds) -> None:
    await feeds.add(publish(site, RECENT))
    agents = {headers.get("User-Agent", "") for _, headers in site.hits}
    assert len(agents) == 1
    assert agents.pop().startswith("briefbot/")


async def test_second_poll_takes_only_new_items(
    site: Site, feeds: Feeds, clock: SettableClock, briefings: Briefings
) -> None:
    url = publish(site, RECENT)
    await feeds.add(url)
    await feeds.poll_due()
    newer = story("merger", "Two foundries agree to merge", NOW_AT + timedelta(hours=1))
    publish(site, [newer, *RECENT])
    clock.advance(minutes=45)
    summary = await feeds.poll_due()
    result = summary.results[0]
    assert [a.title for a in result.report.added] == [newer.title]
    assert result.new_items == 1
    assert site.count("/news/fab") == 1  # seen GUIDs are not fetched again
    assert await briefings.store.count_articles() == 3


async def test_not_due_feeds_are_left_alone(site: Site, feeds: Feeds, clock: SettableClock) -> None:
    await feeds.add(publish(site, RECENT))
    await feeds.poll_due()
    clock.advance(minutes=10)
    assert (await feeds.poll_due()).results == ()


async def test_etag_and_last_modified_give_304(
    site: Site, feeds: Feeds, clock: SettableClock
) -> None:
    url = publish(site, RECENT, etag='"v1"', modified="Mon, 01 Jun 2026 10:00:00 GMT")
    added = await feeds.add(url)
    await feeds.poll_due()
    feed = await feeds.find(added.feed.id)
    assert feed.etag == '"v1"'
    assert feed.last_modified == "Mon, 01 Jun 2026 10:00:00 GMT"
    clock.advance(hours=1)
    summary = await feeds.poll_due()
    assert summary.results[0].not_modified
    conditional = [h for path, h in site.hits if path == "/rss.xml"][-1]
    assert conditional["If-None-Match"] == '"v1"'
    assert conditional["If-Modified-Since"] == "Mon, 01 Jun 2026 10:00:00 GMT"
    feed = await feeds.find(added.feed.id)
    assert feed.etag == '"v1"'  # a 304 keeps the validators
    assert feed_state(feed) is FeedState.OK
    assert feed.last_polled_at == clock.now_at


async def test_atom_full_content_needs_no_page_fetch(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    site.serve("/atom.xml", atom(site.base, RECENT), content_type="application/atom+xml")
    await feeds.add(site.url("/atom.xml"))
    summary = await feeds.poll_due()
    assert len(summary.results[0].report.added) == 2
    assert not any(path.startswith("/atom/") for path, _ in site.hits)
    stored = await briefings.list_articles()
    assert {a.publisher for a in stored} == {"Atom Daily"}
    assert all(a.author == "Dana Reporter" for a in stored)


async def test_same_story_in_two_feeds_is_stored_once(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    url = publish(site, RECENT)
    site.serve("/mirror.xml", rss(site.base, RECENT, title="Mirror"), content_type="text/xml")
    first = await feeds.add(url)
    mirror = await feeds.add(site.url("/mirror.xml"))
    await feeds.poll([first.feed.id])
    assert site.count("/news/fab") == 1
    summary = await feeds.poll([mirror.feed.id])
    assert summary.added == 0
    # Two new GUIDs, both linking to stored articles: two duplicates, not "2 new, 0 duplicates".
    [result] = summary.results
    assert (result.new_items, len(result.report.duplicates)) == (2, 2)
    assert {d.reason for d in result.report.duplicates} == {
        f"same URL as article {a.id}" for a in await briefings.list_articles()
    }
    assert site.count("/news/fab") == 1  # a stored canonical address is not fetched again
    assert await briefings.store.count_articles() == 2
    after = await feeds.find(mirror.feed.id)
    assert after.items_seen == 2  # remembered, pointing at the stored articles
    assert after.articles_added == 0


async def test_concurrent_feeds_with_the_same_story_store_it_once(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    await feeds.add(publish(site, RECENT))
    site.serve("/mirror.xml", rss(site.base, RECENT, title="Mirror"), content_type="text/xml")
    await feeds.add(site.url("/mirror.xml"))
    summary = await feeds.poll_due()
    assert summary.added == 2
    assert await briefings.store.count_articles() == 2
    followed = await feeds.list()
    assert sum(f.articles_added for f in followed) == 2
    assert [f.items_seen for f in followed] == [2, 2]


async def test_added_web_page_follows_its_advertised_feed(site: Site, feeds: Feeds) -> None:
    publish(site, RECENT)
    site.serve(
        "/",
        "<html><head><link rel='alternate' type='application/rss+xml' href='/rss.xml'></head>"
        "<body>Home</body></html>",
    )
    added = await feeds.add(site.url("/"))
    assert added.feed.url == site.url("/rss.xml")


async def test_adding_again_re_enables_and_changes_interval(site: Site, feeds: Feeds) -> None:
    url = publish(site, RECENT)
    first = await feeds.add(url)
    again = await feeds.add(url, interval_minutes=90)
    assert not again.is_new
    assert again.feed.id == first.feed.id
    assert again.feed.interval_minutes == 90
    assert len(await feeds.list()) == 1


async def test_remove_keeps_articles(site: Site, feeds: Feeds, briefings: Briefings) -> None:
    added = await feeds.add(publish(site, RECENT))
    await feeds.poll_due()
    removed = await feeds.remove(added.feed.id)
    assert removed.url == added.feed.url
    assert await feeds.list() == []
    assert await briefings.store.count_articles() == 2
