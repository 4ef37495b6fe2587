"""Argument parsing and dispatch for the ``briefbot`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

# Each command module registers its parser from light imports only and imports what its
# handler runs inside the handler: ``--help`` and ``articles`` never load discord.py,
# matplotlib or trafilatura (tests/cli/test_startup_imports.py, bench/startup.py).
from bot.cli import (
    briefing,
    digest,
    discord_commands,
    feeds,
    library,
    operations,
    stories,
    timeline,
)
from bot.cli.removal import register as register_removal

if TYPE_CHECKING:
    from rich.text import Text

REGISTRARS = (
    library.register,
    register_removal,
    briefing.register,
    timeline.register,
    digest.register,
    stories.register,
    feeds.register,
    discord_commands.register,
    operations.register,
)


class _VersionAction(argparse.Action):
    """``--version``, reading the installed distribution's metadata only when asked."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show the version and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        # On stdout, as argparse's own version action prints, so scripts can capture it.
        sys.stdout.write(f"briefbot {_version()}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar, one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="Cited briefings and timelines from your team's news articles.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain output even on a terminal: one line per item, no wrapping or boxes "
        "(as in a pipe, or BRIEFBOT_PLAIN=1)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for register in REGISTRARS:
        register(commands)
    _accept_plain_after_the_command(commands)
    return parser


def _accept_plain_after_the_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """``briefbot articles --plain`` as well as ``briefbot --plain articles``, in every command."""
    for command in commands.choices.values():
        # SUPPRESS: unless given here, the top-level --plain (default False) stands.
        command.add_argument(
            "--plain",
            action="store_true",
            default=argparse.SUPPRESS,
            help="plain output even on a terminal (as briefbot --plain)",
        )
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_plain_after_the_command(action)


def _version() -> str:
    """The installed distribution's version (the checkout's when run from source)."""
    from importlib import metadata

    try:
        return metadata.version("briefbot")
    except metadata.PackageNotFoundError:
        return "unknown"


def _problem(label: str, message: str) -> Text:
    from rich.text import Text

    # Messages quote paths and file contents, which must never be read as rich markup.
    return Text.assemble((label, "red"), " ", message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``briefbot`` command and return its exit status."""
    args = build_parser().parse_args(argv)
    # Only now that a command is running: ``--help`` and bad arguments stop above.
    import asyncio

    from rich.console import Console

    from bot.cli.context import CliContext, wants_plain
    from bot.render.layout_terminal import set_plain
    from bot.service import LexiconFileError
    from bot.settings import SettingsError, load_settings
    from bot.store import StoreError

    out, err = Console(), Console(stderr=True)
    # Before the settings are read: their problems, too, are one unwrapped line in a pipe or log.
    for console in (out, err):
        set_plain(console, args.plain or wants_plain(console))
    try:
        settings = load_settings()
    except SettingsError as error:
        if args.command != "check":
            for problem in error.problems:
                err.print(_problem("Configuration problem:", problem))
            return 2
        return library.report_settings_problems(error, err)
    context = CliContext(
        settings=settings,
        out=out,
        err=err,
        server_id=getattr(args, "server_id", None),
        plain=args.plain,
    )
    try:
        status: int = asyncio.run(args.handler(context, args))
    except StoreError as error:
        err.print(_problem("Store problem:", str(error)))
        return 2
    except LexiconFileError as error:
        err.print(_problem("Configuration problem:", str(error)))
        return 2
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
