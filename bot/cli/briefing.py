"""CLI handlers for briefs: ``briefbot brief TOPIC`` and ``briefbot brief --article ID``."""

from __future__ import annotations

import argparse

from bot.cli.arguments import FORMATS, parse_day, positive_int
from bot.cli.context import CliContext, open_service
from bot.core.brief import Brief, TopicNotFound
from bot.render.brief_markdown import render_brief_markdown, render_not_found_markdown
from bot.render.brief_terminal import print_brief, print_not_found
from bot.render.json import render_json
from bot.service import BriefRequest


async def brief(context: CliContext, args: argparse.Namespace) -> int:
    """Print a cited brief on a topic (or one article); exit 1 when nothing is stored on it."""
    if bool(args.topic) == (args.article is not None):
        context.err.print("Give a topic (briefbot brief chips) or --article ID, not both.")
        return 2
    async with open_service(context) as service:
        answer: Brief | TopicNotFound | None
        if args.article is not None:
            answer = await service.article_brief(args.article)
        else:
            request = BriefRequest(
                " ".join(args.topic),
                days=args.days,
                since_at=args.since,
                publisher=args.source,
                max_articles=args.max_articles,
            )
            answer = await service.brief(request)
    if answer is None:
        context.err.print(f"No stored article has id {args.article} (see briefbot articles).")
        return 1
    if args.format == "json":
        context.out.print_json(render_json(answer))
    elif isinstance(answer, TopicNotFound):
        if args.format == "md":
            context.out.out(render_not_found_markdown(answer), highlight=False)
        else:
            print_not_found(answer, context.out)
    elif args.format == "md":
        context.out.out(render_brief_markdown(answer), highlight=False)
    else:
        print_brief(answer, context.out)
    return 1 if isinstance(answer, TopicNotFound) else 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``brief`` command."""
    parser = commands.add_parser("brief", help="a cited briefing on a topic, in the card format")
    parser.add_argument("topic", nargs="*", metavar="TOPIC")
    parser.add_argument("--article", type=positive_int, help="brief one stored article by id")
    parser.add_argument("--days", type=positive_int, help="only articles from the last N days")
    parser.add_argument("--since", type=parse_day, help="only articles from YYYY-MM-DD on")
    parser.add_argument("--source", help="only this publisher")
    parser.add_argument("--max-articles", type=positive_int, default=8)
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.set_defaults(handler=brief)
