"""What following and polling feeds report: a feed added, one feed's poll, a polling pass."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.feeds import Feed
from bot.core.reports import IngestReport


@dataclass(frozen=True, slots=True)
class FeedAdded:
    """A followed feed, whether it is new, and how many items it offers now."""

    feed: Feed
    is_new: bool
    items: int


@dataclass(frozen=True, slots=True)
class FeedPollResult:
    """What one poll of one feed did."""

    feed_id: int
    url: str
    ok: bool
    not_modified: bool = False
    items: int = 0
    new_items: int = 0
    skipped_old: int = 0
    # Items whose article an operator removed (``briefbot remove``): never stored again by a feed.
    skipped_removed: int = 0
    report: IngestReport = field(default_factory=IngestReport)
    error: str | None = None
    paused: bool = False


@dataclass(frozen=True, slots=True)
class PollSummary:
    """One polling pass over several feeds."""

    results: tuple[FeedPollResult, ...] = ()

    @property
    def added(self) -> int:
        """Articles stored in this pass."""
        return sum(len(r.report.added) for r in self.results)

    @property
    def failed(self) -> int:
        """Feeds whose poll failed."""
        return sum(not r.ok for r in self.results)
