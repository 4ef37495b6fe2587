"""CLI handlers for the article library: check, ingest, articles and search."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.arguments import (
    FORMATS,
    add_language_option,
    add_server_option,
    parse_day,
    positive_int,
)
from bot.cli.context import CliContext, open_service
from bot.core.credentials import MALFORMED_TOKEN, is_bot_token_shaped

if TYPE_CHECKING:
    from rich.console import Console

    from bot.core.reports import IngestReport
    from bot.service import Briefings
    from bot.settings import SettingsError


_PROGRESS_THRESHOLD = 20


def report_settings_problems(error: SettingsError, err: Console) -> int:
    """Print each configuration problem as one sentence and return the failing exit status."""
    from bot.render.terminal import marked

    for problem in error.problems:
        err.print(marked("✗", "red", problem))
    return 1


async def check(context: CliContext, args: argparse.Namespace) -> int:
    """Validate configuration and store; one plain sentence per problem, non-zero exit on any."""
    from bot.render.terminal import marked
    from bot.service import LexiconFileError, Lexicons

    settings, out = context.settings, context.out
    problems: list[str] = []
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    if not token and not args.no_discord:
        problems.append(
            "BRIEFBOT_DISCORD_TOKEN is not set, so the bot cannot connect to Discord "
            "(terminal commands work without it; use --no-discord to skip this check)."
        )
    elif token and not is_bot_token_shaped(token):
        problems.append(MALFORMED_TOKEN)
    elif token:
        out.print(marked("✓", "green", "Discord token is set (not shown)."))
    out.print(
        marked(
            "✓",
            "green",
            f"Time zone {settings.timezone}; digest default "
            f"{settings.digest_weekday} {settings.digest_time}.",
        )
    )
    problems.extend(await _check_store(context))
    try:
        Lexicons.from_file(settings.topics_file)
    except LexiconFileError as error:
        problems.append(str(error))
    problems.extend(_check_chart_fonts(context))
    if not settings.seeds_path.is_dir():
        out.print(
            marked(
                "!", "yellow", f"No seeds folder at {settings.seeds_path}; the store starts empty."
            )
        )
    for problem in problems:
        context.err.print(marked("✗", "red", problem))
    return 1 if problems else 0


def _check_chart_fonts(context: CliContext) -> list[str]:
    from bot.render.chart_fonts import FONT_ADVICE, ChartFontError, prepare_chart_fonts
    from bot.render.terminal import marked

    try:
        family = prepare_chart_fonts(context.settings.chart_font)
    except ChartFontError as error:
        return [str(error)]
    if family:
        context.out.print(marked("✓", "green", f"Timeline charts draw Chinese with {family}."))
    else:
        sentence = (
            "No installed font draws Chinese, so charts of Chinese articles would show empty "
            f"boxes: {FONT_ADVICE}."
        )
        context.out.print(marked("!", "yellow", sentence))
    return []


async def _check_store(context: CliContext) -> list[str]:
    from bot.render.brief_terminal import count_noun
    from bot.render.terminal import marked
    from bot.store import ArticleStore, StoreError

    settings = context.settings
    if settings.database_url is None:
        path = settings.database_file
        parent = path.parent
        existing = next((p for p in (parent, *parent.parents) if p.exists()), None)
        if existing is not None and not os.access(existing, os.W_OK):
            return [
                f"The database path {path} is not writable (no write permission on {existing})."
            ]
    try:
        store = await ArticleStore.open(settings.store_location)
    except StoreError as error:
        return [str(error)]
    try:
        count = await store.count_articles()
    finally:
        await store.close()
    context.out.print(
        marked(
            "✓",
            "green",
            f"Store {settings.store_label} is usable ({count_noun(count, 'article')}).",
        )
    )
    return []


def _is_link(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


async def ingest(context: CliContext, args: argparse.Namespace) -> int:
    """Ingest files, folders and links, with a progress bar for large batches and a summary."""
    from bot.core.reports import IngestReport
    from bot.render import terminal
    from bot.service.feeds import FeedPolicy, Feeds

    paths = [Path(item) for item in args.paths if not _is_link(item)]
    links = [item for item in args.paths if _is_link(item)]
    async with open_service(context) as service:
        report = await _ingest_with_progress(context, service, paths)
        if links:
            feeds = Feeds(service, policy=FeedPolicy.from_settings(context.settings))
            for link in links:
                report = report.merged(await feeds.ingest_url(link))
            report = report.merged(IngestReport(links_seen=len(links)))
    terminal.print_ingest_report(report, context.out)
    nothing_stored = not report.added and not report.duplicates
    return 1 if nothing_stored and (report.rejected or report.skipped) else 0


async def _ingest_with_progress(
    context: CliContext, service: Briefings, paths: list[Path]
) -> IngestReport:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    # Started on the first report of a large batch: even a hidden rich Progress writes a line.
    progress = Progress(
        TextColumn("Ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=context.err,
        transient=True,
    )
    task = progress.add_task("ingest", total=None)

    def on_progress(done: int, total: int) -> None:
        if total < _PROGRESS_THRESHOLD:
            return
        if not progress.live.is_started:
            progress.start()
        progress.update(task, completed=done, total=total)

    try:
        return await service.ingest_paths(paths, on_progress=on_progress)
    finally:
        if progress.live.is_started:  # stop() prints a newline even when never started
            progress.stop()


async def articles(context: CliContext, args: argparse.Namespace) -> int:
    """List stored articles, newest first."""
    from bot.render import markdown, terminal
    from bot.render.json import render_json

    async with open_service(context) as service:
        items = await service.list_articles(limit=args.limit, publisher=args.source)
        # The total is one COUNT for the whole store; with --source it would need another query
        # shape, so a full page from one publisher only says there may be more.
        total = (
            await service.count_articles()
            if args.source is None and len(items) >= args.limit
            else None
        )
    if args.format == "json":
        context.out.print_json(render_json(items))
    elif args.format == "md":
        context.out.out(markdown.render_articles(items), highlight=False)
    else:
        terminal.print_articles(
            items,
            context.out,
            publisher=args.source,
            limit=args.limit,
            total=total,
            notes=context.err,
        )
    return 0


async def search(context: CliContext, args: argparse.Namespace) -> int:
    """Show ranked matches with snippets for the given words."""
    from bot.render import markdown, terminal
    from bot.render.json import render_json

    if args.since is not None and args.until is not None and args.since >= args.until:
        context.err.print(
            f"--since {args.since:%Y-%m-%d} is not before --until {args.until:%Y-%m-%d}: "
            "give the earlier date to --since.",
            markup=False,
        )
        return 2
    async with open_service(context) as service:
        hits = await service.search(
            " ".join(args.words),
            limit=args.limit,
            publisher=args.source,
            since_at=args.since,
            until_at=args.until,
            language=args.language,
        )
    if args.format == "json":
        context.out.print_json(render_json(hits))
    elif args.format == "md":
        context.out.out(markdown.render_hits(hits), highlight=False)
    else:
        words = " ".join(args.words)
        terminal.print_hits(hits, words, context.out, limit=args.limit, notes=context.err)
    return 0 if hits else 1


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the library commands: check, ingest, articles, search."""
    check_parser = commands.add_parser("check", help="validate the configuration and the store")
    check_parser.add_argument(
        "--no-discord", action="store_true", help="do not require a Discord token (terminal use)"
    )
    check_parser.set_defaults(handler=check)

    ingest_parser = commands.add_parser("ingest", help="add articles from files, folders and links")
    ingest_parser.add_argument("paths", nargs="+", metavar="PATH|URL")
    add_server_option(ingest_parser)
    ingest_parser.set_defaults(handler=ingest)

    articles_parser = commands.add_parser("articles", help="list stored articles, newest first")
    articles_parser.add_argument(
        "--limit",
        type=positive_int,
        default=20,
        metavar="N",
        help="at most N articles (default 20)",
    )
    articles_parser.add_argument("--source", metavar="PUBLISHER", help="only this publisher")
    articles_parser.add_argument("--format", choices=FORMATS, default="text")
    add_server_option(articles_parser)
    articles_parser.set_defaults(handler=articles)

    search_parser = commands.add_parser("search", help="ranked full-text search with snippets")
    search_parser.add_argument("words", nargs="+", metavar="WORD")
    search_parser.add_argument(
        "--limit", type=positive_int, default=10, metavar="N", help="at most N matches (default 10)"
    )
    search_parser.add_argument("--source", metavar="PUBLISHER", help="only this publisher")
    search_parser.add_argument(
        "--since",
        type=parse_day,
        metavar="DATE",
        help="published on or after DATE (2024, 2024-05, 2024-05-17 or ISO)",
    )
    search_parser.add_argument(
        "--until", type=parse_day, metavar="DATE", help="published before DATE"
    )
    add_language_option(search_parser)
    search_parser.add_argument("--format", choices=FORMATS, default="text")
    add_server_option(search_parser)
    search_parser.set_defaults(handler=search)
