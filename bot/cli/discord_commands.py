"""CLI commands for Discord: ``briefbot run`` starts the bot, ``briefbot sync`` registers commands."""

from __future__ import annotations

import argparse

from rich.text import Text

from bot.cli.context import CliContext, open_service
from bot.client import BriefBot, MissingTokenError, require_token, run_bot
from bot.logs import configure_logging

MISSING_TOKEN_STATUS = 2


def _token_or_report(context: CliContext) -> str | None:
    try:
        return require_token(context.settings)
    except MissingTokenError as error:
        context.err.print(Text(str(error), style="red"))
        return None


async def run(context: CliContext, args: argparse.Namespace) -> int:
    """Run the Discord bot until SIGTERM or SIGINT."""
    if _token_or_report(context) is None:
        return MISSING_TOKEN_STATUS
    configure_logging(context.settings)
    await run_bot(context.settings)
    return 0


async def sync(context: CliContext, args: argparse.Namespace) -> int:
    """Register the slash commands now and print what Discord holds afterwards."""
    token = _token_or_report(context)
    if token is None:
        return MISSING_TOKEN_STATUS
    async with open_service(context, seed=False) as service:
        bot = BriefBot(service, context.settings, sync_on_start=False, start_scheduler=False)
        async with bot:
            await bot.login(token)
            synced = await bot.sync_commands()
    guild_id = context.settings.dev_guild_id
    where = f"guild {guild_id}" if guild_id is not None else "every server (global)"
    context.out.print(Text(f"Registered {len(synced)} commands for {where}:", style="bold"))
    for command in sorted(synced, key=lambda c: c.name):
        context.out.print(Text(f"  /{command.name} — {command.description}"))
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the Discord commands: run and sync."""
    run_parser = commands.add_parser("run", help="start the Discord bot (needs the bot token)")
    run_parser.set_defaults(handler=run)
    sync_parser = commands.add_parser(
        "sync", help="register the slash commands now (dev guild if set, else global)"
    )
    sync_parser.set_defaults(handler=sync)
