"""Terminal (rich ``Text``, never markup built from data) and JSON renderers for feeds and links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.core.feed_polls import FeedAdded, PollSummary
from bot.core.feeds import Feed, feed_state
from bot.core.reports import IngestReport
from bot.render.brief_terminal import count_noun
from bot.render.json import render_json
from bot.render.layout_terminal import Fields, is_plain
from bot.render.terminal import failure_line

NO_FEEDS = "No feeds are followed yet; add one with `briefbot feed add URL`."
_STATE_STYLE = {"ok": "green", "new": "cyan", "failing": "yellow", "paused": "red"}


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def _feed_record(feed: Feed) -> dict[str, object]:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "state": feed_state(feed),
        "interval_minutes": feed.interval_minutes,
        "last_polled_at": feed.last_polled_at,
        "last_success_at": feed.last_success_at,
        "next_poll_at": feed.next_poll_at,
        "failures": feed.failures,
        "last_error": feed.last_error,
        "last_error_kind": feed.last_error_kind,
        "items_seen": feed.items_seen,
        "articles_added": feed.articles_added,
    }


def feeds_json(feeds: Sequence[Feed]) -> str:
    """Feeds as a JSON list of plain values, health included (no HTTP validators)."""
    return render_json([_feed_record(feed) for feed in feeds])


def state_label(feed: Feed) -> Text:
    """The feed's state, with its failure count when failing, coloured by state."""
    state = feed_state(feed).value
    failures = "failure" if feed.failures == 1 else "failures"
    label = f"{state} ({feed.failures} {failures})" if feed.failures else state
    return Text(label, style=_STATE_STYLE[state])


def print_feeds(feeds: Sequence[Feed], console: Console) -> None:
    """A table of the followed feeds: id, title and address, interval and state."""
    if not feeds:
        console.print(Text(NO_FEEDS))
        return
    if is_plain(console):
        # One tab-separated line per feed (title, then address) for `grep` and `cut -f`.
        for feed in feeds:
            every = f"{feed.interval_minutes} min"
            state = state_label(feed).plain
            console.print(Fields((str(feed.id), feed.title or "", feed.url, every, state)))
        return
    table = Table()
    for column in ("id", "feed", "every", "state"):
        table.add_column(column, overflow="fold")
    for feed in feeds:
        name = f"{feed.title}\n{feed.url}" if feed.title else feed.url
        table.add_row(str(feed.id), Text(name), f"{feed.interval_minutes} min", state_label(feed))
    console.print(table)


def print_health(feeds: Sequence[Feed], console: Console) -> None:
    """Each feed's health as a short block: state, polling times, yield and last error."""
    if not feeds:
        console.print(Text(NO_FEEDS))
        return
    for feed in feeds:
        head = Text(f"{feed.id}  {feed.name}  ", style="bold")
        console.print(head + state_label(feed))
        if feed.title:
            console.print(Text(f"   {feed.url}"), highlight=False)
        console.print(
            Text(
                f"   every {feed.interval_minutes} min · last poll {_when(feed.last_polled_at)} · "
                f"next poll {_when(feed.next_poll_at)}"
            ),
            highlight=False,
        )
        console.print(
            Text(
                f"   {count_noun(feed.articles_added, 'article')} from "
                f"{count_noun(feed.items_seen, 'item')} seen"
            ),
            highlight=False,
        )
        if feed.last_error:
            where = f"{feed.last_error_kind}, {_when(feed.last_error_at)}"
            console.print(Text(f"   last error ({where}): {feed.last_error}", style="red"))


def added_text(added: FeedAdded) -> Text:
    """What ``feed add`` followed, in one line."""
    verb = "Following" if added.is_new else "Already following (re-enabled)"
    return Text(
        f"{verb} feed {added.feed.id}: {added.feed.name} ({count_noun(added.items, 'item')}, polled every "
        f"{added.feed.interval_minutes} min)."
    )


def removed_text(feed: Feed) -> Text:
    """What ``feed remove`` did, in one line."""
    return Text(f"No longer following feed {feed.id}: {feed.name}. Its articles stay.")


def resumed_text(feed: Feed) -> Text:
    """What ``feed resume`` did, in one line."""
    return Text(f"Feed {feed.id} ({feed.name}) is enabled and due now.")


def failure_text(reason: str) -> Text:
    """A refused feed request: a red cross, then the reason as literal text."""
    return Text("✗", style="red") + Text(f" {reason}")


def print_poll(summary: PollSummary, out: Console, err: Console) -> None:
    """One line per polled feed, failures on stderr, then the totals."""
    for result in summary.results:
        if not result.ok:
            state = "paused" if result.paused else "failed"
            err.print(Text(f"✗ {result.url}: {state}: {result.error}", style="red"))
            continue
        if result.not_modified:
            out.print(Text(f"= {result.url}: not modified"))
            continue
        report = result.report
        out.print(
            Text(
                f"✓ {result.url}: {count_noun(result.items, 'item')}, {result.new_items} new, "
                f"{len(report.added)} added, {count_noun(len(report.duplicates), 'duplicate')}, "
                f"{result.skipped_old} too old"
                + (f", {result.skipped_removed} removed before" if result.skipped_removed else "")
            )
        )
        for bad in report.rejected:
            err.print(Text(f"  ✗ {bad.origin}: {bad.reason}", style="yellow"))
    out.print(
        Text(
            f"Polled {count_noun(len(summary.results), 'feed')}: "
            f"{count_noun(summary.added, 'article')} added, "
            f"{summary.failed} failed.",
            style="bold",
        )
    )


def print_fetched(report: IngestReport, out: Console, err: Console) -> None:
    """Articles added by link, those already stored, and refused links (on stderr)."""
    for added in report.added:
        out.print(Text(f"✓ {added.origin}: added as article {added.article_id}: {added.title}"))
    for dup in report.duplicates:
        out.print(Text(f"= {dup.origin}: already stored as article {dup.existing_id}"))
    for line in report.restored:
        out.print(Text(f"+ {line}"))
    for held in report.withheld:
        out.print(Text(f"- {held.origin}: not stored again ({held.reason})"))
    for bad in report.rejected:
        err.print(Text(f"✗ {failure_line(bad.origin, bad.reason)}", style="red"))
