"""Discord pages and replies for feeds and links, inside Discord's limits (see ``paging``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.feed_polls import FeedAdded
from bot.core.feeds import Feed, feed_state
from bot.core.reports import IngestReport
from bot.render.embed_text import escape, shorten
from bot.render.embeds import CONTENT_MAX, Page
from bot.render.paging import Section, sections_to_pages

NO_FEEDS = "No feeds are followed yet; add one with /feed add."
NOTHING_ADDED = "Nothing was added."
# Long enough for any real feed title or error; a pasted essay must not fill a page.
_NAME_MAX = 200
_ERROR_MAX = 300
_STATE_MARK = {"ok": "🟢", "new": "🔵", "failing": "🟠", "paused": "🔴"}


def _when(moment: datetime | None) -> str:
    return f"<t:{int(moment.timestamp())}:R>" if moment else "never"


def feed_name(feed: Feed) -> str:
    """The feed's title (or address) as literal Discord text, cut at a word boundary."""
    return shorten(escape(feed.name), _NAME_MAX)


def _entry(feed: Feed, *, health: bool) -> str:
    state = feed_state(feed).value
    failures = f", {feed.failures} failed polls" if feed.failures else ""
    lines = [f"{_STATE_MARK[state]} `{feed.id}` **{feed_name(feed)}** — {state}{failures}"]
    if health:
        lines.append(
            f"  every {feed.interval_minutes} min · last poll {_when(feed.last_polled_at)} · "
            f"next {_when(feed.next_poll_at)} · {feed.articles_added} article{_plural(feed.articles_added)}"
        )
        if feed.last_error:
            lines.append(f"  last error: {shorten(escape(feed.last_error), _ERROR_MAX)}")
    else:
        lines.append(f"  <{feed.url}> every {feed.interval_minutes} min")
    return "\n".join(lines)


def render_feeds(feeds: Sequence[Feed], *, title: str, health: bool) -> list[Page]:
    """Feeds as pages of embeds, one entry each; with ``health``, polling times and last error.

    An entry is never split between embeds unless it alone is longer than one.
    """
    entries = tuple(_entry(feed, health=health) for feed in feeds)
    return sections_to_pages([Section(f"{title} ({len(feeds)})", entries)], label=title)


def _content(text: str) -> str:
    return shorten(text, CONTENT_MAX)


def added_message(added: FeedAdded, *, new_item_days: int) -> str:
    """What /feed add followed, and that recent articles are being added."""
    verb = "Now following" if added.is_new else "Already following (re-enabled)"
    return _content(
        f"{verb} feed `{added.feed.id}`: **{feed_name(added.feed)}** ({added.items} item{_plural(added.items)}, "
        f"every {added.feed.interval_minutes} min). Articles from the last "
        f"{new_item_days} day{_plural(new_item_days)} are being added now."
    )


def removed_message(feed: Feed) -> str:
    """What /feed remove did."""
    return _content(f"No longer following **{feed_name(feed)}**. Its articles stay.")


def resumed_message(feed: Feed) -> str:
    """What /feed resume did."""
    return _content(f"**{feed_name(feed)}** is enabled and will be polled now.")


def ingest_message(report: IngestReport) -> str:
    """What adding a link did, in one or two plain lines."""
    lines = [f"Added article `{a.article_id}`: {escape(a.title)}" for a in report.added]
    lines += [f"Already stored as article `{d.existing_id}`." for d in report.duplicates]
    lines += [f"Stored again: {escape(line)}" for line in report.restored]
    lines += [
        f"Not added: a manager removed it (article `{w.removed_id}`); only someone with Manage "
        "Server can add it back with /ingest."
        for w in report.withheld
    ]
    lines += [f"Not added: {escape(r.reason)}" for r in report.rejected]
    return _content("\n".join(lines)) or NOTHING_ADDED


def _plural(count: int) -> str:
    return "" if count == 1 else "s"
