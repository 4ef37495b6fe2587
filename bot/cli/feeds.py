"""CLI handlers for feeds and links: ``feed add|list|remove|status|resume|poll`` and ``fetch URL``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli.arguments import MAX_POLL_MINUTES, MIN_POLL_MINUTES, add_server_option, poll_minutes
from bot.cli.context import CliContext, open_service
from bot.core.feeds import DEFAULT_INTERVAL_MINUTES, parse_feed_key

if TYPE_CHECKING:
    from bot.service.briefings import Briefings
    from bot.service.feeds import Feeds


def _feeds(context: CliContext, service: Briefings) -> Feeds:
    # Feeds bring the fetcher, aiohttp and trafilatura: loaded by the feed commands alone.
    from bot.service.feeds import FeedPolicy, Feeds

    return Feeds(service, policy=FeedPolicy.from_settings(context.settings))


async def add(context: CliContext, args: argparse.Namespace) -> int:
    """Follow a feed, then poll it once unless --no-poll."""
    from bot.render.feeds_text import added_text, failure_text, print_poll
    from bot.service.feeds import FeedError

    async with open_service(context) as service:
        feeds = _feeds(context, service)
        try:
            added = await feeds.add(args.url, interval_minutes=args.interval)
        except FeedError as error:
            context.err.print(failure_text(str(error)))
            return 1
        context.out.print(added_text(added))
        if not args.no_poll:
            print_poll(await feeds.poll([added.feed.id]), context.out, context.err)
    return 0


async def list_feeds(context: CliContext, args: argparse.Namespace) -> int:
    """List the followed feeds."""
    from bot.render.feeds_text import feeds_json, print_feeds

    async with open_service(context) as service:
        items = await _feeds(context, service).list()
    if args.format == "json":
        context.out.print_json(feeds_json(items))
    else:
        print_feeds(items, context.out)
    return 0


async def status(context: CliContext, args: argparse.Namespace) -> int:
    """Feed health: last and next poll, failures, last error; exit 1 when any feed is unwell."""
    from bot.render.feeds_text import failure_text, feeds_json, print_health
    from bot.service.feeds import FeedError

    async with open_service(context) as service:
        feeds = _feeds(context, service)
        try:
            items = (
                [await feeds.find(parse_feed_key(args.feed))] if args.feed else await feeds.list()
            )
        except FeedError as error:
            context.err.print(failure_text(str(error)))
            return 1
    if args.format == "json":
        context.out.print_json(feeds_json(items))
    else:
        print_health(items, context.out)
    return 1 if any(f.failures or f.paused for f in items) else 0


async def remove(context: CliContext, args: argparse.Namespace) -> int:
    """Stop following a feed; its stored articles stay."""
    from bot.render.feeds_text import failure_text, removed_text
    from bot.service.feeds import FeedError

    async with open_service(context) as service:
        try:
            feed = await _feeds(context, service).remove(parse_feed_key(args.feed))
        except FeedError as error:
            context.err.print(failure_text(str(error)))
            return 1
    context.out.print(removed_text(feed))
    return 0


async def resume(context: CliContext, args: argparse.Namespace) -> int:
    """Re-enable a paused or failing feed; it is polled on the next pass."""
    from bot.render.feeds_text import failure_text, resumed_text
    from bot.service.feeds import FeedError

    async with open_service(context) as service:
        try:
            feed = await _feeds(context, service).resume(parse_feed_key(args.feed))
        except FeedError as error:
            context.err.print(failure_text(str(error)))
            return 1
    context.out.print(resumed_text(feed))
    return 0


async def poll(context: CliContext, args: argparse.Namespace) -> int:
    """One polling pass (due feeds, the named ones, or --all); exit 1 only if every feed failed."""
    from bot.render.feeds_text import failure_text, print_poll
    from bot.service.feeds import FeedError

    async with open_service(context) as service:
        feeds = _feeds(context, service)
        try:
            if args.feeds or args.all:
                summary = await feeds.poll([parse_feed_key(k) for k in args.feeds])
            else:
                summary = await feeds.poll_due()
        except FeedError as error:
            context.err.print(failure_text(str(error)))
            return 1
    print_poll(summary, context.out, context.err)
    return 1 if summary.results and summary.failed == len(summary.results) else 0


async def fetch(context: CliContext, args: argparse.Namespace) -> int:
    """Add articles by their links; exit 1 when none could be stored or matched."""
    from bot.core.reports import IngestReport
    from bot.render.feeds_text import print_fetched

    report = IngestReport()
    async with open_service(context) as service:
        feeds = _feeds(context, service)
        for url in args.urls:
            report = report.merged(await feeds.ingest_url(url))
    print_fetched(report, context.out, context.err)
    return 1 if report.rejected and not report.added and not report.duplicates else 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``feed`` (add, list, remove, status, resume, poll) and ``fetch``."""
    feed = commands.add_parser("feed", help="follow RSS/Atom feeds and check their health")
    actions = feed.add_subparsers(dest="feed_command", required=True, metavar="ACTION")

    add_parser = actions.add_parser("add", help="follow a feed (a page's advertised feed works)")
    add_parser.add_argument("url", metavar="URL")
    add_parser.add_argument(
        "--interval",
        type=poll_minutes,
        metavar="MINUTES",
        help=f"minutes between polls, {MIN_POLL_MINUTES} to {MAX_POLL_MINUTES:,} "
        f"(default {DEFAULT_INTERVAL_MINUTES}; a feed already followed keeps its own)",
    )
    add_parser.add_argument("--no-poll", action="store_true", help="do not poll it right away")
    add_server_option(add_parser)
    add_parser.set_defaults(handler=add)

    list_parser = actions.add_parser("list", help="the followed feeds")
    list_parser.add_argument("--format", choices=("text", "json"), default="text")
    add_server_option(list_parser)
    list_parser.set_defaults(handler=list_feeds)

    status_parser = actions.add_parser("status", help="feed health: polls, failures, last error")
    status_parser.add_argument("feed", nargs="?", metavar="ID|URL")
    status_parser.add_argument("--format", choices=("text", "json"), default="text")
    add_server_option(status_parser)
    status_parser.set_defaults(handler=status)

    remove_parser = actions.add_parser("remove", help="stop following a feed (articles stay)")
    remove_parser.add_argument("feed", metavar="ID|URL")
    add_server_option(remove_parser)
    remove_parser.set_defaults(handler=remove)

    resume_parser = actions.add_parser("resume", help="re-enable a paused or failing feed")
    resume_parser.add_argument("feed", metavar="ID|URL")
    add_server_option(resume_parser)
    resume_parser.set_defaults(handler=resume)

    poll_parser = actions.add_parser("poll", help="one polling pass now (for cron)")
    poll_parser.add_argument("feeds", nargs="*", metavar="ID|URL", help="only these feeds")
    poll_parser.add_argument("--all", action="store_true", help="every feed, due or not")
    add_server_option(poll_parser)
    poll_parser.set_defaults(handler=poll)

    fetch_parser = commands.add_parser("fetch", help="add articles by their web links")
    fetch_parser.add_argument("urls", nargs="+", metavar="URL")
    add_server_option(fetch_parser)
    fetch_parser.set_defaults(handler=fetch)
