"""CLI handler for digests: ``briefbot digest [--since DATE] [--format ...]``."""

from __future__ import annotations

import argparse

from bot.cli.arguments import FORMATS, parse_day
from bot.cli.context import CliContext, open_service

_OMIT = frozenset({"sentences", "snapshot"})


async def digest(context: CliContext, args: argparse.Namespace) -> int:
    """Print the digest of the last 7 days (or since --since), as it would be posted now."""
    from bot.render.digest_markdown import render_digest_markdown
    from bot.render.digest_terminal import print_digest
    from bot.render.json import render_json
    from bot.service.digests import DigestDefaults, Digests

    async with open_service(context) as service:
        defaults = DigestDefaults.from_settings(context.settings)
        digests = Digests(service.store, defaults, clock=service.clock)
        if args.since_at is not None and args.since_at >= service.clock():
            context.err.print(f"--since {args.since_at:%Y-%m-%d} is in the future.", markup=False)
            return 2
        result = await digests.preview(None, since_at=args.since_at)
    if args.format == "json":
        context.out.print_json(render_json(result, omit=_OMIT))
    elif args.format == "md":
        context.out.out(render_digest_markdown(result), highlight=False)
    else:
        print_digest(result, context.out)
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``digest`` command."""
    parser = commands.add_parser(
        "digest", help="the weekly digest: top stories, what changed, what is coming up"
    )
    # Printing is all the terminal does, so --preview changes nothing; kept so old scripts run.
    parser.add_argument(
        "--preview",
        action="store_true",
        help="accepted for compatibility: the digest is always printed here, never posted "
        "(post in Discord with /digest now)",
    )
    parser.add_argument(
        "--since",
        dest="since_at",
        type=parse_day,
        help="cover DATE until now (default 7 days)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.set_defaults(handler=digest)
