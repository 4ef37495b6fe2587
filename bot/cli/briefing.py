"""CLI handlers for briefs: ``briefbot brief TOPIC`` and ``briefbot brief --article ID``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli.arguments import (
    FORMATS,
    add_language_option,
    add_server_option,
    article_id,
    day_count,
    parse_day,
    positive_int,
)
from bot.cli.context import CliContext, open_service

if TYPE_CHECKING:
    from bot.core.brief import Brief, TopicNotFound


def _refusal(args: argparse.Namespace) -> str | None:
    """Why the arguments cannot make a brief, or ``None`` when they can."""
    if args.topic and args.article is not None:
        return "Give a topic (briefbot brief chips) or --article ID, not both."
    if not args.topic and args.article is None:
        return "Give a topic (briefbot brief chips) or --article ID."
    if args.topic and not " ".join(args.topic).strip():
        return "The topic is blank: give a word or phrase, e.g. briefbot brief chips."
    return None


def _filters(args: argparse.Namespace) -> list[str]:
    """The filters a person gave, worded to follow "Nothing on 'chips' …"."""
    filters = []
    if args.source is not None:
        filters.append(f"from {args.source}")
    if args.since is not None:
        filters.append(f"since {args.since:%Y-%m-%d}")
    if args.days is not None:
        filters.append(f"in the last {args.days} day" + ("" if args.days == 1 else "s"))
    if args.language is not None:
        filters.append(f"in language {args.language}")
    return filters


async def brief(context: CliContext, args: argparse.Namespace) -> int:
    """Print a cited brief on a topic (or one article); exit 1 when nothing is stored on it."""
    from bot.core.brief import TopicNotFound
    from bot.render.brief_markdown import render_brief_markdown, render_not_found_markdown
    from bot.render.brief_terminal import (
        filtered_not_found_line,
        print_brief,
        print_filtered_not_found,
        print_not_found,
    )
    from bot.render.json import render_json
    from bot.render.markdown import escape_markdown
    from bot.service import BriefRequest

    refusal = _refusal(args)
    if refusal is not None:
        context.err.print(refusal, markup=False)
        return 2
    filtered_line: str | None = None
    async with open_service(context) as service:
        answer: Brief | TopicNotFound | None
        if args.article is not None:
            answer = await service.article_brief(args.article)
        else:
            request = BriefRequest(
                " ".join(args.topic).strip(),
                days=args.days,
                since_at=args.since,
                publisher=args.source,
                max_articles=args.max_articles,
                language=args.language,
            )
            answer = await service.brief(request)
            filters = _filters(args)
            if isinstance(answer, TopicNotFound) and filters and answer.unfiltered_count:
                filtered_line = filtered_not_found_line(
                    request.topic, filters, answer.unfiltered_count
                )
    if answer is None:
        context.err.print(f"No stored article has id {args.article} (see briefbot articles).")
        return 1
    if args.format == "json":
        context.out.print_json(render_json(answer))
    elif filtered_line is not None and args.format == "md":
        context.out.out(escape_markdown(filtered_line), highlight=False)
    elif filtered_line is not None:
        print_filtered_not_found(filtered_line, context.out)
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
    parser.add_argument(
        "--article", type=article_id, metavar="ID", help="brief one stored article by id"
    )
    parser.add_argument(
        "--days", type=day_count, metavar="N", help="only articles from the last N days"
    )
    parser.add_argument(
        "--since",
        type=parse_day,
        metavar="DATE",
        help="only articles from DATE on (2024, 2024-05, 2024-05-17 or ISO)",
    )
    parser.add_argument("--source", metavar="PUBLISHER", help="only this publisher")
    add_language_option(parser)
    parser.add_argument(
        "--max-articles",
        type=positive_int,
        default=8,
        metavar="N",
        help="use at most N articles (default 8)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    add_server_option(parser)
    parser.set_defaults(handler=brief)
