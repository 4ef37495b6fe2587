"""Awkward feed content: other encodings, duplicate GUIDs, undated items, links added by hand."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.article_gate import ArticleGate
from bot.core.models import DatePrecision
from bot.service import Briefings
from bot.service.feeds import Feeds
from bot.store import ArticleStore
from tests.feeds.conftest import NOW_AT, SettableClock, local_policy
from tests.feeds.site import Site, article_page, rss, story


async def test_feed_and_page_in_other_encodings(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    item = story("cafe", "Café owners in Zürich weigh chip prices", NOW_AT - timedelta(days=1))
    document = rss(site.base, [item]).replace("encoding='utf-8'", "encoding='iso-8859-1'")
    site.serve("/latin1.xml", document.encode("iso-8859-1"), content_type="application/rss+xml")
    page = article_page(item).replace("<meta charset='utf-8'>", "<meta charset='iso-8859-1'>")
    site.serve("/news/cafe", page.encode("iso-8859-1"), content_type="text/html")
    await feeds.add(site.url("/latin1.xml"))
    summary = await feeds.poll_due()
    assert summary.added == 1
    stored = (await briefings.list_articles())[0]
    assert stored.title == "Café owners in Zürich weigh chip prices"
    assert "Café owners in Zürich" in stored.body


async def test_shift_jis_page_declared_in_the_header(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    text = "".join(
        f"<p>半導体の輸出規制が強化され、各社は対応を急いでいる。第{n}段落の説明です。</p>"
        for n in range(1, 6)
    )
    page = f"<html><head><title>半導体の輸出規制</title></head><body><article><h1>半導体の輸出規制</h1>{text}</article></body></html>"
    site.serve("/jp", page.encode("shift_jis"), content_type="text/html; charset=Shift_JIS")
    report = await feeds.ingest_url(site.url("/jp"))
    assert len(report.added) == 1
    stored = await briefings.store.get_article(report.added[0].article_id)
    assert stored is not None
    assert "輸出規制" in stored.body
    assert stored.language == "ja"


async def test_duplicate_guids_in_one_document_are_taken_once(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    first = replace(story("a", "Foundry output rises", NOW_AT - timedelta(hours=5)), guid="same")
    second = replace(story("b", "Foundry output falls", NOW_AT - timedelta(hours=4)), guid="same")
    for item in (first, second):
        site.serve(f"/news/{item.slug}", article_page(item))
    site.serve("/rss.xml", rss(site.base, [first, second]), content_type="application/rss+xml")
    await feeds.add(site.url("/rss.xml"))
    summary = await feeds.poll_due()
    assert summary.added == 1
    assert [a.title for a in await briefings.list_articles()] == ["Foundry output rises"]
    assert site.count("/news/b") == 0


async def test_undated_items_take_the_page_date_or_stay_undated(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    recent = story("recent", "Memory makers cut output", None)
    stale = story("stale", "Memory makers raised output years ago", None)
    unknown = story("unknown", "Memory makers hold output steady", None)
    site.serve("/news/recent", article_page(recent, meta_date="2026-05-30"))
    site.serve("/news/stale", article_page(stale, meta_date="2020-01-15"))
    site.serve("/news/unknown", article_page(unknown))
    site.serve("/rss.xml", rss(site.base, [recent, stale, unknown]), content_type="text/xml")
    added = await feeds.add(site.url("/rss.xml"))
    summary = await feeds.poll_due()
    result = summary.results[0]
    assert result.skipped_old == 1  # the page date shows it is years old: no flood
    stored = {a.title: a for a in await briefings.list_articles()}
    assert set(stored) == {recent.title, unknown.title}
    assert stored[recent.title].published_at == datetime(2026, 5, 30, tzinfo=UTC)
    assert stored[recent.title].published_precision is DatePrecision.DAY
    assert stored[unknown.title].published_at is None
    feed = await feeds.find(added.feed.id)
    assert feed.items_seen == 3


async def test_unreadable_page_falls_back_to_the_feed_summary(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    item = story("gone", "Lithography supplier delays shipments", NOW_AT - timedelta(hours=2))
    site.status("/news/gone", 500)
    site.serve("/rss.xml", rss(site.base, [item]), content_type="application/rss+xml")
    await feeds.add(site.url("/rss.xml"))
    summary = await feeds.poll_due()
    assert summary.added == 1
    stored = (await briefings.list_articles())[0]
    assert stored.body == item.paragraphs[0]
    assert stored.publisher == "Test Wire: Tech"


async def test_ingest_url_stores_one_article_and_dedups(
    site: Site, feeds: Feeds, briefings: Briefings
) -> None:
    item = story("solo", "Chip subsidy bill passes the Senate", None)
    site.serve("/news/solo", article_page(item, meta_date="2026-05-28T09:00:00Z"))
    report = await feeds.ingest_url(site.url("/news/solo?utm_campaign=x"))
    assert len(report.added) == 1
    article = await briefings.store.get_article(report.added[0].article_id)
    assert article is not None
    assert article.title == item.title
    assert article.canonical_url == site.url("/news/solo")
    assert article.published_at == datetime(2026, 5, 28, tzinfo=UTC)
    again = await feeds.ingest_url(site.url("/news/solo"))
    assert again.added == ()
    assert again.duplicates[0].existing_id == article.id


async def test_ingest_url_reports_failures_plainly(site: Site, feeds: Feeds) -> None:
    site.status("/missing", 404)
    site.serve("/empty", "<html><body><nav>Home</nav></body></html>")
    site.serve("/rss.xml", rss(site.base, []), content_type="application/rss+xml")
    missing = await feeds.ingest_url(site.url("/missing"))
    assert "HTTP 404" in missing.rejected[0].reason
    empty = await feeds.ingest_url(site.url("/empty"))
    assert "No article text" in empty.rejected[0].reason
    feed = await feeds.ingest_url(site.url("/rss.xml"))
    assert "is a feed" in feed.rejected[0].reason
    bad = await feeds.ingest_url("not a link")
    assert "not a web address" in bad.rejected[0].reason


async def test_a_page_over_the_size_limit_is_rejected_with_its_size_and_the_rest_goes_in(
    site: Site, tmp_path: Path, clock: SettableClock
) -> None:
    small = story("small", "Chip curbs widen", NOW_AT - timedelta(hours=3))
    big = story("big", "Chip fab log dump", NOW_AT - timedelta(hours=2))
    # About 7 KB of article text, over a 4 KB limit; the small page is about 1 KB.
    big = replace(big, paragraphs=big.paragraphs * 8)
    for item in (small, big):
        site.serve(f"/news/{item.slug}", article_page(item))
    site.serve("/rss.xml", rss(site.base, [small, big]), content_type="application/rss+xml")
    store = await ArticleStore.open(tmp_path / "gated.db", workers=1)
    try:
        gated = Briefings(
            store,
            seeds_dir=tmp_path / "no-seeds",
            clock=clock,
            gate=ArticleGate(max_text_bytes=4 * 1024),
        )
        feeds = Feeds(gated, policy=local_policy(), clock=clock, rng=random.Random(7))
        await feeds.add(site.url("/rss.xml"))
        summary = await feeds.poll_due()
        titles = [a.title for a in await gated.list_articles()]
    finally:
        await store.close()
    assert titles == ["Chip curbs widen"]
    [rejected] = [r for result in summary.results for r in result.report.rejected]
    assert rejected.origin.startswith(site.url("/news/big"))
    assert re.search(r"The article text is [67] KB, over the 4 KB limit", rejected.reason)


async def test_a_link_over_the_size_limit_is_rejected_with_its_size(
    site: Site, tmp_path: Path, clock: SettableClock
) -> None:
    big = story("big", "Chip fab log dump", NOW_AT - timedelta(hours=2))
    site.serve("/news/big", article_page(replace(big, paragraphs=big.paragraphs * 8)))
    store = await ArticleStore.open(tmp_path / "gated.db", workers=1)
    try:
        gate = ArticleGate(max_text_bytes=4 * 1024)
        gated = Briefings(store, seeds_dir=tmp_path / "no-seeds", clock=clock, gate=gate)
        feeds = Feeds(gated, policy=local_policy(), clock=clock)
        report = await feeds.ingest_url(site.url("/news/big"))
    finally:
        await store.close()
    assert report.added == ()
    [rejected] = report.rejected
    assert "over the 4 KB limit" in rejected.reason
