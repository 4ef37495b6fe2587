"""The store's feeds: following, claiming and recording polls, and the items they delivered."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.store import feed_items, feeds
from bot.store.connections import StoreConnections
from bot.store.transactions import immediate_transaction


class FeedRecords(StoreConnections):
    """Feed methods of ``ArticleStore``, for its scope (a server follows its own feeds)."""

    async def add_feed(
        self, url: str, *, title: str | None, interval_minutes: int | None, added_at: datetime
    ) -> tuple[feeds.Feed, bool]:
        """This scope follows a feed (or re-times a followed one); the feed and whether it is new.

        ``interval_minutes`` None: a known feed keeps its interval, a new one gets the default.

        A feed another scope follows already is not fetched twice: this scope joins it.
        """
        async with self._write_lock, immediate_transaction(self._writer):
            return await feeds.add_feed(
                self._writer,
                url,
                title=title,
                interval_minutes=interval_minutes,
                added_at=added_at,
                follower=self.owner,
            )

    async def get_feed(self, key: int | str) -> feeds.Feed | None:
        """One feed this scope follows, by id or address, or ``None``."""
        return await feeds.get_feed(self._reader, key, follower=self._follower)

    async def list_feeds(self) -> list[feeds.Feed]:
        """The feeds this scope follows (unscoped: every feed), oldest first."""
        return await feeds.list_feeds(self._reader, follower=self._follower)

    async def due_feeds(self, now_at: datetime) -> list[feeds.Feed]:
        """Feeds due for a poll at ``now_at``, most overdue first."""
        return await feeds.due_feeds(self._reader, now_at)

    async def claim_due_feeds(
        self, now_at: datetime, *, lease_until_at: datetime, limit: int | None = None
    ) -> list[feeds.Feed]:
        """Claim the feeds due at ``now_at`` for this process until ``lease_until_at``.

        Another process sharing the store does not get them; ``limit`` leaves the rest of the
        due feeds to the other processes.
        """
        async with self._write_lock, immediate_transaction(self._writer):
            return await feeds.claim_due_feeds(
                self._writer, now_at, lease_until_at=lease_until_at, limit=limit
            )

    async def remove_feed(self, feed_id: int) -> bool:
        """This scope stops following a feed (gone once nobody does); its articles stay."""
        async with self._write_lock, immediate_transaction(self._writer):
            return await feeds.remove_feed(self._writer, feed_id, follower=self._follower)

    async def record_feed_success(self, feed_id: int, success: feeds.PollSuccess) -> None:
        """Record a good poll of a feed."""
        async with self._write_lock:
            await feeds.record_success(self._writer, feed_id, success)

    async def record_feed_failure(self, feed_id: int, failure: feeds.PollFailure) -> None:
        """Record a failed poll of a feed."""
        async with self._write_lock:
            await feeds.record_failure(self._writer, feed_id, failure)

    async def resume_feed(self, feed_id: int, *, next_poll_at: datetime) -> bool:
        """Lift a feed's pause; False when there is no such feed."""
        async with self._write_lock:
            return await feeds.resume_feed(self._writer, feed_id, next_poll_at=next_poll_at)

    async def seen_feed_items(self, feed_id: int, guids: Sequence[str]) -> set[str]:
        """Which of these item GUIDs the feed already delivered."""
        return await feed_items.seen_guids(self._reader, feed_id, guids)

    async def mark_feed_items_seen(
        self, feed_id: int, items: Sequence[tuple[str, int | None]], *, seen_at: datetime
    ) -> None:
        """Remember delivered items (GUID, article id) of a feed."""
        async with self._write_lock:
            await feed_items.mark_seen(self._writer, feed_id, items, seen_at=seen_at)

    async def articles_by_url(self, canonical_urls: Sequence[str]) -> dict[str, int]:
        """Ids of stored articles by canonical address."""
        return await feed_items.articles_by_url(self._reader, canonical_urls)
