"""CLI handler for ``briefbot remove``: preview, confirm, remove, and say what was not found."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bot.cli.arguments import add_server_option, positive_int
from bot.cli.context import CliContext, open_service

if TYPE_CHECKING:
    from rich.console import Console

# Exit statuses: every id removed, some id unknown or refused, nothing done for lack of a yes.
DONE, PARTLY, NOT_CONFIRMED = 0, 1, 2
NO_TERMINAL = (
    "Not removing anything: there is no terminal to confirm on. Run it again with --yes to "
    "remove without asking."
)


def _ids(values: list[str], err: Console) -> tuple[list[int], bool]:
    """The values that are article ids, and whether any was not."""
    from rich.text import Text

    from bot.store.date_keys import ID_MASK

    ids: list[int] = []
    bad = False
    for value in values:
        if value.isdecimal() and 0 < int(value) <= ID_MASK:
            ids.append(int(value))
        else:
            err.print(Text(f"'{value}' is not an article id (a positive whole number)."))
            bad = True
    return ids, bad


def _confirmed(count: int, err: Console) -> bool:
    from rich.text import Text

    what = "this article" if count == 1 else f"these {count} articles"
    err.print(Text(f"Remove {what}? [y/N] "), end="")
    try:
        answer = input()
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


async def remove(context: CliContext, args: argparse.Namespace) -> int:
    """Show the articles the ids name, confirm unless ``--yes``, remove them and report."""
    from rich.text import Text

    from bot.core.removals import CLI_REMOVER
    from bot.render.removal_text import (
        article_line,
        preview_heading,
        removed_lines,
        unknown_line,
    )
    from bot.service.removal import MAX_IDS, Removals

    out, err = context.out, context.err
    ids, bad = _ids(args.ids, err)
    if not ids:
        return PARTLY
    if len(ids) > MAX_IDS:
        err.print(Text(f"At most {MAX_IDS:,} article ids can be removed at once."), soft_wrap=True)
        return NOT_CONFIRMED
    async with open_service(context) as service:
        removals = Removals(service.store, clock=service.clock)
        found, unknown = await removals.preview(ids)
        if unknown:
            err.print(Text(unknown_line(unknown)), soft_wrap=True)
        if not found:
            return PARTLY
        out.print(Text(preview_heading(len(found))))
        for article in found:
            out.print(Text(f"  {article_line(article)}"), soft_wrap=True)
        if not args.yes:
            if not sys.stdin.isatty():
                err.print(Text(NO_TERMINAL), soft_wrap=True)
                return NOT_CONFIRMED
            if not _confirmed(len(found), err):
                err.print(Text("Nothing was removed."))
                return NOT_CONFIRMED
        report = await removals.remove([a.id for a in found], removed_by=CLI_REMOVER)
    for line in removed_lines(report):
        out.print(Text(line), soft_wrap=True)
    return PARTLY if bad or unknown or report.unknown else DONE


async def removed(context: CliContext, args: argparse.Namespace) -> int:
    """List the latest removals (tombstones), newest first."""
    from rich.text import Text

    from bot.render.removal_text import NO_REMOVALS, tombstone_line

    async with open_service(context) as service:
        tombstones = await service.store.list_tombstones(limit=args.limit)
    if not tombstones:
        context.out.print(Text(NO_REMOVALS))
    for tombstone in tombstones:
        context.out.print(Text(tombstone_line(tombstone)), soft_wrap=True)
    return DONE


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``remove`` and ``removed``."""

    parser = commands.add_parser(
        "remove",
        help="take wrong articles out of the store (they stay out of feeds)",
        description="Remove stored articles by id (see `briefbot articles`): they leave search, "
        "briefs, timelines, stories and digests, and a feed that serves them again does not "
        "bring them back. Asks before removing unless --yes.",
    )
    parser.add_argument("ids", nargs="+", metavar="ID", help="article ids, as `articles` shows")
    parser.add_argument("--yes", "-y", action="store_true", help="remove without asking")
    add_server_option(parser)
    parser.set_defaults(handler=remove)

    listing = commands.add_parser(
        "removed", help="the latest removals: when, by whom, and the address to re-add"
    )
    listing.add_argument(
        "--limit",
        type=positive_int,
        default=20,
        metavar="N",
        help="at most N removals (default 20)",
    )
    listing.set_defaults(handler=removed)
