"""A removed article served again by a feed (same link, new GUID, or a mirror) stays out."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

from rich.console import Console

from bot.core.removals import CLI_REMOVER
from bot.render.feeds_text import print_poll
from bot.service import Briefings
from bot.service.feeds import Feeds
from bot.service.removal import Removals
from tests.feeds.conftest import NOW_AT, SettableClock
from tests.feeds.site import Site, Story, article_page, rss, story

FAB = story("fab", "Chipmaker opens new fab in Ohio", NOW_AT - timedelta(days=1))
RULES = story("rules", "Export rules on lithography tools tighten", NOW_AT - timedelta(days=2))


def publish(site: Site, stories: list[Story], path: str = "/rss.xml") -> str:
    """Serve an RSS feed of ``stories`` and their pages; return the feed address."""
    for item in stories:
        site.serve(f"/news/{item.slug}", article_page(item, meta_date="2026-05-30"))
    site.serve(path, rss(site.base, stories), content_type="application/rss+xml")
    return site.url(path)


async def test_a_removed_article_re_fed_stays_removed_until_added_by_hand(
    site: Site, feeds: Feeds, briefings: Briefings, clock: SettableClock
) -> None:
    await feeds.add(publish(site, [FAB, RULES]))
    first = (await feeds.poll_due()).results[0]
    [fab_id] = [a.article_id for a in first.report.added if a.title == FAB.title]
    report = await Removals(briefings.store, clock=clock).remove([fab_id], removed_by=CLI_REMOVER)
    assert [t.url for t in report.removed] == [site.url("/news/fab")]

    # The feed republishes the story under a new GUID, beside a new one.
    merger = story("merger", "Two foundries agree to merge", NOW_AT + timedelta(hours=1))
    publish(site, [merger, replace(FAB, guid="fab-updated"), RULES])
    clock.advance(minutes=45)
    summary = await feeds.poll_due()
    again = summary.results[0]
    assert [a.title for a in again.report.added] == [merger.title]
    assert again.skipped_removed == 1
    assert again.report.rejected == ()
    assert site.count("/news/fab") == 1  # a removed address is not even fetched again
    assert await briefings.search("Ohio") == []
    shown = io.StringIO()
    console = Console(file=shown, width=200)
    print_poll(summary, console, console)
    assert "1 added, 0 duplicates, 0 too old, 1 removed before" in shown.getvalue()

    # Another feed links the same text from another address: its content gives it away.
    mirror = replace(FAB, slug="mirror")
    mirror_feed = await feeds.add(publish(site, [mirror], path="/mirror.xml"))
    mirrored = (await feeds.poll([mirror_feed.feed.id])).results[0]
    assert site.count("/news/mirror") == 1
    assert mirrored.report.added == ()
    assert mirrored.skipped_removed == 1
    [withheld] = mirrored.report.withheld
    assert withheld.removed_id == fab_id
    assert "was removed on 2026-06-01 by cli" in withheld.reason
    assert await briefings.search("Ohio") == []

    # Added by hand, it is back (under a new id) and the tombstone is gone.
    by_hand = await feeds.ingest_url(site.url("/news/fab"))
    [restored] = by_hand.added
    assert restored.article_id > fab_id
    assert by_hand.restored
    assert [h.article.id for h in await briefings.search("Ohio")] == [restored.article_id]
    assert await briefings.store.list_tombstones() == []


async def test_a_link_given_without_the_right_to_restore_stays_removed(
    site: Site, feeds: Feeds, briefings: Briefings, clock: SettableClock
) -> None:
    site.serve("/news/fab", article_page(FAB))
    [added] = (await feeds.ingest_url(site.url("/news/fab"))).added
    await Removals(briefings.store, clock=clock).remove([added.article_id], removed_by="cli")
    refused = await feeds.ingest_url(site.url("/news/fab"), restore_removed=False)
    assert refused.added == ()
    assert [w.removed_id for w in refused.withheld] == [added.article_id]
    assert await briefings.store.count_articles() == 0
