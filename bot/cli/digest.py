"""CLI handler for digests: ``briefbot digest [--since DATE] [--format ...]``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.cli.arguments import FORMATS, add_server_option, parse_day
from bot.cli.context import CliContext, open_service

if TYPE_CHECKING:
    from bot.core.digest import Digest
    from bot.store import ArticleStore

_OMIT = frozenset({"sentences", "snapshot"})
PREVIEW_GONE = (
    "--preview was removed: this command always prints the digest and never posts it, "
    "so run `briefbot digest` (post in Discord with /digest now)"
)


async def digest(context: CliContext, args: argparse.Namespace) -> int:
    """Print the digest of the last 7 days (or since --since), as it would be posted now."""
    from bot.render.digest_markdown import render_digest_markdown
    from bot.render.digest_terminal import print_digest
    from bot.render.json import render_json
    from bot.service.digests import DigestDefaults, Digests

    async with open_service(context) as service:
        defaults = DigestDefaults.from_settings(context.settings)
        digests = Digests(service.store, defaults, clock=service.clock, stories=service.stories)
        if args.since_at is not None and args.since_at >= service.clock():
            context.err.print(f"--since {args.since_at:%Y-%m-%d} is in the future.", markup=False)
            return 2
        result = await digests.preview(context.server_id, since_at=args.since_at)
        hint = await _quiet_hint(service.store, result) if result.is_quiet else None
    if args.format == "json":
        context.out.print_json(render_json(result, omit=_OMIT))
    elif args.format == "md":
        context.out.out(render_digest_markdown(result), highlight=False)
    else:
        print_digest(result, context.out)
    if hint is not None:
        # On stderr, so Markdown and JSON on stdout stay exactly the digest.
        context.err.print(hint, markup=False, highlight=False, soft_wrap=True)
    return 0


async def _quiet_hint(store: ArticleStore, result: Digest) -> str:
    """What an empty digest leaves out: how many articles are stored and the --since that shows them."""
    from bot.render.digest_text import plural

    count = await store.count_articles()
    if count == 0:
        return (
            "The store is empty: add articles with `briefbot ingest PATH` "
            "or follow a feed with `briefbot feed add URL`."
        )
    stored = plural(count, "stored article")
    (oldest,) = await store.list_articles(limit=1, offset=count - 1)
    if oldest.dated_at < result.period_start_at:
        since = f"{oldest.dated_at:%Y-%m-%d}"
        return (
            f"None of the {stored} is dated in this period; `briefbot digest --since {since}` "
            "covers them all, and `briefbot articles` lists them."
        )
    return f"None of the {stored} is dated in this period; `briefbot articles` lists them."


class _RemovedFlag(argparse.Action):
    """A flag that is gone: using it stops with a sentence saying what to do instead."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=argparse.SUPPRESS)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        parser.error(PREVIEW_GONE)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``digest`` command."""
    parser = commands.add_parser(
        "digest",
        help="the weekly digest: top stories, what changed, what is coming up",
        description="Print the digest as it would be posted now (it is never posted from here).",
    )
    # Hidden: old scripts that pass it are told it went, rather than told nothing.
    parser.add_argument("--preview", action=_RemovedFlag)
    parser.add_argument(
        "--since",
        dest="since_at",
        type=parse_day,
        metavar="DATE",
        help="cover DATE until now (default 7 days)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    add_server_option(parser)
    parser.set_defaults(handler=digest)
