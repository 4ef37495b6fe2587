"""CLI handler for ``briefbot stories [--since DATE] [--limit N] [--format ...]``."""

from __future__ import annotations

import argparse

from bot.cli.arguments import add_server_option, parse_day, whole_number_in
from bot.cli.context import CliContext, open_service

MAX_LIMIT = 50


async def stories(context: CliContext, args: argparse.Namespace) -> int:
    """List the current stories with their outlets, newest activity first."""
    from bot.render.json import render_json
    from bot.render.layout_terminal import is_plain
    from bot.render.stories_text import render_stories_text, stories_heading
    from bot.render.terminal import print_note

    async with open_service(context) as service:
        found = await service.stories.current(since_at=args.since_at, limit=args.limit)
    if args.format == "json":
        context.out.print_json(render_json(found, omit=frozenset({"sentences", "body", "lead"})))
    else:
        # A pipe gets the stories only; their count goes to stderr, as for `articles`.
        plain = is_plain(context.out)
        if plain and found:
            print_note(stories_heading(len(found), args.since_at), context.err)
        for line in render_stories_text(found, args.since_at, heading=not plain):
            context.out.print(line, markup=False, highlight=False, soft_wrap=True)
    # Nothing found is status 1, as for an empty search, brief or timeline.
    return 0 if found else 1


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stories`` command."""
    parser = commands.add_parser(
        "stories", help="current stories: the same event from several outlets, as one entry"
    )
    parser.add_argument(
        "--since",
        dest="since_at",
        type=parse_day,
        metavar="DATE",
        help="only stories with an article from DATE",
    )
    parser.add_argument(
        "--limit",
        type=whole_number_in(1, MAX_LIMIT),
        default=20,
        metavar="N",
        help=f"at most N stories (1-{MAX_LIMIT}, default 20)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_server_option(parser)
    parser.set_defaults(handler=stories)
