"""A followed feed as a plain record, its health state, and how a person names one (id or address)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

DEFAULT_INTERVAL_MINUTES = 30


@dataclass(frozen=True, slots=True)
class Feed:
    """A followed feed with its schedule, HTTP validators and health."""

    id: int
    url: str
    title: str | None
    interval_minutes: int
    added_at: datetime
    etag: str | None
    last_modified: str | None
    last_polled_at: datetime | None
    last_success_at: datetime | None
    next_poll_at: datetime
    failures: int
    paused: bool
    last_error: str | None
    last_error_kind: str | None
    last_error_at: datetime | None
    articles_added: int
    items_seen: int
    # Who follows it: the shared library (0) and servers by id; one fetch serves them all.
    followers: tuple[int, ...] = ()

    @property
    def name(self) -> str:
        """The feed's title when known, else its address."""
        return self.title or self.url


class FeedState(StrEnum):
    """A feed's health as shown by ``feed status``."""

    NEW = "new"
    OK = "ok"
    FAILING = "failing"
    PAUSED = "paused"


def feed_state(feed: Feed) -> FeedState:
    """The health of a feed from its record."""
    if feed.paused:
        return FeedState.PAUSED
    if feed.failures:
        return FeedState.FAILING
    return FeedState.OK if feed.last_success_at else FeedState.NEW


def parse_feed_key(text: str) -> int | str:
    """A feed as a person names it: an id when the text is ASCII digits, else an address."""
    stripped = text.strip()
    # str.isdigit alone accepts "²", which int() refuses.
    return int(stripped) if stripped.isascii() and stripped.isdigit() else stripped
