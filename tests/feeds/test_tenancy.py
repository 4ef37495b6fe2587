"""Every server its own: feeds, articles, briefs, stories, removals and digests per server."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.core.models import ArticleDraft, DatePrecision
from bot.core.removals import discord_remover
from bot.core.scope import Scope
from bot.service import Briefings
from bot.service.briefings import BriefRequest
from bot.service.digests import Digests
from bot.service.feeds import FeedError, Feeds
from bot.service.removal import Removals
from tests.feeds.conftest import NOW_AT
from tests.feeds.site import Site, article_page, rss, story

SERVER_A = 111_111_111_111_111_111
SERVER_B = 222_222_222_222_222_222
WIRE = [
    story("fab", "Chipmaker opens new fab in Ohio", NOW_AT - timedelta(days=1)),
    story("rules", "Export rules on lithography tools tighten", NOW_AT - timedelta(days=2)),
]


def publish(site: Site, path: str = "/rss.xml") -> str:
    """Serve the wire's feed and pages; return the feed address."""
    for item in WIRE:
        site.serve(f"/news/{item.slug}", article_page(item, meta_date="2026-05-30"))
    site.serve(path, rss(site.base, WIRE), content_type="application/rss+xml")
    return site.url(path)


def chip_draft(title: str, url: str) -> ArticleDraft:
    """A chip-policy article with an address and a date in the last week."""
    return ArticleDraft(
        title=title,
        body=(
            f"{title}. The chip export controls tighten again this week, officials said. "
            "Chipmakers expect new lithography limits on semiconductor tools next month."
        ),
        publisher="Example Daily",
        url=url,
        canonical_url=url,
        published_at=NOW_AT - timedelta(days=1),
        published_precision=DatePrecision.DAY,
    )


def scoped(feeds: Feeds, server_id: int) -> Feeds:
    """The feed service as one server uses it."""
    return feeds.for_scope(Scope.server(server_id))


async def test_a_servers_feed_and_its_articles_stay_in_that_server(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    a, b = scoped(feeds, SERVER_A), scoped(feeds, SERVER_B)
    added = await a.add(publish(site))
    await a.poll([added.feed.id])
    assert [f.url for f in await a.list()] == [added.feed.url]
    assert await b.list() == []
    with pytest.raises(FeedError, match="No followed feed"):
        await b.remove(added.feed.id)
    assert [f.id for f in await a.list()] == [added.feed.id]  # A still follows it

    in_a = await a.briefings.list_articles()
    assert {x.title for x in in_a} == {s.title for s in WIRE}
    assert await b.briefings.list_articles() == []
    assert await b.briefings.search("chipmaker") == []
    assert [h.article.id for h in await a.briefings.search("chipmaker")] == [
        next(x.id for x in in_a if x.title.startswith("Chipmaker"))
    ]
    assert await b.briefings.store.get_article(in_a[0].id) is None  # another server's id
    assert await b.briefings.store.count_articles() == 0
    assert await b.briefings.store.publishers() == []
    assert await b.briefings.store.vocabulary(prefix="chip") == []
    assert "chipmak" in [t for t, _ in await a.briefings.store.vocabulary(prefix="chip")]
    assert await b.briefings.stories.current() == []
    in_stories = [x.id for s in await a.briefings.stories.current() for x in s.articles]
    assert sorted(in_stories) == sorted(x.id for x in in_a)
    # The library and the unscoped operator view: the library sees none, the operator all.
    assert await briefings.for_scope(Scope.library()).list_articles() == []
    assert len(await briefings.list_articles()) == 2


async def test_one_fetch_serves_every_server_that_follows_a_feed(site: Site, feeds: Feeds) -> None:
    a, b = scoped(feeds, SERVER_A), scoped(feeds, SERVER_B)
    address = publish(site)
    first = await a.add(address)
    await feeds.poll_due()  # the scheduler's unscoped pass
    pages_after_first = site.count("/news/fab")
    second = await b.add(address)
    assert second.is_new
    assert second.feed.id == first.feed.id
    assert set(second.feed.followers) == {SERVER_A, SERVER_B}
    # B sees what the feed already brought in without a second fetch of any page.
    assert len(await b.briefings.list_articles()) == 2
    await feeds.poll([first.feed.id])
    assert site.count("/news/fab") == pages_after_first
    # B stops following: A keeps the feed; when A stops too the feed goes.
    await b.remove(first.feed.id)
    assert [f.followers for f in await a.list()] == [(SERVER_A,)]
    await a.remove(first.feed.id)
    assert await feeds.list() == []
    assert len(await a.briefings.list_articles()) == 2  # articles stay


async def test_an_article_two_servers_bring_in_is_stored_once(briefings: Briefings) -> None:
    a = briefings.for_scope(Scope.server(SERVER_A))
    b = briefings.for_scope(Scope.server(SERVER_B))
    report_a = await a.ingest_drafts([chip_draft("Chip curbs widen", "https://example.com/1")])
    report_b = await b.ingest_drafts([chip_draft("Chip curbs widen", "https://example.com/1")])
    (added,) = report_a.added
    (duplicate,) = report_b.duplicates
    assert duplicate.existing_id == added.article_id
    assert await briefings.store.count_articles() == 1
    assert [x.id for x in await b.list_articles()] == [added.article_id]
    owners = await briefings.store.owners_of([added.article_id])
    assert owners == {added.article_id: {SERVER_A, SERVER_B}}


async def test_briefs_use_the_library_and_the_servers_own_articles_only(
    briefings: Briefings,
) -> None:
    library = briefings.for_scope(Scope.library())
    a = briefings.for_scope(Scope.server(SERVER_A))
    b = briefings.for_scope(Scope.server(SERVER_B))
    await library.ingest_drafts([chip_draft("Library chip note", "https://example.com/lib")])
    await a.ingest_drafts([chip_draft("Server A chip scoop", "https://example.com/a")])
    brief_a = await a.brief(BriefRequest("chips"))
    brief_b = await b.brief(BriefRequest("chips"))
    titles_a = {s.title for s in getattr(brief_a, "sources", ())}
    titles_b = {s.title for s in getattr(brief_b, "sources", ())}
    assert titles_a == {"Library chip note", "Server A chip scoop"}
    assert titles_b == {"Library chip note"}


async def test_removal_in_a_server_never_takes_what_others_hold(briefings: Briefings) -> None:
    library = briefings.for_scope(Scope.library())
    a = briefings.for_scope(Scope.server(SERVER_A))
    b = briefings.for_scope(Scope.server(SERVER_B))
    (shared,) = (await library.ingest_drafts([chip_draft("Shared", "https://e.com/s")])).added
    (both,) = (await a.ingest_drafts([chip_draft("Both", "https://e.com/b")])).added
    await b.ingest_drafts([chip_draft("Both", "https://e.com/b")])
    (own,) = (await a.ingest_drafts([chip_draft("Own", "https://e.com/o")])).added
    (b_only,) = (await b.ingest_drafts([chip_draft("B only", "https://e.com/x")])).added
    removals = Removals(a.store, clock=briefings.clock)
    ids = [shared.article_id, both.article_id, own.article_id, b_only.article_id]
    report = await removals.remove(ids, removed_by=discord_remover(5))
    assert [t.article_id for t in report.removed] == [own.article_id]
    assert report.released == (both.article_id,)
    assert report.shared == (shared.article_id,)
    assert report.unknown == (b_only.article_id,)  # another server's id is "not found"
    assert {x.title for x in await a.list_articles()} == {"Shared"}
    assert {x.title for x in await b.list_articles()} == {"Shared", "Both", "B only"}


async def test_each_servers_digest_covers_its_own_articles(briefings: Briefings) -> None:
    a = briefings.for_scope(Scope.server(SERVER_A))
    b = briefings.for_scope(Scope.server(SERVER_B))
    await a.ingest_drafts([chip_draft("Only in A", "https://e.com/a")])
    await b.ingest_drafts([chip_draft("Only in B", "https://e.com/b")])
    digests = Digests(briefings.store, clock=briefings.clock, stories=briefings.stories)
    digest_a = await digests.preview(SERVER_A)
    digest_b = await digests.preview(SERVER_B)
    titles_a = {s.title for story_ in digest_a.stories for s in story_.sources}
    titles_b = {s.title for story_ in digest_b.stories for s in story_.sources}
    assert titles_a == {"Only in A"}
    assert titles_b == {"Only in B"}


async def test_a_released_article_comes_back_to_that_server_only_by_hand(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    a, b = scoped(feeds, SERVER_A), scoped(feeds, SERVER_B)
    added = await a.add(publish(site))
    await b.add(added.feed.url)
    await feeds.poll_due()
    fab = next(x for x in await b.briefings.list_articles() if x.title.startswith("Chipmaker"))
    report = await Removals(b.store, clock=briefings.clock).remove([fab.id], removed_by="t")
    assert report.released == (fab.id,)
    # The wire serves the same page again under a new GUID: B does not get it back.
    again = [replace(WIRE[0], guid="fab-v2"), WIRE[1]]
    site.serve("/rss.xml", rss(site.base, again), content_type="application/rss+xml")
    (polled,) = (await feeds.poll([added.feed.id])).results
    assert polled.new_items == 1
    assert fab.id not in {x.id for x in await b.briefings.list_articles()}
    assert fab.id in {x.id for x in await a.briefings.list_articles()}
    # A manager's link given by hand brings it back to B.
    restored = await b.ingest_url(site.url("/news/fab"))
    assert [d.existing_id for d in restored.duplicates] == [fab.id]
    assert fab.id in {x.id for x in await b.briefings.list_articles()}
