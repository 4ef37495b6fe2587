"""Feed and link use cases: follow, list, remove, resume, poll (with health and backoff), fetch a link."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.core.feed_polls import FeedAdded, FeedPollResult, PollSummary
from bot.core.feeds import Feed
from bot.core.models import ArticleDraft
from bot.core.reports import DuplicateArticle, IngestReport, RejectedInput
from bot.core.scope import Scope
from bot.core.urls import canonicalise_url
from bot.ingest.feeds import FeedItem, ParsedFeed, discover_feed_links, item_draft, parse_feed
from bot.ingest.fetch import FailureKind, Fetched, Fetcher, FetchError, check_address
from bot.ingest.pages import PageHints, fetch_article
from bot.service.briefings import Briefings, Clock

# Re-exported: callers configure polling through this module.
from bot.service.feed_policy import FeedPolicy as FeedPolicy  # noqa: PLC0414
from bot.service.feed_policy import backoff_delay
from bot.store.errors import StoreError
from bot.store.feeds import PollFailure, PollSuccess

log = logging.getLogger(__name__)

# Errors that will not go away by asking the same page again.
_PERMANENT_PAGE_FAILURES = frozenset(
    {FailureKind.NO_TEXT, FailureKind.CONTENT_TYPE, FailureKind.TOO_LARGE, FailureKind.ADDRESS}
)


class FeedError(Exception):
    """A feed request that cannot be done, as one plain sentence."""


class Feeds:
    """Feed and link use cases over the briefings service (which stores and dedups articles)."""

    def __init__(
        self,
        briefings: Briefings,
        *,
        policy: FeedPolicy | None = None,
        clock: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.briefings = briefings
        self.store = briefings.store
        self.policy = policy or FeedPolicy()
        self.clock = clock or briefings.clock
        self.rng = rng or random.Random()

    def for_scope(self, scope: Scope | None) -> Feeds:
        """These use cases for one scope: its own feeds, articles filed under it."""
        return Feeds(
            self.briefings.for_scope(scope), policy=self.policy, clock=self.clock, rng=self.rng
        )

    def _fetcher(self) -> Fetcher:
        return Fetcher(self.policy.limits)

    async def add(self, url: str, *, interval_minutes: int | None = None) -> FeedAdded:
        """Follow a feed after checking it is one; a web page's advertised feed is followed instead.

        Without ``interval_minutes`` a feed already followed keeps its interval (a new one is
        polled every ``DEFAULT_INTERVAL_MINUTES``).
        """
        if interval_minutes is not None and interval_minutes < 1:
            raise FeedError("The polling interval must be at least 1 minute.")
        try:
            address = check_address(url, allow_private_hosts=self.policy.limits.allow_private_hosts)
            async with self._fetcher() as fetcher:
                address, parsed = await self._probe(fetcher, address)
        except FetchError as error:
            raise FeedError(f"Not added: {error.reason}") from None
        feed, is_new = await self.store.add_feed(
            address, title=parsed.title, interval_minutes=interval_minutes, added_at=self.clock()
        )
        return FeedAdded(feed, is_new, len(parsed.items))

    async def _probe(self, fetcher: Fetcher, url: str) -> tuple[str, ParsedFeed]:
        fetched = await fetcher.fetch_feed(url)
        try:
            return url, await _parse(fetched)
        except FetchError as error:
            if error.kind is not FailureKind.NOT_A_FEED:
                raise
            advertised = discover_feed_links(fetched.body, fetched.url)
            if not advertised:
                raise
        feed_url = advertised[0]
        return feed_url, await _parse(await fetcher.fetch_feed(feed_url))

    async def list(self) -> list[Feed]:
        """Every followed feed with its health."""
        return await self.store.list_feeds()

    async def find(self, key: int | str) -> Feed:
        """A followed feed by id or address; ``FeedError`` when there is none."""
        # No stored id passes a signed 64-bit integer, and the databases refuse to compare one.
        out_of_range = isinstance(key, int) and not 0 < key < 2**63
        feed = None if out_of_range else await self.store.get_feed(key)
        if feed is None and isinstance(key, str):
            feed = await self.store.get_feed(key.strip())
        if feed is None:
            raise FeedError(f"No followed feed has the id or address {key}; see `feed list`.")
        return feed

    async def remove(self, key: int | str) -> Feed:
        """Stop following a feed (its articles stay); the feed as it was."""
        feed = await self.find(key)
        await self.store.remove_feed(feed.id)
        return feed

    async def resume(self, key: int | str) -> Feed:
        """Re-enable a paused or failing feed and make it due at once."""
        feed = await self.find(key)
        await self.store.resume_feed(feed.id, next_poll_at=self.clock())
        return await self.find(feed.id)

    async def poll_due(self) -> PollSummary:
        """Poll every feed that is due now; one feed's failure never stops the others.

        Each of the ``concurrent_feeds`` slots claims ``claim_batch`` due feeds, polls them and
        claims again until nothing is due, so other processes on the same store poll the rest,
        the load stays even to the last feed, and no feed is polled twice. A claim is held only
        while its slot polls it, which is what the lease must outlast.
        """
        results: list[FeedPollResult] = []
        order: list[int] = []
        page_slots = asyncio.Semaphore(self.policy.concurrent_pages)
        async with self._fetcher() as fetcher:

            async def slot() -> None:
                while True:
                    now_at = self.clock()
                    claimed = await self.store.claim_due_feeds(
                        now_at,
                        lease_until_at=now_at + self.policy.claim_lease,
                        limit=self.policy.claim_batch,
                    )
                    if not claimed:
                        return
                    order.extend(feed.id for feed in claimed)
                    for feed in claimed:
                        results.append(await self._poll_one(fetcher, page_slots, feed))

            slots = [asyncio.create_task(slot()) for _ in range(self.policy.concurrent_feeds)]
            try:
                await asyncio.gather(*slots)
            finally:
                # A slot that failed (the store went away) stops the others, which must not go on
                # using the fetcher once it closes; the first error is what the caller sees.
                for task in slots:
                    task.cancel()
                await asyncio.gather(*slots, return_exceptions=True)
        rank = {feed_id: n for n, feed_id in enumerate(order)}
        summary = PollSummary(tuple(sorted(results, key=lambda r: rank[r.feed_id])))
        await self._place_stories(summary)
        return summary

    async def poll(self, keys: Sequence[int | str] = ()) -> PollSummary:
        """Poll the given feeds now, or every feed (paused ones too) when none are given."""
        feeds = [await self.find(k) for k in keys] if keys else await self.store.list_feeds()
        return await self._poll(feeds)

    async def _poll(self, feeds: Sequence[Feed]) -> PollSummary:
        if not feeds:
            return PollSummary()
        feed_slots = asyncio.Semaphore(self.policy.concurrent_feeds)
        page_slots = asyncio.Semaphore(self.policy.concurrent_pages)
        async with self._fetcher() as fetcher:

            async def one(feed: Feed) -> FeedPollResult:
                async with feed_slots:
                    return await self._poll_one(fetcher, page_slots, feed)

            results = await asyncio.gather(*(one(feed) for feed in feeds))
        summary = PollSummary(tuple(results))
        await self._place_stories(summary)
        return summary

    async def _place_stories(self, summary: PollSummary) -> None:
        # Once per pass rather than after each feed: every placement is a write transaction
        # under the store's lock, and processes sharing a store would each place the other's
        # articles and retry on each other's saves. Readers place what is left (``StoryLibrary``).
        # A failure here loses nothing (the articles are stored and the next reader places them),
        # so it must not hide the pass's results.
        if summary.added:
            try:
                await self.briefings.place_stories()
            except StoreError:
                log.exception("placing the polled articles in stories failed; readers will")

    async def _poll_one(
        self, fetcher: Fetcher, page_slots: asyncio.Semaphore, feed: Feed
    ) -> FeedPollResult:
        polled_at = self.clock()
        try:
            fetched = await fetcher.fetch_feed(
                feed.url, etag=feed.etag, last_modified=feed.last_modified
            )
            if fetched.not_modified:
                await self._succeeded(feed, polled_at, fetched, None, 0)
                return FeedPollResult(feed.id, feed.url, ok=True, not_modified=True)
            parsed = await _parse(fetched)
            result = await self._take(fetcher, page_slots, feed, parsed, polled_at)
            await self._succeeded(feed, polled_at, fetched, parsed.title, len(result.report.added))
            return result
        except FetchError as error:
            return await self._failed(feed, polled_at, error.kind.value, error.reason)
        except Exception as error:  # one broken feed must never stop the others
            log.exception("polling feed %s failed unexpectedly", feed.url)
            return await self._failed(feed, polled_at, "internal", f"Internal error: {error!r}")

    async def _succeeded(
        self,
        feed: Feed,
        polled_at: datetime,
        fetched: Fetched,
        title: str | None,
        added: int,
    ) -> None:
        spread = self.rng.uniform(1 - self.policy.jitter, 1 + self.policy.jitter)
        next_poll_at = polled_at + timedelta(minutes=feed.interval_minutes) * spread
        success = PollSuccess(
            polled_at=polled_at,
            next_poll_at=next_poll_at,
            etag=fetched.etag or (feed.etag if fetched.not_modified else None),
            last_modified=fetched.last_modified
            or (feed.last_modified if fetched.not_modified else None),
            title=title,
            articles_added=added,
        )
        await self.store.record_feed_success(feed.id, success)

    async def _failed(
        self, feed: Feed, polled_at: datetime, kind: str, reason: str
    ) -> FeedPollResult:
        failures = feed.failures + 1
        paused = failures >= self.policy.pause_after_failures
        if paused:
            delay = self.policy.paused_probe
        else:
            delay = backoff_delay(feed.interval_minutes, failures, self.policy)
            delay *= self.rng.uniform(1, 1 + self.policy.jitter)
        failure = PollFailure(polled_at, polled_at + delay, failures, paused, reason, kind)
        await self.store.record_feed_failure(feed.id, failure)
        return FeedPollResult(feed.id, feed.url, ok=False, error=reason, paused=paused)

    async def _take(
        self,
        fetcher: Fetcher,
        page_slots: asyncio.Semaphore,
        feed: Feed,
        parsed: ParsedFeed,
        now_at: datetime,
    ) -> FeedPollResult:
        seen = await self.store.seen_feed_items(feed.id, [i.guid for i in parsed.items])
        fresh = [item for item in parsed.items if item.guid not in seen]
        cutoff_at = now_at - timedelta(days=self.policy.new_item_days)
        old = [i for i in fresh if i.published_at is not None and i.published_at < cutoff_at]
        old_guids = {i.guid for i in old}
        candidates = [i for i in fresh if i.guid not in old_guids]
        canonical = {i.guid: canonicalise_url(i.link) for i in candidates if i.link}
        known = await self.store.articles_by_url(sorted(set(canonical.values())))
        tombstones = await self.store.find_tombstones(sorted(set(canonical.values())))
        removed_urls = {t.url for t in tombstones}
        marks: list[tuple[str, int | None]] = [(i.guid, None) for i in old]
        to_build: list[FeedItem] = []
        # A new GUID whose link is an article already stored counts as a duplicate, as it would
        # had its page been fetched and matched by content.
        linked: list[DuplicateArticle] = []
        skipped_removed = 0
        for item in candidates:
            existing = known.get(canonical.get(item.guid, ""))
            if existing is not None:
                marks.append((item.guid, existing))
                reason = f"same URL as article {existing}"
                linked.append(
                    DuplicateArticle(item.link or item.guid, item.title, existing, reason)
                )
            elif canonical.get(item.guid) in removed_urls:
                skipped_removed += 1
                marks.append((item.guid, None))
            else:
                to_build.append(item)

        async def build(item: FeedItem) -> ArticleDraft | FetchError:
            async with page_slots:
                return await self._draft(fetcher, item, feed, parsed.title)

        built = await asyncio.gather(*(build(item) for item in to_build))
        drafts: list[ArticleDraft] = []
        rejected: list[RejectedInput] = []
        by_origin: dict[str, list[str]] = {}
        for item, outcome in zip(to_build, built, strict=True):
            if isinstance(outcome, FetchError):
                rejected.append(RejectedInput(item.link or item.guid, outcome.reason))
                if outcome.kind in _PERMANENT_PAGE_FAILURES:
                    marks.append((item.guid, None))
            elif outcome.published_at is not None and outcome.published_at < cutoff_at:
                old.append(item)
                marks.append((item.guid, None))
            else:
                drafts.append(outcome)
                by_origin.setdefault(outcome.origin or "", []).append(item.guid)
        # One fetch serves every follower: the articles are filed under each of them.
        report = IngestReport()
        if drafts:
            # Stories are placed once per pass (``_place_stories``), not after each feed.
            report = await self.briefings.store_drafts(drafts, owners=feed.followers or None)
        stored = [(a.origin, a.article_id) for a in report.added]
        stored += [(d.origin, d.existing_id) for d in report.duplicates]
        for origin, article_id in stored:
            marks.extend((guid, article_id) for guid in by_origin.get(origin, ()))
        for withheld in report.withheld:
            marks.extend((guid, None) for guid in by_origin.get(withheld.origin, ()))
        skipped_removed += len(report.withheld)
        if skipped_removed:
            log.info(
                "feed %s: skipped %d items whose articles were removed", feed.url, skipped_removed
            )
        await self.store.mark_feed_items_seen(feed.id, marks, seen_at=now_at)
        return FeedPollResult(
            feed.id,
            feed.url,
            ok=True,
            items=len(parsed.items),
            new_items=len(fresh),
            skipped_old=len(old),
            skipped_removed=skipped_removed,
            report=report.merged(IngestReport(duplicates=tuple(linked), rejected=tuple(rejected))),
        )

    async def _draft(
        self, fetcher: Fetcher, item: FeedItem, feed: Feed, feed_title: str | None
    ) -> ArticleDraft | FetchError:
        gate = self.briefings.gate
        from_feed = item_draft(item, feed_title=feed_title, feed_url=feed.url, gate=gate)
        if item.has_full_text or not item.link or not self.policy.fetch_pages:
            if from_feed is not None:
                return from_feed
            if not item.link or not self.policy.fetch_pages:
                return FetchError(FailureKind.NO_TEXT, f"{item.title or item.guid} has no text.")
        assert item.link is not None
        hints = PageHints(item.title or None, item.author, feed_title, item.published_at)
        try:
            return await fetch_article(fetcher, item.link, hints=hints, gate=gate)
        except FetchError as error:
            # The feed's own summary is better than nothing when the page cannot be read; a page
            # over the size limit is junk by the same rule as a file, and is rejected as one.
            if error.kind is FailureKind.TOO_LARGE or from_feed is None:
                return error
            return from_feed

    async def ingest_url(self, url: str, *, restore_removed: bool = True) -> IngestReport:
        """Fetch one article by its link and store it; failures come back as a rejection.

        A link given by hand stores a removed article again unless ``restore_removed`` is off
        (a Discord member without Manage Server).
        """
        try:
            address = check_address(url, allow_private_hosts=self.policy.limits.allow_private_hosts)
            async with self._fetcher() as fetcher:
                draft = await fetch_article(fetcher, address, gate=self.briefings.gate)
        except FetchError as error:
            return IngestReport(rejected=(RejectedInput(url.strip(), error.reason),))
        return await self.briefings.ingest_drafts([draft], restore_removed=restore_removed)


async def _parse(fetched: Fetched) -> ParsedFeed:
    return await asyncio.to_thread(
        parse_feed, fetched.body, url=fetched.url, content_type=fetched.content_type
    )


async def poll_due_feeds(feeds: Feeds) -> PollSummary:
    """One scheduled polling pass; never raises, so a scheduler job keeps running."""
    try:
        summary = await feeds.poll_due()
    except Exception:  # a scheduled job must survive anything; it is logged
        log.exception("feed polling pass failed")
        return PollSummary()
    if summary.results:
        log.info(
            "polled %d feeds: %d articles added, %d failed",
            len(summary.results),
            summary.added,
            summary.failed,
        )
    return summary
