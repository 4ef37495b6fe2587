"""CLI handlers for feeds and links: ``feed add|list|remove|status|resume|poll`` and ``fetch URL``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import datetime

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli.arguments import positive_int
from bot.cli.context import CliContext, open_service
from bot.core.reports import IngestReport
from bot.service.briefings import Briefings
from bot.service.feeds import (
    DEFAULT_INTERVAL_MINUTES,
    FeedError,
    FeedPolicy,
    Feeds,
    PollSummary,
    feed_state,
)
from bot.settings import Settings
from bot.store.feeds import Feed

_NONE = "No feeds are followed yet; add one with `briefbot feed add URL`."
_STATE_STYLE = {"ok": "green", "new": "cyan", "failing": "yellow", "paused": "red"}


def feed_policy(settings: Settings) -> FeedPolicy:
    """The polling policy; private addresses only when the settings allow them (local feeds)."""
    return FeedPolicy.from_settings(settings)


def _feeds(context: CliContext, service: Briefings) -> Feeds:
    return Feeds(service, policy=feed_policy(context.settings))


def _key(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def feed_json(feed: Feed) -> dict[str, object]:
    """A feed as plain JSON values, health included."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "state": feed_state(feed).value,
        "interval_minutes": feed.interval_minutes,
        "last_polled_at": feed.last_polled_at.isoformat() if feed.last_polled_at else None,
        "last_success_at": feed.last_success_at.isoformat() if feed.last_success_at else None,
        "next_poll_at": feed.next_poll_at.isoformat(),
        "failures": feed.failures,
        "last_error": feed.last_error,
        "last_error_kind": feed.last_error_kind,
        "items_seen": feed.items_seen,
        "articles_added": feed.articles_added,
    }


def _state_label(feed: Feed) -> Text:
    state = feed_state(feed).value
    failures = "failure" if feed.failures == 1 else "failures"
    label = f"{state} ({feed.failures} {failures})" if feed.failures else state
    return Text(label, style=_STATE_STYLE[state])


def print_feeds(feeds: Sequence[Feed], console: Console) -> None:
    """A table of the followed feeds: id, title and address, interval and state."""
    if not feeds:
        console.print(_NONE)
        return
    table = Table()
    for column in ("id", "feed", "every", "state"):
        table.add_column(column, overflow="fold")
    for feed in feeds:
        name = f"{feed.title}\n{feed.url}" if feed.title else feed.url
        table.add_row(str(feed.id), name, f"{feed.interval_minutes} min", _state_label(feed))
    console.print(table)


def print_health(feeds: Sequence[Feed], console: Console) -> None:
    """Each feed's health as a short block: state, polling times, yield and last error."""
    if not feeds:
        console.print(_NONE)
        return
    for feed in feeds:
        head = Text(f"{feed.id}  {feed.name}  ", style="bold")
        console.print(head + _state_label(feed))
        if feed.title:
            console.print(f"   {feed.url}", highlight=False)
        console.print(
            f"   every {feed.interval_minutes} min · last poll {_when(feed.last_polled_at)} · "
            f"next poll {_when(feed.next_poll_at)}",
            highlight=False,
        )
        console.print(
            f"   {feed.articles_added} articles from {feed.items_seen} items seen", highlight=False
        )
        if feed.last_error:
            where = f"{feed.last_error_kind}, {_when(feed.last_error_at)}"
            console.print(Text(f"   last error ({where}): {feed.last_error}", style="red"))


def print_poll(summary: PollSummary, out: Console, err: Console) -> None:
    """One line per polled feed, failures on stderr, then the totals."""
    for result in summary.results:
        if not result.ok:
            state = "paused" if result.paused else "failed"
            err.print(Text(f"✗ {result.url}: {state}: {result.error}", style="red"))
            continue
        if result.not_modified:
            out.print(f"= {result.url}: not modified")
            continue
        report = result.report
        out.print(
            f"✓ {result.url}: {result.items} items, {result.new_items} new, "
            f"{len(report.added)} added, {len(report.duplicates)} duplicates, "
            f"{result.skipped_old} too old"
        )
        for bad in report.rejected:
            err.print(Text(f"  ✗ {bad.origin}: {bad.reason}", style="yellow"))
    out.print(
        Text(
            f"Polled {len(summary.results)} feeds: {summary.added} articles added, "
            f"{summary.failed} failed.",
            style="bold",
        )
    )


async def add(context: CliContext, args: argparse.Namespace) -> int:
    """Follow a feed, then poll it once unless --no-poll."""
    async with open_service(context) as service:
        feeds = _feeds(context, service)
        try:
            added = await feeds.add(args.url, interval_minutes=args.interval)
        except FeedError as error:
            context.err.print(f"[red]✗[/red] {error}")
            return 1
        verb = "Following" if added.is_new else "Already following (re-enabled)"
        context.out.print(
            f"{verb} feed {added.feed.id}: {added.feed.name} ({added.items} items, polled every "
            f"{added.feed.interval_minutes} min)."
        )
        if not args.no_poll:
            print_poll(await feeds.poll([added.feed.id]), context.out, context.err)
    return 0


async def list_feeds(context: CliContext, args: argparse.Namespace) -> int:
    """List the followed feeds."""
    async with open_service(context) as service:
        items = await _feeds(context, service).list()
    if args.format == "json":
        context.out.print_json(json.dumps([feed_json(f) for f in items]))
    else:
        print_feeds(items, context.out)
    return 0


async def status(context: CliContext, args: argparse.Namespace) -> int:
    """Feed health: last and next poll, failures, last error; exit 1 when any feed is unwell."""
    async with open_service(context) as service:
        feeds = _feeds(context, service)
        try:
            items = [await feeds.find(_key(args.feed))] if args.feed else await feeds.list()
        except FeedError as error:
            context.err.print(f"[red]✗[/red] {error}")
            return 1
    if args.format == "json":
        context.out.print_json(json.dumps([feed_json(f) for f in items]))
    else:
        print_health(items, context.out)
    return 1 if any(f.failures or f.paused for f in items) else 0


async def remove(context: CliContext, args: argparse.Namespace) -> int:
    """Stop following a feed; its stored articles stay."""
    async with open_service(context) as service:
        try:
            feed = await _feeds(context, service).remove(_key(args.feed))
        except FeedError as error:
            context.err.print(f"[red]✗[/red] {error}")
            return 1
    context.out.print(f"No longer following feed {feed.id}: {feed.name}. Its articles stay.")
    return 0


async def resume(context: CliContext, args: argparse.Namespace) -> int:
    """Re-enable a paused or failing feed; it is polled on the next pass."""
    async with open_service(context) as service:
        try:
            feed = await _feeds(context, service).resume(_key(args.feed))
        except FeedError as error:
            context.err.print(f"[red]✗[/red] {error}")
            return 1
    context.out.print(f"Feed {feed.id} ({feed.name}) is enabled and due now.")
    return 0


async def poll(context: CliContext, args: argparse.Namespace) -> int:
    """One polling pass (due feeds, the named ones, or --all); exit 1 only if every feed failed."""
    async with open_service(context) as service:
        feeds = _feeds(context, service)
        try:
            if args.feeds or args.all:
                summary = await feeds.poll([_key(k) for k in args.feeds])
            else:
                summary = await feeds.poll_due()
        except FeedError as error:
            context.err.print(f"[red]✗[/red] {error}")
            return 1
    print_poll(summary, context.out, context.err)
    return 1 if summary.results and summary.failed == len(summary.results) else 0


async def fetch(context: CliContext, args: argparse.Namespace) -> int:
    """Add articles by their links; exit 1 when none could be stored or matched."""
    report = IngestReport()
    async with open_service(context) as service:
        feeds = _feeds(context, service)
        for url in args.urls:
            report = report.merged(await feeds.ingest_url(url))
    for added in report.added:
        context.out.print(f"✓ {added.origin}: added as article {added.article_id}: {added.title}")
    for dup in report.duplicates:
        context.out.print(f"= {dup.origin}: already stored as article {dup.existing_id}")
    for bad in report.rejected:
        context.err.print(Text(f"✗ {bad.origin}: {bad.reason}", style="red"))
    return 1 if report.rejected and not report.added and not report.duplicates else 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``feed`` (add, list, remove, status, resume, poll) and ``fetch``."""
    feed = commands.add_parser("feed", help="follow RSS/Atom feeds and check their health")
    actions = feed.add_subparsers(dest="feed_command", required=True, metavar="ACTION")

    add_parser = actions.add_parser("add", help="follow a feed (a page's advertised feed works)")
    add_parser.add_argument("url", metavar="URL")
    add_parser.add_argument(
        "--interval",
        type=positive_int,
        default=DEFAULT_INTERVAL_MINUTES,
        metavar="MINUTES",
        help=f"minutes between polls (default {DEFAULT_INTERVAL_MINUTES})",
    )
    add_parser.add_argument("--no-poll", action="store_true", help="do not poll it right away")
    add_parser.set_defaults(handler=add)

    list_parser = actions.add_parser("list", help="the followed feeds")
    list_parser.add_argument("--format", choices=("text", "json"), default="text")
    list_parser.set_defaults(handler=list_feeds)

    status_parser = actions.add_parser("status", help="feed health: polls, failures, last error")
    status_parser.add_argument("feed", nargs="?", metavar="ID|URL")
    status_parser.add_argument("--format", choices=("text", "json"), default="text")
    status_parser.set_defaults(handler=status)

    remove_parser = actions.add_parser("remove", help="stop following a feed (articles stay)")
    remove_parser.add_argument("feed", metavar="ID|URL")
    remove_parser.set_defaults(handler=remove)

    resume_parser = actions.add_parser("resume", help="re-enable a paused or failing feed")
    resume_parser.add_argument("feed", metavar="ID|URL")
    resume_parser.set_defaults(handler=resume)

    poll_parser = actions.add_parser("poll", help="one polling pass now (for cron)")
    poll_parser.add_argument("feeds", nargs="*", metavar="ID|URL", help="only these feeds")
    poll_parser.add_argument("--all", action="store_true", help="every feed, due or not")
    poll_parser.set_defaults(handler=poll)

    fetch_parser = commands.add_parser("fetch", help="add articles by their web links")
    fetch_parser.add_argument("urls", nargs="+", metavar="URL")
    fetch_parser.set_defaults(handler=fetch)
