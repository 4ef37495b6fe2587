"""How feeds are polled: windows, backoff, pause threshold, concurrency and shared claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.ingest.fetch import FetchLimits
from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class FeedPolicy:
    """How feeds are polled: windows, backoff, pause threshold and concurrency."""

    new_item_days: int = 7
    pause_after_failures: int = 6
    max_backoff: timedelta = timedelta(hours=12)
    paused_probe: timedelta = timedelta(hours=24)
    jitter: float = 0.1
    concurrent_feeds: int = 8
    concurrent_pages: int = 8
    fetch_pages: bool = True
    limits: FetchLimits = field(default_factory=FetchLimits)
    # Each polling slot claims this many due feeds at a time, so processes sharing a store share
    # the load evenly; a claim lapses after the lease if its process dies mid-poll.
    claim_batch: int = 2
    claim_lease: timedelta = timedelta(minutes=15)

    @classmethod
    def from_settings(cls, settings: Settings) -> FeedPolicy:
        """The default policy; private addresses only when the settings allow them (local feeds),
        requests cut after ``BRIEFBOT_FEED_FETCH_TIMEOUT_SECONDS``, claims held for
        ``BRIEFBOT_FEED_CLAIM_LEASE_SECONDS``."""
        limits = FetchLimits(
            timeout_seconds=settings.feed_fetch_timeout_seconds,
            allow_private_hosts=settings.feeds_allow_private_hosts,
        )
        return cls(
            limits=limits,
            claim_lease=timedelta(seconds=settings.feed_claim_lease_seconds),
        )


def backoff_delay(interval_minutes: int, failures: int, policy: FeedPolicy) -> timedelta:
    """How long a feed with ``failures`` consecutive failures waits: doubling, capped."""
    interval = timedelta(minutes=interval_minutes)
    doubled: timedelta = interval * (2 ** min(failures, 16))
    return min(doubled, max(policy.max_backoff, interval))
